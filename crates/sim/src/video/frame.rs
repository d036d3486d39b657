//! A video frame: real pixels (RGBA, row by row) that the page draws and the analysis
//! consumer reads. Frames are never stored: a fragment keeps what regenerates them (the
//! camera's scene and the frame's index), and a frame is rendered when something looks.

use super::limits::{FRAME_HEIGHT, FRAME_WIDTH};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// `width × height` pixels, 4 bytes each (red, green, blue, alpha), top row first.
    pub rgba: Vec<u8>,
}

impl Frame {
    /// A black frame of the lab's size.
    pub fn blank() -> Frame {
        // Opaque: a page draws these bytes as they are (`ImageData`), and a pixel with alpha 0
        // would show nothing whatever its colour.
        let pixels = (FRAME_WIDTH * FRAME_HEIGHT) as usize;
        Frame { width: FRAME_WIDTH, height: FRAME_HEIGHT, rgba: [0, 0, 0, 255].repeat(pixels) }
    }

    /// The pixel at (x, y) as (r, g, b).
    pub fn rgb(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = ((y * self.width + x) * 4) as usize;
        (self.rgba[i], self.rgba[i + 1], self.rgba[i + 2])
    }

    /// Each pixel's brightness (ITU-R BT.601 luma, in integers so that every platform
    /// computes the same value): what motion detection compares.
    pub fn luma(&self) -> Vec<u8> {
        self.rgba
            .chunks_exact(4)
            .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32) >> 8) as u8)
            .collect()
    }

    /// FNV-1a of the pixels: what the determinism tests compare natively and in wasm.
    pub fn pixel_hash(&self) -> u64 {
        self.rgba.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01B3))
    }
}

/// A rectangle of a frame, in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BoundingBox {
    #[serde(rename = "Left")]
    pub left: u32,
    #[serde(rename = "Top")]
    pub top: u32,
    #[serde(rename = "Width")]
    pub width: u32,
    #[serde(rename = "Height")]
    pub height: u32,
}

impl BoundingBox {
    pub fn right(&self) -> u32 {
        self.left + self.width
    }
    pub fn bottom(&self) -> u32 {
        self.top + self.height
    }
    /// Whether the two rectangles share at least one pixel.
    pub fn overlaps(&self, other: &BoundingBox) -> bool {
        self.left < other.right() && other.left < self.right() && self.top < other.bottom() && other.top < self.bottom()
    }
}
