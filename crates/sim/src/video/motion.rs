//! Motion detection by frame differencing, as a simple analysis consumer of a video stream
//! does it: compare each pixel's brightness with the same pixel a moment earlier, keep the
//! cells of the picture where enough pixels changed by more than sensor noise, and report
//! each group of touching cells as one moving thing, boxed tightly around its changed pixels.

use super::frame::{BoundingBox, Frame};
use super::limits::{MOTION_CELL, MOTION_CELL_MIN_PIXELS, MOTION_PIXEL_THRESHOLD};

/// The moving regions between `before` and `after` (frames of the same size), top to bottom.
/// Empty when nothing moved.
pub fn detect(before: &Frame, after: &Frame) -> Vec<BoundingBox> {
    let (w, h) = (after.width as usize, after.height as usize);
    let (a, b) = (before.luma(), after.luma());
    let changed: Vec<bool> = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y) > MOTION_PIXEL_THRESHOLD).collect();
    let cell = MOTION_CELL as usize;
    let (cols, rows) = (w.div_ceil(cell), h.div_ceil(cell));
    let mut counts = vec![0u32; cols * rows];
    for (i, _) in changed.iter().enumerate().filter(|(_, c)| **c) {
        counts[(i / w / cell) * cols + (i % w) / cell] += 1;
    }
    let moving: Vec<bool> = counts.iter().map(|n| *n >= MOTION_CELL_MIN_PIXELS).collect();
    let mut seen = vec![false; cols * rows];
    let mut boxes = Vec::new();
    for start in 0..cols * rows {
        if !moving[start] || seen[start] {
            continue;
        }
        // One group of touching cells (diagonals touch too), found depth-first.
        let (mut left, mut top, mut right, mut bottom) = (w, h, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(c) = stack.pop() {
            let (cx, cy) = (c % cols, c / cols);
            for y in cy * cell..((cy + 1) * cell).min(h) {
                for x in cx * cell..((cx + 1) * cell).min(w) {
                    if changed[y * w + x] {
                        (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x + 1), bottom.max(y + 1));
                    }
                }
            }
            for ny in cy.saturating_sub(1)..=(cy + 1).min(rows - 1) {
                for nx in cx.saturating_sub(1)..=(cx + 1).min(cols - 1) {
                    let n = ny * cols + nx;
                    if moving[n] && !seen[n] {
                        seen[n] = true;
                        stack.push(n);
                    }
                }
            }
        }
        boxes.push(BoundingBox {
            left: left as u32,
            top: top as u32,
            width: (right - left) as u32,
            height: (bottom - top) as u32,
        });
    }
    boxes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimDuration;
    use crate::video::scene::{Scene, SceneSettings};

    fn frames(scene: &Scene, t_ms: u64, gap_ms: u64) -> (Frame, Frame) {
        let before = scene.render(SimDuration::from_millis(t_ms - gap_ms), t_ms - gap_ms);
        let after = scene.render(SimDuration::from_millis(t_ms), t_ms);
        (before, after)
    }

    #[test]
    fn noise_alone_is_not_motion() {
        let scene = Scene::new(1, &SceneSettings { moving_shapes: 0, walking_figure: false });
        for t in (1_000..60_000).step_by(700) {
            let (a, b) = frames(&scene, t, 200);
            assert_eq!(detect(&a, &b), vec![], "at {t} ms");
        }
    }

    #[test]
    fn each_moving_thing_is_found_where_it_is() {
        let scene = Scene::new(2, &SceneSettings { moving_shapes: 2, walking_figure: true });
        let mut found_figure = false;
        for t in (1_000..40_000).step_by(500) {
            let (a, b) = frames(&scene, t, 200);
            let boxes = detect(&a, &b);
            let truth = scene.moving_boxes(SimDuration::from_millis(t));
            assert!(!boxes.is_empty(), "at {t} ms two shapes are moving");
            for found in &boxes {
                let before = scene.moving_boxes(SimDuration::from_millis(t - 200));
                assert!(
                    truth.iter().chain(&before).any(|m| m.overlaps(found)),
                    "at {t} ms a box {found:?} where nothing moved ({truth:?})"
                );
            }
            for thing in &truth {
                // A thing wholly in the picture is found (a shape bouncing may pause on an axis).
                if thing.width >= 10 && thing.height >= 10 {
                    assert!(boxes.iter().any(|b| b.overlaps(thing)), "at {t} ms {thing:?} was missed: {boxes:?}");
                }
            }
            found_figure |= truth.iter().any(|m| m.height == 40);
        }
        assert!(found_figure, "the figure walked through during the test");
    }
}
