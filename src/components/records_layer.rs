//! Moving records: dots along the wires, drawn on one `<canvas>` above the SVG. Each dot is a
//! sample the model logged (`World::flows_since`); at high rates one dot stands for many
//! records and carries its count (×250). A throttled write bounces back to its producer in
//! red. Coloured by partition key.

use crate::components::node::{node_size, HEADER_HEIGHT, LANE_HEIGHT, PORT_Y};
use shardlab_sim::flow::{Flow, Outcome};
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::{Scenario, World};
use wasm_bindgen::JsCast;

/// How long a dot takes along its wire, in wall milliseconds.
pub const TRAVEL_MS: f64 = 700.0;
/// The most dots drawn at once; older ones are dropped first.
pub const MAX_DOTS: usize = 2_000;
/// New dots taken from the model per frame at most (a burst is thinned, not queued).
const NEW_PER_FRAME: usize = 400;

#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    from: (f64, f64),
    to: (f64, f64),
    hue: u32,
    bounce: bool,
    /// An expired record: it fades where it was.
    fade: bool,
    started: f64,
    represents: u64,
    /// For a write: the stream and the record, so clicking the dot can follow it.
    stream: Option<std::rc::Rc<str>>,
    record_id: u64,
}

impl Dot {
    /// A plain dot from one point to another, starting now (EMR's splits, shuffle, output).
    pub fn between(from: (f64, f64), to: (f64, f64), hue: u32, now_ms: f64) -> Dot {
        Dot { from, to, hue, bounce: false, fade: false, started: now_ms, represents: 1, stream: None, record_id: 0 }
    }
}

/// Where a wire leaves a component and where one enters it, in canvas coordinates.
pub fn ports(c: &ComponentSpec) -> ((f64, f64), (f64, f64)) {
    ((c.x + node_size(c.kind.kind(), 1).0, c.y + PORT_Y), (c.x, c.y + PORT_Y))
}

/// The stream component showing `stream`.
fn stream_node<'a>(doc: &'a Scenario, stream: &str) -> Option<&'a ComponentSpec> {
    doc.components.iter().find(|c| matches!(&c.kind, ComponentKind::DataStream(s) if s.stream_name == stream))
}

/// The Firehose component showing the delivery stream `name`.
fn firehose_node<'a>(doc: &'a Scenario, name: &str) -> Option<&'a ComponentSpec> {
    doc.components.iter().find(|c| matches!(&c.kind, ComponentKind::Firehose(f) if f.delivery_stream_name == name))
}

/// Where a dot of `flow` starts and ends, in canvas coordinates.
fn path(doc: &Scenario, world: &World, flow: &Flow) -> Option<((f64, f64), (f64, f64))> {
    let out_port = |c: &ComponentSpec| (c.x + node_size(c.kind.kind(), 1).0, c.y + PORT_Y);
    let in_port = |c: &ComponentSpec| (c.x, c.y + PORT_Y);
    match flow.outcome {
        Outcome::Accepted | Outcome::Throttled if firehose_node(doc, &flow.to).is_some() => {
            let producer = doc.component(&flow.from)?;
            Some((out_port(producer), in_port(firehose_node(doc, &flow.to)?)))
        }
        Outcome::Accepted | Outcome::Throttled => {
            let producer = doc.component(&flow.from)?;
            let stream = stream_node(doc, &flow.to)?;
            // Into the shard's lane, as the node draws its open shards in order.
            let lane =
                world.kinesis().stream(&flow.to).ok()?.open_shards().position(|s| s.index == flow.shard).unwrap_or(0);
            let lane_y = stream.y + HEADER_HEIGHT + 2.0 + LANE_HEIGHT * lane as f64 + LANE_HEIGHT / 2.0;
            let end = if flow.outcome == Outcome::Throttled { in_port(stream) } else { (stream.x + 40.0, lane_y) };
            Some((out_port(producer), end))
        }
        Outcome::Expired => {
            let stream = stream_node(doc, &flow.from)?;
            let lane =
                world.kinesis().stream(&flow.from).ok()?.open_shards().position(|s| s.index == flow.shard).unwrap_or(0);
            let spot = (
                stream.x + NODE_FADE_X,
                stream.y + HEADER_HEIGHT + 2.0 + LANE_HEIGHT * lane as f64 + LANE_HEIGHT / 2.0,
            );
            Some((spot, spot))
        }
        Outcome::Read => {
            let stream = stream_node(doc, &flow.from)?;
            let consumer = doc.component(&flow.to).or_else(|| firehose_node(doc, &flow.to))?;
            Some((out_port(stream), in_port(consumer)))
        }
    }
}

/// Takes the model's new samples since `*seen` and adds their dots.
pub fn take_new(dots: &mut Vec<Dot>, seen: &mut u64, doc: &Scenario, world: &World, now_ms: f64) {
    let total = world.flows_total();
    let from = (*seen).max(total.saturating_sub(NEW_PER_FRAME as u64));
    for flow in world.flows_since(from) {
        if let Some((a, b)) = path(doc, world, flow) {
            dots.push(Dot {
                from: a,
                to: b,
                hue: flow.key_colour % 360,
                bounce: flow.outcome == Outcome::Throttled,
                fade: flow.outcome == Outcome::Expired,
                started: now_ms,
                represents: flow.represents,
                // Only a record in a data stream can be followed (Firehose keeps no records).
                stream: (flow.outcome == Outcome::Accepted && stream_node(doc, &flow.to).is_some())
                    .then(|| flow.to.clone()),
                record_id: flow.record_id,
            });
        }
    }
    *seen = total;
    dots.retain(|d| now_ms - d.started < TRAVEL_MS);
    if dots.len() > MAX_DOTS {
        let excess = dots.len() - MAX_DOTS;
        dots.drain(..excess);
    }
}

/// Where in a lane an expired record fades.
const NODE_FADE_X: f64 = 120.0;

/// The written record whose dot is under the canvas point `at` (within a few pixels), as
/// (stream, record id): what a click on a dot follows.
pub fn hit(dots: &[Dot], at: (f64, f64), now_ms: f64) -> Option<(std::rc::Rc<str>, u64)> {
    dots.iter()
        .filter(|d| d.stream.is_some() && d.record_id != 0)
        .map(|d| {
            let (x, y) = position(d, ((now_ms - d.started) / TRAVEL_MS).clamp(0.0, 1.0));
            (d, (x - at.0).powi(2) + (y - at.1).powi(2))
        })
        .filter(|&(_, dist2)| dist2 <= 8.0 * 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .and_then(|(d, _)| Some((d.stream.clone()?, d.record_id)))
}

/// Dots of throttled writes on their way back to the producer.
pub fn bouncing(dots: &[Dot]) -> usize {
    dots.iter().filter(|d| d.bounce).count()
}

/// Dots of expired records fading in their shard's lane.
pub fn fading(dots: &[Dot]) -> usize {
    dots.iter().filter(|d| d.fade).count()
}

/// Position of a dot at `t` (0..1): out and back for a bounce, eased for the eye.
fn position(d: &Dot, t: f64) -> (f64, f64) {
    let s = if d.bounce {
        if t < 0.5 {
            t * 2.0
        } else {
            2.0 - t * 2.0
        }
    } else {
        t
    };
    let s = s * s * (3.0 - 2.0 * s);
    (d.from.0 + (d.to.0 - d.from.0) * s, d.from.1 + (d.to.1 - d.from.1) * s)
}

/// Draws the dots on `canvas` under the view transform (pan `view.0, view.1`, zoom `view.2`).
pub fn draw(canvas: &web_sys::HtmlCanvasElement, dots: &[Dot], view: (f64, f64, f64), now_ms: f64) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (w, h) = ((canvas.client_width() as f64 * ratio) as u32, (canvas.client_height() as f64 * ratio) as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(ctx) =
        canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok();
    ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
    let (vx, vy, zoom) = view;
    let radius = (3.5 * zoom).max(2.0);
    ctx.set_font("10px system-ui, sans-serif");
    for (i, d) in dots.iter().enumerate() {
        let t = ((now_ms - d.started) / TRAVEL_MS).clamp(0.0, 1.0);
        let (x, y) = position(d, t);
        let (sx, sy) = (x * zoom + vx, y * zoom + vy);
        let colour = if d.bounce {
            "rgb(207,34,46)".to_string()
        } else if d.fade {
            // Expired: grey, growing fainter.
            format!("rgba(120,130,145,{:.2})", 1.0 - t)
        } else {
            format!("hsl({},70%,48%)", d.hue)
        };
        ctx.set_fill_style_str(&colour);
        ctx.begin_path();
        let r = if d.fade { radius * (1.0 + t) } else { radius };
        let _ = ctx.arc(sx, sy, r, 0.0, std::f64::consts::TAU);
        ctx.fill();
        // Counts on a few dots only, mid-way, so that a busy wire stays readable.
        if d.represents > 1 && i % 16 == 0 && !d.bounce && (0.3..0.7).contains(&t) {
            let _ = ctx.fill_text(&format!("×{}", d.represents), sx + radius + 2.0, sy - radius);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn dot(stream: Option<&str>, record_id: u64) -> Dot {
        Dot {
            from: (0.0, 0.0),
            to: (100.0, 0.0),
            hue: 0,
            bounce: false,
            fade: false,
            started: 0.0,
            represents: 1,
            stream: stream.map(Into::into),
            record_id,
        }
    }

    #[wasm_bindgen_test]
    fn a_click_near_a_written_record_s_dot_finds_it() {
        let dots = [dot(Some("s"), 7), dot(None, 0)];
        // Half-way through its travel the dot is at x = 50.
        let found = hit(&dots, (51.0, 2.0), TRAVEL_MS / 2.0);
        assert_eq!(found.map(|(s, id)| (s.to_string(), id)), Some(("s".to_string(), 7)));
        assert_eq!(hit(&dots, (80.0, 40.0), TRAVEL_MS / 2.0), None, "nothing there");
    }

    #[wasm_bindgen_test]
    fn a_throttled_record_goes_out_and_comes_back() {
        let mut d = dot(None, 0);
        d.bounce = true;
        assert_eq!(position(&d, 0.5), (100.0, 0.0));
        assert_eq!(position(&d, 1.0), (0.0, 0.0));
    }
}
