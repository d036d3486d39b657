//! The camera's picture: a deterministic synthetic scene — a sky and ground with a few
//! buildings, shapes that cross it, and a figure that walks in, across and out again — drawn
//! into real pixels. Integer arithmetic only, so every platform draws the same bytes; a
//! little sensor noise makes motion detection work for its living, as with a real camera.

use super::frame::{BoundingBox, Frame};
use super::limits::{FIGURE_PERIOD, FIGURE_WALK, FRAME_HEIGHT as H, FRAME_WIDTH as W, MAX_MOVING_SHAPES};
use crate::rng::SimRng;
use crate::time::SimDuration;

pub use crate::pipeline::video_settings::SceneSettings;

/// A hash of 30 frames of seed `seed`'s busy scene (3 shapes and the figure), 4 s in: what
/// the tests pin, natively and in the page's wasm, so that the same seed draws the same
/// pixels everywhere.
pub fn sample_hash(seed: u64) -> u64 {
    let scene = Scene::new(seed, &SceneSettings { moving_shapes: 3, walking_figure: true });
    (0..30u64).fold(0u64, |h, i| {
        h.rotate_left(7) ^ scene.render(SimDuration::from_millis(4_000 + i * 66), 60 + i).pixel_hash()
    })
}

/// What `sample_hash(2024)` is on every platform.
pub const PIXELS_HASH_2024: u64 = 14_098_048_699_641_517_922;

/// The row where the ground starts.
const HORIZON: u32 = 70;
/// The row the figure's feet stand on.
const FEET: i64 = 104;

#[derive(Clone, Debug)]
struct Shape {
    round: bool,
    size: i64,
    colour: [u8; 3],
    /// Start position and speed, in thousandths of a pixel and pixels per second.
    x0: i64,
    y0: i64,
    vx: i64,
    vy: i64,
}

/// A scene ready to draw: its still background is drawn once.
#[derive(Clone, Debug)]
pub struct Scene {
    seed: u64,
    background: Vec<u8>,
    shapes: Vec<Shape>,
    figure: bool,
    /// When, within each `FIGURE_PERIOD`, the figure starts walking in.
    figure_offset_ms: i64,
}

/// Colours far in brightness from the sky, the ground and the buildings: a shape whose
/// brightness matched what it crosses would be invisible to a brightness-based detector.
const SHAPE_COLOURS: [[u8; 3]; 4] = [[250, 250, 240], [25, 35, 110], [255, 236, 60], [60, 20, 70]];

impl Scene {
    pub fn new(seed: u64, settings: &SceneSettings) -> Scene {
        let mut rng = SimRng::seed_from_u64(seed).derive("scene");
        let background = draw_background(&mut rng);
        let speed = |rng: &mut SimRng| {
            let v = 20 + rng.below(30) as i64;
            if rng.below(2) == 0 {
                v
            } else {
                -v
            }
        };
        let shapes = (0..settings.moving_shapes.min(MAX_MOVING_SHAPES))
            .map(|k| {
                let size = 10 + rng.below(8) as i64;
                Shape {
                    round: k % 2 == 0,
                    size,
                    colour: SHAPE_COLOURS[k as usize % SHAPE_COLOURS.len()],
                    x0: rng.below(((W as i64 - size) * 1_000) as u64) as i64,
                    y0: rng.below(((H as i64 - size) * 1_000) as u64) as i64,
                    vx: speed(&mut rng),
                    vy: speed(&mut rng),
                }
            })
            .collect();
        let figure_offset_ms = 2_000 + rng.below(4_000) as i64;
        Scene { seed, background, shapes, figure: settings.walking_figure, figure_offset_ms }
    }

    /// The frame `frame_index`, captured `t` after the camera started.
    pub fn render(&self, t: SimDuration, frame_index: u64) -> Frame {
        let mut frame = Frame { width: W, height: H, rgba: self.background.clone() };
        self.add_noise(&mut frame, frame_index);
        let t_ms = t.as_millis() as i64;
        for shape in &self.shapes {
            let (x, y) = shape_position(shape, t_ms);
            let colour = shape.colour;
            for py in y..y + shape.size {
                for px in x..x + shape.size {
                    if shape.round {
                        let (dx, dy) = (2 * (px - x) + 1 - shape.size, 2 * (py - y) + 1 - shape.size);
                        if dx * dx + dy * dy > shape.size * shape.size {
                            continue;
                        }
                    }
                    put(&mut frame, px, py, colour);
                }
            }
        }
        if let Some(x) = self.figure_x(t_ms) {
            draw_figure(&mut frame, x, t_ms);
        }
        frame
    }

    /// Where the moving things of the scene are at `t`, clipped to the picture: what a
    /// motion detector should find. Empty for a still scene.
    pub fn moving_boxes(&self, t: SimDuration) -> Vec<BoundingBox> {
        let t_ms = t.as_millis() as i64;
        let mut boxes: Vec<BoundingBox> = self
            .shapes
            .iter()
            .filter_map(|s| {
                let (x, y) = shape_position(s, t_ms);
                clip(x, y, s.size, s.size)
            })
            .collect();
        if let Some(x) = self.figure_x(t_ms) {
            boxes.extend(clip(x, FEET - FIGURE_HEIGHT, FIGURE_WIDTH, FIGURE_HEIGHT));
        }
        boxes
    }

    /// The figure's left edge at `t_ms`, while it is walking.
    fn figure_x(&self, t_ms: i64) -> Option<i64> {
        if !self.figure {
            return None;
        }
        let period = FIGURE_PERIOD.as_millis() as i64;
        let walk = FIGURE_WALK.as_millis() as i64;
        let into = (t_ms - self.figure_offset_ms).rem_euclid(period);
        if t_ms < self.figure_offset_ms || into >= walk {
            return None;
        }
        // From just outside the left edge to just outside the right one.
        let distance = W as i64 + FIGURE_WIDTH;
        Some(-FIGURE_WIDTH + distance * into / walk)
    }

    /// Sensor noise: each pixel a little brighter or darker, from the seed and the frame.
    fn add_noise(&self, frame: &mut Frame, frame_index: u64) {
        let mut state = self.seed ^ frame_index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for pixel in frame.rgba.chunks_exact_mut(4) {
            // xorshift64: cheap, and the same on every platform.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let delta = (state % 5) as i16 - 2;
            for c in &mut pixel[..3] {
                *c = (*c as i16 + delta).clamp(0, 255) as u8;
            }
        }
    }
}

const FIGURE_WIDTH: i64 = 12;
const FIGURE_HEIGHT: i64 = 40;

/// A shape's top-left corner at `t_ms`: it bounces off the edges.
fn shape_position(shape: &Shape, t_ms: i64) -> (i64, i64) {
    let bounce = |start: i64, speed: i64, span: i64| {
        let span = span * 1_000;
        let m = (start + speed * t_ms).rem_euclid(2 * span);
        (if m <= span { m } else { 2 * span - m }) / 1_000
    };
    (bounce(shape.x0, shape.vx, W as i64 - shape.size), bounce(shape.y0, shape.vy, H as i64 - shape.size))
}

fn clip(x: i64, y: i64, w: i64, h: i64) -> Option<BoundingBox> {
    let (left, top) = (x.max(0), y.max(0));
    let (right, bottom) = ((x + w).min(W as i64), (y + h).min(H as i64));
    (left < right && top < bottom).then(|| BoundingBox {
        left: left as u32,
        top: top as u32,
        width: (right - left) as u32,
        height: (bottom - top) as u32,
    })
}

fn put(frame: &mut Frame, x: i64, y: i64, [r, g, b]: [u8; 3]) {
    if x < 0 || y < 0 || x >= W as i64 || y >= H as i64 {
        return;
    }
    let i = ((y as u32 * W + x as u32) * 4) as usize;
    frame.rgba[i..i + 3].copy_from_slice(&[r, g, b]);
}

fn fill(frame: &mut Frame, x: i64, y: i64, w: i64, h: i64, colour: [u8; 3]) {
    for py in y..y + h {
        for px in x..x + w {
            put(frame, px, py, colour);
        }
    }
}

/// A walking figure with its left edge at `x`: head, shirt, and legs that swing.
fn draw_figure(frame: &mut Frame, x: i64, t_ms: i64) {
    let top = FEET - FIGURE_HEIGHT;
    let skin = [224, 172, 130];
    let shirt = [160, 24, 32];
    let trousers = [40, 40, 70];
    // Head: a disc 8 px across.
    for dy in 0..8 {
        for dx in 0..8 {
            let (cx, cy) = (2 * dx - 7, 2 * dy - 7);
            if cx * cx + cy * cy <= 64 {
                put(frame, x + 2 + dx, top + dy, skin);
            }
        }
    }
    fill(frame, x + 1, top + 9, 10, 16, shirt);
    // Legs swap every 300 ms.
    let stride = if (t_ms / 300) % 2 == 0 { 2 } else { -2 };
    fill(frame, x + 2 + stride, top + 25, 3, 15, trousers);
    fill(frame, x + 7 - stride, top + 25, 3, 15, trousers);
}

/// Sky, ground and three buildings: the still part of the picture.
fn draw_background(rng: &mut SimRng) -> Vec<u8> {
    let mut frame = Frame::blank();
    for y in 0..H {
        let colour = if y < HORIZON {
            [(120 + y / 2) as u8, (170 + y / 3) as u8, 235]
        } else {
            [(86 + (y - HORIZON) / 3) as u8, (128 - (y - HORIZON) / 4) as u8, 72]
        };
        fill(&mut frame, 0, y as i64, W as i64, 1, colour);
    }
    for _ in 0..3 {
        let w = 18 + rng.below(22) as i64;
        let h = 20 + rng.below(30) as i64;
        let x = rng.below((W as i64 - w) as u64) as i64;
        let grey = 110 + rng.below(60) as u8;
        fill(&mut frame, x, HORIZON as i64 - h, w, h, [grey, grey, grey.saturating_add(12)]);
        // Windows, in rows.
        for wy in (HORIZON as i64 - h + 4..HORIZON as i64 - 4).step_by(7) {
            for wx in (x + 3..x + w - 4).step_by(6) {
                fill(&mut frame, wx, wy, 3, 3, [250, 230, 140]);
            }
        }
    }
    frame.rgba
}

#[cfg(test)]
mod tests {
    use super::*;

    fn still() -> SceneSettings {
        SceneSettings { moving_shapes: 0, walking_figure: false }
    }

    #[test]
    fn a_still_scene_changes_only_by_its_noise() {
        let scene = Scene::new(7, &still());
        let a = scene.render(SimDuration::from_secs(1), 15);
        let b = scene.render(SimDuration::from_secs(9), 135);
        assert_ne!(a.pixel_hash(), b.pixel_hash(), "each frame has its own noise");
        let most = a.rgba.iter().zip(&b.rgba).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
        assert!(most <= 4, "two still frames differ by at most the noise, not {most}");
        assert!(scene.moving_boxes(SimDuration::from_secs(3)).is_empty());
    }

    #[test]
    fn the_same_seed_draws_the_same_pixels_and_another_seed_does_not() {
        let settings = SceneSettings { moving_shapes: 3, walking_figure: true };
        let t = SimDuration::from_millis(4_200);
        assert_eq!(Scene::new(3, &settings).render(t, 63), Scene::new(3, &settings).render(t, 63));
        assert_ne!(Scene::new(3, &settings).render(t, 63), Scene::new(4, &settings).render(t, 63));
    }

    #[test]
    fn shapes_move_and_stay_inside_the_picture() {
        let scene = Scene::new(11, &SceneSettings { moving_shapes: 4, walking_figure: false });
        let mut last = None;
        for s in 0..600 {
            let boxes = scene.moving_boxes(SimDuration::from_millis(s * 100));
            assert_eq!(boxes.len(), 4);
            for b in &boxes {
                assert!(b.right() <= W && b.bottom() <= H);
                assert!(b.width >= 10, "a shape is never cut by an edge: it bounces");
            }
            assert_ne!(Some(boxes.clone()), last, "something moved in 100 ms");
            last = Some(boxes);
        }
    }

    #[test]
    fn the_figure_walks_in_and_out_once_a_period() {
        let scene = Scene::new(5, &SceneSettings { moving_shapes: 0, walking_figure: true });
        let seen: Vec<bool> = (0..(FIGURE_PERIOD.as_millis() * 2 / 100))
            .map(|k| !scene.moving_boxes(SimDuration::from_millis(k * 100)).is_empty())
            .collect();
        let entries = seen.windows(2).filter(|w| !w[0] && w[1]).count();
        assert_eq!(entries, 2, "the figure comes in once in each of two periods");
        let visible = seen.iter().filter(|v| **v).count() as u64;
        assert!(visible * 100 <= FIGURE_WALK.as_millis() * 2 && visible * 100 >= FIGURE_WALK.as_millis(), "{visible}");
        // Its pixels are really there: the shirt's red at the centre of its box.
        let t = (0..600)
            .map(|k| SimDuration::from_millis(k * 100))
            .find(|t| scene.moving_boxes(*t).first().is_some_and(|b| b.width == FIGURE_WIDTH as u32));
        let t = t.expect("the figure is wholly in the picture at some point");
        let b = scene.moving_boxes(t)[0];
        let (r, g, _) = scene.render(t, 0).rgb(b.left + 6, b.top + 15);
        assert!(r > 120 && g < 60, "a red shirt, not ({r}, {g})");
    }
}
