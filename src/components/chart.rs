//! A small time-series chart drawn on a `<canvas>` with its 2D context: per-second values of the
//! last minute, one line per series, and the limit as a dashed red line when there is one.
//! Redrawn at most a few times a second, whatever the frame rate. The title is the figure's
//! caption in HTML, not pixels on the canvas, so it wraps to fit in either language.

use crate::i18n::{fill, Lang};
use crate::i18n_access::TA;
use std::sync::atomic::{AtomicUsize, Ordering};
use yew::prelude::*;

/// The least time between two redraws of a chart, in ms.
const REDRAW_EVERY_MS: f64 = 250.0;

/// A colour as red, green, blue.
pub type Rgb = (u8, u8, u8);

fn css(c: Rgb) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// Line colours, one per series (shard 0, 1, …), readable on both themes.
const PALETTE: [Rgb; 6] = [(31, 111, 235), (217, 72, 15), (130, 80, 223), (26, 127, 55), (191, 57, 137), (154, 103, 0)];
/// The limit's dashed line.
const LIMIT_RED: Rgb = (207, 34, 46);

#[derive(Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// (second, value), oldest first.
    pub points: Vec<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub lang: Lang,
    pub title: AttrValue,
    pub series: Vec<Series>,
    /// The limit to draw against (1,000 records/s, 1 MiB/s…).
    #[prop_or_default]
    pub limit: Option<f64>,
    /// The seconds shown: (first, last).
    pub window: (f64, f64),
    /// The seconds each point stands for (their mean per second).
    #[prop_or(1)]
    pub step: u64,
    pub dark: bool,
}

/// What the charts of an inspector show at a speed: the last `seconds`, each point the mean
/// of `step` seconds. At up to 10× a chart shows its own few minutes second by second; faster,
/// a second passes within a frame, so it shows the last 10 minutes in 10-second means, and
/// from 600× the last hour (as much of a metric as the model keeps) in minute means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartSpan {
    pub seconds: u64,
    pub step: u64,
}

impl ChartSpan {
    /// The span at `speed` of charts that show `base` seconds at 1×.
    pub fn at(speed: u32, base: u64) -> ChartSpan {
        match speed {
            0..=10 => ChartSpan { seconds: base, step: 1 },
            11..=300 => ChartSpan { seconds: 600, step: 10 },
            _ => ChartSpan { seconds: 3_600, step: 60 },
        }
    }

    /// The seconds shown when the clock is in second `now`: whole steps, the one still
    /// filling left out (so that a line does not dip at its end).
    pub fn window(&self, now: u64) -> (u64, u64) {
        let to = now / self.step * self.step;
        (to.saturating_sub(self.seconds), to)
    }

    /// The chart's points over seconds `from..to`: one a step, `mean(a, b)` of its seconds
    /// `a..b`. (A dynamic call: one copy serves every chart, which the first load counts.)
    pub fn points(&self, (from, to): (u64, u64), mean: &dyn Fn(u64, u64) -> f64) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        let mut s = from;
        while s < to {
            let end = (s + self.step).min(to);
            out.push((s as f64, mean(s, end)));
            s = end;
        }
        out
    }

    /// The heading over the charts: what they span. `base_heading` is the one at 1×.
    pub fn heading(&self, base_heading: &'static str, lang: Lang) -> &'static str {
        match self.step {
            1 => base_heading,
            10 => TA::ChartsTenMinutes.t(lang),
            _ => TA::ChartsHour.t(lang),
        }
    }
}

/// A round step for about `n` ticks over `span`: 1, 2 or 5 times a power of ten.
fn tick_step(span: f64, n: f64) -> f64 {
    let raw = (span / n).max(f64::MIN_POSITIVE);
    // The browser's Math (the same IEEE functions): Rust's `powf` and `log10` would link
    // their own implementations into the first load for this one use.
    let power = js_sys::Math::pow(10.0, js_sys::Math::log10(raw).floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&s| s >= raw);
    step.unwrap_or(10.0 * power)
}

/// Draws the chart with the canvas's own 2D context: a grid with round ticks, the limit
/// dashed, a line per series. (Plotters drew it until it was the first load's largest
/// avoidable part: 15 KB gzip for this one chart; the Gantt chart of the full build still
/// uses it.)
fn draw(canvas: web_sys::HtmlCanvasElement, p: &ChartProps) -> Option<()> {
    use wasm_bindgen::JsCast;
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let (bg, ink, grid) = theme(p.dark);
    ctx.set_fill_style_str(&css(bg));
    ctx.fill_rect(0.0, 0.0, w, h);
    // The plot area: room for the value labels on the left and the seconds below.
    let (left, right, top_px, bottom) = (50.0, w - 12.0, 6.0, h - 22.0);
    let top =
        p.series.iter().flat_map(|s| s.points.iter().map(|&(_, v)| v)).chain(p.limit).fold(1.0f64, f64::max) * 1.15;
    let (x0, x1) = p.window;
    let x1 = x1.max(x0 + 1.0);
    let px = |x: f64| left + (x - x0) / (x1 - x0) * (right - left);
    let py = |y: f64| bottom - y / top * (bottom - top_px);
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(&css(grid));
    ctx.set_fill_style_str(&css(ink));
    ctx.set_font("10px sans-serif");
    ctx.begin_path();
    let y_step = tick_step(top, 4.0);
    let mut y = 0.0;
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    while y <= top {
        ctx.move_to(left, py(y).round() + 0.5);
        ctx.line_to(right, py(y).round() + 0.5);
        let _ = ctx.fill_text(&compact(y), left - 4.0, py(y));
        y += y_step;
    }
    let x_step = tick_step(x1 - x0, 4.0).max(1.0);
    let mut x = (x0 / x_step).ceil() * x_step;
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    while x <= x1 {
        ctx.move_to(px(x).round() + 0.5, top_px);
        ctx.line_to(px(x).round() + 0.5, bottom);
        let _ = ctx.fill_text(&format!("{x:.0}s"), px(x), bottom + 4.0);
        x += x_step;
    }
    ctx.stroke();
    if let Some(limit) = p.limit {
        ctx.set_stroke_style_str(&css(LIMIT_RED));
        let dash = js_sys::Array::of2(&6.0.into(), &4.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        ctx.move_to(left, py(limit));
        ctx.line_to(right, py(limit));
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    ctx.set_line_width(2.0);
    for (i, s) in p.series.iter().enumerate() {
        ctx.set_stroke_style_str(&css(PALETTE[i % PALETTE.len()]));
        ctx.begin_path();
        for (k, &(x, v)) in s.points.iter().enumerate() {
            if k == 0 {
                ctx.move_to(px(x), py(v));
            } else {
                ctx.line_to(px(x), py(v));
            }
        }
        ctx.stroke();
    }
    Some(())
}

/// A chart's background, ink and grid colours on the light or the dark theme.
pub fn theme(dark: bool) -> (Rgb, Rgb, Rgb) {
    if dark {
        ((23, 28, 35), (154, 166, 181), (43, 51, 62))
    } else {
        ((255, 255, 255), (92, 103, 120), (221, 226, 234))
    }
}

/// 1500 → "1.5k", 2097152 → "2.1M".
pub fn compact(v: f64) -> String {
    match v.abs() {
        a if a >= 1e6 => format!("{:.1}M", v / 1e6),
        a if a >= 1e3 => format!("{:.1}k", v / 1e3),
        _ => format!("{v:.0}"),
    }
}

#[function_component(Chart)]
pub fn chart(p: &ChartProps) -> Html {
    let canvas = use_node_ref();
    let last = use_mut_ref(|| f64::NEG_INFINITY);
    {
        let canvas = canvas.clone();
        let props = p.clone_props();
        use_effect(move || {
            let now = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |perf| perf.now());
            if now - *last.borrow() >= REDRAW_EVERY_MS {
                if let Some(el) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                    *last.borrow_mut() = now;
                    draw(el, &props);
                }
            }
        });
    }
    // The chart's text alternative: each series' newest value and the limit, in words.
    let id = use_memo((), |()| format!("chart-text-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed)));
    let text = text_alternative(p);
    let legend = p.series.iter().enumerate().map(|(i, s)| {
        let c = PALETTE[i % PALETTE.len()];
        html! { <li><span class="swatch" style={format!("background: rgb({},{},{})", c.0, c.1, c.2)}></span>{&s.label}</li> }
    });
    html! {
        <figure class="chart">
            <figcaption>{p.title.clone()}</figcaption>
            // The newest complete second, summed over the series: what the line shows last, for
            // tests and assistive technology that cannot read pixels.
            <canvas ref={canvas} width="268" height="130" role="img" aria-label={p.title.clone()}
                    aria-describedby={(*id).clone()}
                    data-latest={p.series.iter().filter_map(|s| s.points.last().map(|&(_, v)| v)).sum::<f64>().to_string()}></canvas>
            <p class="visually-hidden" id={(*id).clone()}>{text}</p>
            if p.series.len() > 1 {
                <ul class="legend">{ for legend }</ul>
            }
        </figure>
    }
}

/// 1000 → "1,000"; 0.25 → "0.25".
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let grouped = crate::components::component_state::grouped(v.abs() as u64);
        if v < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        format!("{v:.2}")
    }
}

/// Gives each chart's description an id of its own.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// "Latest second: shard 0 100, shard 1 40. Limit: 1,000." — what the lines end at.
fn text_alternative(p: &ChartProps) -> String {
    let latest: Vec<String> =
        p.series.iter().filter_map(|s| s.points.last().map(|&(_, v)| format!("{} {}", s.label, number(v)))).collect();
    let mut text = if latest.is_empty() {
        TA::ChartNoData.t(p.lang).to_string()
    } else {
        let latest = latest.join(", ");
        match p.step {
            1 => fill(TA::ChartLatest.t(p.lang), &[&latest]),
            step => fill(TA::ChartLatestMean.t(p.lang), &[&latest, &step.to_string()]),
        }
    };
    if let Some(limit) = p.limit {
        text.push(' ');
        text.push_str(&fill(TA::ChartLimit.t(p.lang), &[&number(limit)]));
    }
    text
}

impl ChartProps {
    fn clone_props(&self) -> ChartProps {
        ChartProps {
            lang: self.lang,
            title: self.title.clone(),
            series: self.series.clone(),
            limit: self.limit,
            window: self.window,
            step: self.step,
            dark: self.dark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn ticks_fall_on_round_numbers() {
        // About four ticks: 1,000 records/s × 1.15 headroom ticks every 500.
        assert_eq!(tick_step(1_150.0, 4.0), 500.0);
        assert_eq!(tick_step(1.15, 4.0), 0.5);
        // A minute of seconds: every 20 s.
        assert_eq!(tick_step(60.0, 4.0), 20.0);
        assert_eq!(tick_step(1_205_862.4, 4.0), 500_000.0);
    }

    #[wasm_bindgen_test]
    fn faster_runs_chart_longer_spans_in_means_of_whole_steps() {
        assert_eq!(ChartSpan::at(1, 60), ChartSpan { seconds: 60, step: 1 });
        assert_eq!(ChartSpan::at(10, 180), ChartSpan { seconds: 180, step: 1 });
        assert_eq!(ChartSpan::at(60, 60), ChartSpan { seconds: 600, step: 10 });
        let hour = ChartSpan::at(3_600, 60);
        assert_eq!(hour, ChartSpan { seconds: 3_600, step: 60 });
        // At 1×, the last minute up to the second still filling; at 3,600×, the last hour of
        // whole minutes.
        assert_eq!(ChartSpan::at(1, 60).window(100), (40, 100));
        assert_eq!(hour.window(7_259), (3_600, 7_200));
        assert_eq!(hour.window(30), (0, 0), "no whole minute yet");
        // A point a step, the mean of its seconds (here, second s is worth s).
        let mean = |a: u64, b: u64| (a..b).sum::<u64>() as f64 / (b - a) as f64;
        assert_eq!(ChartSpan { seconds: 20, step: 10 }.points((0, 20), &mean), vec![(0.0, 4.5), (10.0, 14.5)]);
        assert_eq!(ChartSpan::at(1, 3).points((5, 8), &mean), vec![(5.0, 5.0), (6.0, 6.0), (7.0, 7.0)]);
    }
}
