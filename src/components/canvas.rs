//! The centre of the page: the pipeline canvas. Nodes, ports and wires are SVG (accessible,
//! clickable, testable); moving records are drawn on one `<canvas>` layer above them.
//! Drag a node to move it, drag the background to pan, wheel, two fingers or the buttons to
//! zoom. A node placed from the palette out of sight is panned into view. A wire
//! goes from an output port (right) to an input port (left): click one, then the other, or
//! drag between them.

use crate::components::node::{node_size, Node, PORT_Y};
use crate::components::palette::{kind_from_slug, DRAG_TYPE};
use crate::components::{port_focus, records_layer};
use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use shardlab_sim::wiring::Kind;
use shardlab_sim::Scenario;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

impl Default for View {
    fn default() -> Self {
        View { x: 0.0, y: 0.0, zoom: 1.0 }
    }
}

pub const MIN_ZOOM: f64 = 0.3;
pub const MAX_ZOOM: f64 = 2.5;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
    pub doc: Rc<Scenario>,
    pub revision: u64,
    pub selected: Option<String>,
    pub wiring_from: Option<String>,
    pub on_select: Callback<Option<String>>,
    pub on_place_at: Callback<(Kind, f64, f64)>,
    pub on_move: Callback<(String, f64, f64)>,
    pub on_start_wire: Callback<Option<String>>,
    pub on_connect: Callback<(String, String)>,
    pub on_remove_wire: Callback<(String, String)>,
    pub on_delete: Callback<String>,
    /// A dot was clicked: follow its record (stream, sequence number).
    pub on_follow: Callback<(String, u128)>,
    /// Start with the whole pipeline in view (an embed's small frame).
    #[prop_or_default]
    pub fit: bool,
    /// Bumped when another scenario is opened: the whole of it is brought into view.
    #[prop_or_default]
    pub opened: u32,
}

/// The view that shows every component of `doc` in a canvas of `size`, never magnified.
fn fit_view(doc: &Scenario, size: (f64, f64)) -> Option<View> {
    const MARGIN: f64 = 24.0;
    if size.0 <= 2.0 * MARGIN || size.1 <= 2.0 * MARGIN {
        return None;
    }
    let boxes = doc.components.iter().map(|c| {
        let (w, h) = node_size(c.kind.kind(), 1);
        (c.x, c.y, c.x + w, c.y + h)
    });
    let (x0, y0, x1, y1) = boxes.reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))?;
    let zoom = ((size.0 - 2.0 * MARGIN) / (x1 - x0)).min((size.1 - 2.0 * MARGIN) / (y1 - y0)).clamp(MIN_ZOOM, 1.0);
    let x = (size.0 - (x1 - x0) * zoom) / 2.0 - x0 * zoom;
    let y = (size.1 - (y1 - y0) * zoom) / 2.0 - y0 * zoom;
    Some(View { x, y, zoom })
}

/// The view moved just enough for the box (x, y, width, height) to be inside a canvas of
/// `size` with a margin, or None when it is in view already (or larger than the canvas,
/// whose top-left corner is then shown).
fn reveal(view: View, node: (f64, f64, f64, f64), size: (f64, f64)) -> Option<View> {
    const MARGIN: f64 = 16.0;
    let shift = |start: f64, length: f64, room: f64| {
        let (a, b) = (start, start + length);
        if a < MARGIN || b - a > room - 2.0 * MARGIN {
            MARGIN - a
        } else if b > room - MARGIN {
            room - MARGIN - b
        } else {
            0.0
        }
    };
    let (x, y) = (view.x + node.0 * view.zoom, view.y + node.1 * view.zoom);
    let dx = shift(x, node.2 * view.zoom, size.0);
    let dy = shift(y, node.3 * view.zoom, size.1);
    (dx != 0.0 || dy != 0.0).then_some(View { x: view.x + dx, y: view.y + dy, ..view })
}

/// What a pointer drag is doing.
#[derive(Clone, PartialEq)]
enum Drag {
    Node { id: String, from: (f64, f64), start: (f64, f64), moved: bool },
    Pan { from: (f64, f64), start: (f64, f64) },
}

/// A pointer position in canvas coordinates.
fn to_canvas(e: &MouseEvent, svg: &NodeRef, view: View) -> (f64, f64) {
    let rect = svg.cast::<web_sys::Element>().map(|el| el.get_bounding_client_rect());
    let (left, top) = rect.map_or((0.0, 0.0), |r| (r.left(), r.top()));
    ((e.client_x() as f64 - left - view.x) / view.zoom, (e.client_y() as f64 - top - view.y) / view.zoom)
}

#[function_component(Canvas)]
pub fn canvas(p: &CanvasProps) -> Html {
    let lang = p.lang;
    let view = use_state(View::default);
    let drag = use_mut_ref(|| None::<Drag>);
    // Where nodes being dragged are drawn until the move is committed on release.
    let moving = use_state(BTreeMap::<String, (f64, f64)>::new);
    let svg = use_node_ref();
    let records = use_node_ref();
    let dots = use_mut_ref(Vec::<records_layer::Dot>::new);
    let seen = use_mut_ref(|| u64::MAX);
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    // The virtual time up to which EMR's attempts have been drawn.
    #[cfg(feature = "emr")]
    let emr_since = use_mut_ref(|| handle.world.borrow().now());
    // Each render (every frame while running) takes the model's new samples and draws them.
    {
        let (records, dots, seen, doc, view) = (records.clone(), dots.clone(), seen.clone(), p.doc.clone(), *view);
        #[cfg(feature = "emr")]
        let emr_since = emr_since.clone();
        let world = handle.world.clone();
        use_effect(move || {
            let now = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |perf| perf.now());
            let world = world.borrow();
            let mut seen = seen.borrow_mut();
            if *seen == u64::MAX {
                // Start from now: a page opened on a long run does not replay its history.
                *seen = world.flows_total();
            }
            records_layer::take_new(&mut dots.borrow_mut(), &mut seen, &doc, &world, now);
            #[cfg(feature = "emr")]
            crate::components::emr_flows::take_new(
                &mut dots.borrow_mut(),
                &mut emr_since.borrow_mut(),
                &doc,
                &world,
                now,
            );
            if let Some(canvas) = records.cast::<web_sys::HtmlCanvasElement>() {
                records_layer::draw(&canvas, &dots.borrow(), (view.x, view.y, view.zoom), now);
            }
        });
    }

    let position = |id: &str, x: f64, y: f64| moving.get(id).copied().unwrap_or((x, y));

    {
        let (svg, view, doc, fit) = (svg.clone(), view.clone(), p.doc.clone(), p.fit);
        use_effect_with(p.opened, move |&opened| {
            if !fit && opened == 0 {
                return;
            }
            let size = svg.cast::<web_sys::Element>().map(|el| (el.client_width() as f64, el.client_height() as f64));
            if let Some(fitted) = size.and_then(|size| fit_view(&doc, size)) {
                view.set(fitted);
            }
        });
    }

    // A wire started from the keyboard takes the focus to the first input that takes it.
    let keyboard_wire = use_mut_ref(|| false);
    {
        let (svg, keyboard_wire) = (svg.clone(), keyboard_wire.clone());
        use_effect_with(p.wiring_from.clone(), move |from| {
            let from_keyboard = std::mem::take(&mut *keyboard_wire.borrow_mut());
            if let (Some(_), true, Some(svg)) = (from, from_keyboard, svg.cast::<web_sys::Element>()) {
                port_focus::first_inviting(&svg);
            }
        });
    }

    // Two fingers zoom (pinch.rs); a second finger drops what the first was dragging.
    let pinch = {
        let (drag, moving) = (drag.clone(), moving.clone());
        let on_pinch = Callback::from(move |()| {
            drag.borrow_mut().take();
            moving.set(BTreeMap::new());
        });
        crate::components::pinch::use_pinch(svg.clone(), view.clone(), on_pinch)
    };
    // A node placed from the palette where the canvas does not show it (a phone's narrow
    // canvas, a third column) is panned into view; the zoom stays.
    {
        let (svg, view, doc) = (svg.clone(), view.clone(), p.doc.clone());
        let count = doc.components.len();
        let before = use_mut_ref(|| count);
        use_effect_with(count, move |&count| {
            let grew = count == *before.borrow() + 1;
            *before.borrow_mut() = count;
            let size = svg.cast::<web_sys::Element>().map(|el| (el.client_width() as f64, el.client_height() as f64));
            if let (true, Some(size), Some(last)) = (grew, size, doc.components.last()) {
                let (w, h) = node_size(last.kind.kind(), 1);
                if let Some(next) = reveal(*view, (last.x, last.y, w, h), size) {
                    view.set(next);
                }
            }
        });
    }

    let onpointerdown_bg = {
        let (drag, view, on_select, on_start_wire, pinch) =
            (drag.clone(), view.clone(), p.on_select.clone(), p.on_start_wire.clone(), pinch.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 || pinch.borrow().active() {
                return;
            }
            *drag.borrow_mut() =
                Some(Drag::Pan { from: (e.client_x() as f64, e.client_y() as f64), start: (view.x, view.y) });
            on_select.emit(None);
            on_start_wire.emit(None);
        })
    };
    let onpointermove = {
        let (drag, view, moving, pinch) = (drag.clone(), view.clone(), moving.clone(), pinch.clone());
        Callback::from(move |e: PointerEvent| {
            if pinch.borrow().active() {
                return;
            }
            let mut d = drag.borrow_mut();
            match d.as_mut() {
                Some(Drag::Pan { from, start }) => {
                    let (dx, dy) = (e.client_x() as f64 - from.0, e.client_y() as f64 - from.1);
                    view.set(View { x: start.0 + dx, y: start.1 + dy, ..*view });
                }
                Some(Drag::Node { id, from, start, moved }) => {
                    let (dx, dy) =
                        ((e.client_x() as f64 - from.0) / view.zoom, (e.client_y() as f64 - from.1) / view.zoom);
                    if dx.abs() + dy.abs() > 2.0 {
                        *moved = true;
                    }
                    if *moved {
                        let mut next = (*moving).clone();
                        next.insert(id.clone(), ((start.0 + dx).round(), (start.1 + dy).round()));
                        moving.set(next);
                    }
                }
                None => {}
            }
        })
    };
    let onpointerup = {
        let (drag, moving, on_move) = (drag.clone(), moving.clone(), p.on_move.clone());
        Callback::from(move |_: PointerEvent| {
            if let Some(Drag::Node { id, moved: true, .. }) = drag.borrow_mut().take() {
                if let Some(&(x, y)) = moving.get(&id) {
                    on_move.emit((id, x, y));
                }
            }
            moving.set(BTreeMap::new());
        })
    };
    let onwheel = {
        let (view, svg) = (view.clone(), svg.clone());
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let factor = if e.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
            let zoom = (view.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            // Zoom around the pointer: the point under it stays put.
            let (cx, cy) = to_canvas(&e, &svg, *view);
            let rect = svg.cast::<web_sys::Element>().map(|el| el.get_bounding_client_rect());
            let (left, top) = rect.map_or((0.0, 0.0), |r| (r.left(), r.top()));
            let (px, py) = (e.client_x() as f64 - left, e.client_y() as f64 - top);
            view.set(View { x: px - cx * zoom, y: py - cy * zoom, zoom });
        })
    };
    // A click on a moving dot follows its record.
    let on_bg_click = {
        let (dots, svg, view, on_follow) = (dots.clone(), svg.clone(), view.clone(), p.on_follow.clone());
        let world = handle.world.clone();
        Callback::from(move |e: MouseEvent| {
            let now = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |perf| perf.now());
            let Some((stream, record_id)) = records_layer::hit(&dots.borrow(), to_canvas(&e, &svg, *view), now) else {
                return;
            };
            let world = world.borrow();
            let seq = world
                .kinesis()
                .stream(&stream)
                .ok()
                .and_then(|s| s.shards.iter().find_map(|sh| sh.log.sequence_of_record(record_id)));
            if let Some(seq) = seq {
                on_follow.emit((stream.to_string(), seq));
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (view, svg, on_place_at) = (view.clone(), svg.clone(), p.on_place_at.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let slug = e.data_transfer().and_then(|dt| dt.get_data(DRAG_TYPE).ok()).unwrap_or_default();
            if let Some(kind) = kind_from_slug(&slug) {
                let (x, y) = to_canvas(&e, &svg, *view);
                let (w, h) = node_size(kind, 1);
                on_place_at.emit((kind, (x - w / 2.0).round(), (y - h / 2.0).round()));
            }
        })
    };
    let zoom_by = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            view.set(View { zoom: (view.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM), ..*view })
        })
    };
    let reset_view = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(View::default()))
    };

    let doc = &p.doc;
    let wires = doc.wires.iter().filter_map(|w| {
        let (a, b) = (doc.component(&w.from)?, doc.component(&w.to)?);
        let (ax, ay) = position(&a.id, a.x, a.y);
        let (bx, by) = position(&b.id, b.x, b.y);
        let (aw, _) = node_size(a.kind.kind(), 1);
        let (x1, y1, x2, y2) = (ax + aw, ay + PORT_Y, bx, by + PORT_Y);
        let bend = ((x2 - x1).abs() / 2.0).max(40.0);
        let d = format!("M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}", x1 + bend, x2 - bend);
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (from, to) = (w.from.clone(), w.to.clone());
        let remove = {
            let (from, to) = (from.clone(), to.clone());
            p.on_remove_wire.reform(move |e: MouseEvent| {
                e.stop_propagation();
                (from.clone(), to.clone())
            })
        };
        // Like every control drawn as `role=button`, it answers Enter and Space (and Delete).
        let remove_key = {
            let on_remove_wire = p.on_remove_wire.clone();
            Callback::from(move |e: KeyboardEvent| {
                if matches!(e.key().as_str(), "Enter" | " " | "Delete" | "Backspace") {
                    e.prevent_default();
                    on_remove_wire.emit((from.clone(), to.clone()));
                }
            })
        };
        let label_a = if a.label.is_empty() { a.id.clone() } else { a.label.clone() };
        let label_b = if b.label.is_empty() { b.id.clone() } else { b.label.clone() };
        Some(html! {
            <g class="wire" key={format!("{}->{}", w.from, w.to)}>
                <path d={d.clone()} class="wire-line" aria-label={fill(T::WireOf.t(lang), &[&label_a, &label_b])} role="img" />
                <g class="wire-remove" transform={format!("translate({mx},{my})")} role="button" tabindex="0"
                   aria-label={fill(T::RemoveWire.t(lang), &[&label_a, &label_b])} onclick={remove} onkeydown={remove_key}
                   onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
                    <circle r="8" />
                    <path d="M-3,-3 L3,3 M3,-3 L-3,3" />
                </g>
            </g>
        })
    });

    let nodes = doc.components.iter().map(|c| {
        let (x, y) = position(&c.id, c.x, c.y);
        let id = c.id.clone();
        let onpointerdown = {
            let (drag, on_select, pinch) = (drag.clone(), p.on_select.clone(), pinch.clone());
            let id = id.clone();
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                e.stop_propagation();
                if pinch.borrow().active() {
                    return;
                }
                *drag.borrow_mut() = Some(Drag::Node {
                    id: id.clone(),
                    from: (e.client_x() as f64, e.client_y() as f64),
                    start: (x, y),
                    moved: false,
                });
                on_select.emit(Some(id.clone()));
            })
        };
        // While a wire is drawn: whether this input takes it, as the model rules.
        let verdict = p.wiring_from.as_deref().and_then(|from| doc.wire_verdict(from, &c.id));
        let wiring = p.wiring_from.clone();
        let on_in_port = {
            let (on_connect, id) = (p.on_connect.clone(), id.clone());
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                if let Some(from) = wiring.clone() {
                    on_connect.emit((from, id.clone()));
                }
            })
        };
        let on_out_port = {
            let (on_start_wire, id) = (p.on_start_wire.clone(), id.clone());
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                on_start_wire.emit(Some(id.clone()));
            })
        };
        // Dragging from an output port and releasing on an input port also makes a wire.
        let on_out_down = {
            let (on_start_wire, id) = (p.on_start_wire.clone(), id.clone());
            Callback::from(move |e: PointerEvent| {
                e.stop_propagation();
                on_start_wire.emit(Some(id.clone()));
            })
        };
        let on_in_up = {
            let (on_connect, id, wiring) = (p.on_connect.clone(), id.clone(), p.wiring_from.clone());
            Callback::from(move |_: PointerEvent| {
                if let Some(from) = wiring.clone().filter(|f| *f != id) {
                    on_connect.emit((from, id.clone()));
                }
            })
        };
        let on_out_key = {
            let (on_start_wire, id, keyboard_wire) = (p.on_start_wire.clone(), id.clone(), keyboard_wire.clone());
            Callback::from(move |e: KeyboardEvent| {
                if matches!(e.key().as_str(), "Enter" | " ") {
                    e.prevent_default();
                    *keyboard_wire.borrow_mut() = true;
                    on_start_wire.emit(Some(id.clone()));
                }
            })
        };
        let on_in_key = {
            let (on_connect, on_start_wire, id, wiring, svg) =
                (p.on_connect.clone(), p.on_start_wire.clone(), id.clone(), p.wiring_from.clone(), svg.clone());
            Callback::from(move |e: KeyboardEvent| {
                let Some(from) = wiring.clone() else { return };
                let here = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let (Some(svg), Some(here)) = (svg.cast::<web_sys::Element>(), here) else { return };
                match e.key().as_str() {
                    "Enter" | " " => {
                        e.prevent_default();
                        on_connect.emit((from, id.clone()));
                    }
                    "ArrowDown" | "ArrowRight" => {
                        e.prevent_default();
                        port_focus::step_inviting(&svg, &here, true);
                    }
                    "ArrowUp" | "ArrowLeft" => {
                        e.prevent_default();
                        port_focus::step_inviting(&svg, &here, false);
                    }
                    "Escape" => {
                        e.prevent_default();
                        on_start_wire.emit(None);
                        port_focus::output_of(&svg, &from);
                    }
                    _ => {}
                }
            })
        };
        let on_key = {
            let (on_delete, on_move, id, on_select) =
                (p.on_delete.clone(), p.on_move.clone(), id.clone(), p.on_select.clone());
            Callback::from(move |e: KeyboardEvent| {
                let step = if e.shift_key() { 50.0 } else { 10.0 };
                let to = match e.key().as_str() {
                    "Delete" | "Backspace" => {
                        e.prevent_default();
                        on_delete.emit(id.clone());
                        return;
                    }
                    "Enter" | " " => {
                        e.prevent_default();
                        on_select.emit(Some(id.clone()));
                        return;
                    }
                    "ArrowLeft" => (x - step, y),
                    "ArrowRight" => (x + step, y),
                    "ArrowUp" => (x, y - step),
                    "ArrowDown" => (x, y + step),
                    _ => return,
                };
                e.prevent_default();
                on_move.emit((id.clone(), to.0, to.1));
            })
        };
        html! {
            <Node key={c.id.clone()} {lang} spec={c.clone()} {x} {y} revision={p.revision}
                  selected={p.selected.as_deref() == Some(c.id.as_str())}
                  {verdict}
                  {onpointerdown} {on_in_port} {on_out_port} {on_out_down} {on_in_up} {on_key} {on_in_key} {on_out_key} />
        }
    });

    let hint = p.wiring_from.as_ref().map(|from| {
        let label = doc
            .component(from)
            .map(|c| if c.label.is_empty() { c.id.clone() } else { c.label.clone() })
            .unwrap_or_default();
        fill(T::WireHint.t(lang), &[&label])
    });
    html! {
        <section class="canvas" aria-label={T::Canvas.t(lang)} {ondragover} {ondrop}>
            <svg ref={svg.clone()} class="canvas-svg" onpointerdown={onpointerdown_bg} {onpointermove} {onpointerup} {onwheel}>
                <defs>
                    <pattern id="dot-grid" width={(20.0 * view.zoom).to_string()} height={(20.0 * view.zoom).to_string()}
                             patternUnits="userSpaceOnUse" x={view.x.to_string()} y={view.y.to_string()}>
                        <circle cx="1" cy="1" r="1" class="grid-dot" />
                    </pattern>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#dot-grid)" onclick={on_bg_click} />
                <g class="scene" transform={format!("translate({},{}) scale({})", view.x, view.y, view.zoom)}>
                    { for wires }
                    { for nodes }
                </g>
            </svg>
            <canvas ref={records} class="canvas-records" aria-hidden="true" data-dots={dots.borrow().len().to_string()}
                    data-bouncing={records_layer::bouncing(&dots.borrow()).to_string()}
                    data-fading={records_layer::fading(&dots.borrow()).to_string()}></canvas>
            if doc.components.is_empty() {
                <p class="canvas-empty">{T::CanvasEmpty.t(lang)}</p>
            }
            if let Some(hint) = hint {
                <p class="canvas-hint" role="status">{hint}</p>
            }
            <div class="zoom-controls">
                <button type="button" class="icon-button" aria-label={T::ZoomIn.t(lang)} title={T::ZoomIn.t(lang)} onclick={zoom_by(1.25)}>{"+"}</button>
                <button type="button" class="icon-button" aria-label={T::ZoomOut.t(lang)} title={T::ZoomOut.t(lang)} onclick={zoom_by(0.8)}>{"−"}</button>
                <button type="button" class="icon-button" aria-label={T::ZoomReset.t(lang)} title={T::ZoomReset.t(lang)} onclick={reset_view}>{"⟲"}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_node_out_of_sight_is_panned_just_into_view() {
        let view = View::default();
        // A 390-px canvas: a node at x = 300, 176 wide, ends at 476.
        let moved = reveal(view, (300.0, 40.0, 176.0, 56.0), (390.0, 500.0)).expect("it was out of view");
        assert_eq!((moved.x, moved.y, moved.zoom), (390.0 - 16.0 - 476.0, 0.0, 1.0));
        assert_eq!(reveal(view, (40.0, 40.0, 176.0, 56.0), (390.0, 500.0)), None, "in view already");
        // Above and left of the view, at half zoom.
        let half = View { x: 0.0, y: 0.0, zoom: 0.5 };
        let up = reveal(half, (-100.0, -60.0, 176.0, 56.0), (390.0, 500.0)).expect("out of view");
        assert_eq!((up.x, up.y), (16.0 + 50.0, 16.0 + 30.0));
    }
}
