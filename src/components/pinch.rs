//! Two fingers on the canvas: the spread between them zooms and their midpoint pans, so the
//! point of the pipeline that was between the fingers stays between them. One finger keeps
//! doing what a mouse does (drag a node, pan the background); a second finger turns the
//! gesture into a pinch until both are lifted.

use crate::components::canvas::{View, MAX_ZOOM, MIN_ZOOM};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The touches on the canvas, by pointer id, in canvas-element pixels, in the order they
/// went down. (A list, not a map: there are two or three, and a map's code would weigh on
/// the first load.)
#[derive(Default)]
pub struct Pinch {
    fingers: Vec<(i32, (f64, f64))>,
    /// Where the two fingers were, and the view, when the pinch began.
    start: Option<((f64, f64), (f64, f64), View)>,
}

impl Pinch {
    /// A finger went down at `at`. True when it is the second: a pinch begins from `view`,
    /// and whatever the first finger was dragging is to be dropped.
    pub fn down(&mut self, id: i32, at: (f64, f64), view: View) -> bool {
        match self.fingers.iter_mut().find(|(f, _)| *f == id) {
            Some((_, p)) => *p = at,
            None => self.fingers.push((id, at)),
        }
        if self.fingers.len() != 2 {
            return false;
        }
        self.start = Some((self.fingers[0].1, self.fingers[1].1, view));
        true
    }

    /// A finger moved: the view the pinch shows now, while two fingers are down.
    pub fn moved(&mut self, id: i32, at: (f64, f64)) -> Option<View> {
        if let Some((_, p)) = self.fingers.iter_mut().find(|(f, _)| *f == id) {
            *p = at;
        }
        let (a0, b0, view) = self.start?;
        let (a1, b1) = (self.fingers.first()?.1, self.fingers.get(1)?.1);
        Some(pinched(view, (a0, b0), (a1, b1)))
    }

    /// A finger lifted (or the browser took the touch over). The pinch lasts until the last
    /// finger is up, so the finger left behind does not start a pan of its own.
    pub fn up(&mut self, id: i32) {
        self.fingers.retain(|(f, _)| *f != id);
        if self.fingers.is_empty() {
            self.start = None;
        }
    }

    /// Whether a pinch is under way (one-finger drags wait for it to end).
    pub fn active(&self) -> bool {
        self.start.is_some()
    }
}

/// Follows the touches on the canvas element `svg` in the capture phase, so that a finger
/// that lands on a node counts too, and moves `view` while two fingers pinch. `on_pinch`
/// runs when a pinch begins. The canvas's one-finger drags ask the answer's `active()`.
#[hook]
pub fn use_pinch(svg: NodeRef, view: UseStateHandle<View>, on_pinch: Callback<()>) -> Rc<RefCell<Pinch>> {
    let pinch = use_mut_ref(Pinch::default);
    // The view as last drawn, for listeners registered once.
    let view_now = use_mut_ref(View::default);
    *view_now.borrow_mut() = *view;
    {
        let pinch = pinch.clone();
        use_effect_with((), move |()| {
            use gloo::events::{EventListener, EventListenerOptions};
            let listeners = svg.cast::<web_sys::Element>().map(|el| {
                let at = {
                    let el = el.clone();
                    move |e: &web_sys::PointerEvent| {
                        let r = el.get_bounding_client_rect();
                        (e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top())
                    }
                };
                let touch = |e: &web_sys::Event| {
                    e.dyn_ref::<web_sys::PointerEvent>().filter(|p| p.pointer_type() == "touch").cloned()
                };
                let options = EventListenerOptions::run_in_capture_phase();
                let down = {
                    let (pinch, at) = (pinch.clone(), at.clone());
                    EventListener::new_with_options(&el, "pointerdown", options, move |e| {
                        let Some(e) = touch(e) else { return };
                        if pinch.borrow_mut().down(e.pointer_id(), at(&e), *view_now.borrow()) {
                            on_pinch.emit(());
                        }
                    })
                };
                let moved = {
                    let pinch = pinch.clone();
                    EventListener::new_with_options(&el, "pointermove", options, move |e| {
                        let Some(e) = touch(e) else { return };
                        if let Some(next) = pinch.borrow_mut().moved(e.pointer_id(), at(&e)) {
                            view.set(next);
                        }
                    })
                };
                let lifted = ["pointerup", "pointercancel"].map(|name| {
                    let pinch = pinch.clone();
                    EventListener::new_with_options(&el, name, options, move |e| {
                        if let Some(e) = touch(e) {
                            pinch.borrow_mut().up(e.pointer_id());
                        }
                    })
                });
                (down, moved, lifted)
            });
            move || drop(listeners)
        });
    }
    pinch
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

/// The view after fingers that were at `from` moved to `to`: zoomed by the ratio of their
/// spreads (within the canvas's zoom limits), and moved so that the pipeline point under the
/// first midpoint is under the new one.
pub fn pinched(view: View, from: ((f64, f64), (f64, f64)), to: ((f64, f64), (f64, f64))) -> View {
    let (d0, d1) = (distance(from.0, from.1), distance(to.0, to.1));
    // Fingers on the same spot have no spread to compare: the zoom stays.
    let zoom = if d0 < 1.0 { view.zoom } else { (view.zoom * d1 / d0).clamp(MIN_ZOOM, MAX_ZOOM) };
    let (m0, m1) = (midpoint(from.0, from.1), midpoint(to.0, to.1));
    let under = ((m0.0 - view.x) / view.zoom, (m0.1 - view.y) / view.zoom);
    View { x: m1.0 - under.0 * zoom, y: m1.1 - under.1 * zoom, zoom }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn spreading_two_fingers_zooms_around_their_midpoint() {
        let view = View { x: 10.0, y: 20.0, zoom: 1.0 };
        let after = pinched(view, ((100.0, 200.0), (200.0, 200.0)), ((50.0, 200.0), (250.0, 200.0)));
        assert_eq!(after.zoom, 2.0);
        // The pipeline point under the midpoint (150, 200) was (140, 180); it is still there.
        assert_eq!((after.x + 140.0 * after.zoom, after.y + 180.0 * after.zoom), (150.0, 200.0));
    }

    #[wasm_bindgen_test]
    fn a_pinch_stops_at_the_zoom_limits_and_moving_both_fingers_pans() {
        let view = View::default();
        let far = pinched(view, ((0.0, 0.0), (10.0, 0.0)), ((0.0, 0.0), (1_000.0, 0.0)));
        assert_eq!(far.zoom, MAX_ZOOM);
        let moved = pinched(view, ((0.0, 0.0), (100.0, 0.0)), ((30.0, 40.0), (130.0, 40.0)));
        assert_eq!(moved, View { x: 30.0, y: 40.0, zoom: 1.0 });
    }

    #[wasm_bindgen_test]
    fn only_a_second_finger_starts_a_pinch_and_it_lasts_until_the_last_finger_is_up() {
        let mut pinch = Pinch::default();
        assert!(!pinch.down(1, (0.0, 0.0), View::default()));
        assert_eq!(pinch.moved(1, (5.0, 0.0)), None, "one finger does not pinch");
        assert!(pinch.down(2, (105.0, 0.0), View::default()));
        assert_eq!(pinch.moved(2, (205.0, 0.0)).map(|v| v.zoom), Some(2.0));
        pinch.up(2);
        assert!(pinch.active(), "the finger left behind does not pan");
        pinch.up(1);
        assert!(!pinch.active());
    }
}
