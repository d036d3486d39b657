//! A small time-series chart drawn with plotters on a `<canvas>`: per-second values of the
//! last minute, one line per series, and the limit as a dashed red line when there is one.
//! Redrawn at most a few times a second, whatever the frame rate. The title is the figure's
//! caption in HTML, not pixels on the canvas, so it wraps to fit in either language.

use crate::i18n::{fill, Lang};
use crate::i18n_access::TA;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::sync::atomic::{AtomicUsize, Ordering};
use yew::prelude::*;

/// The least time between two redraws of a chart, in ms.
const REDRAW_EVERY_MS: f64 = 250.0;

/// Line colours, one per series (shard 0, 1, …), readable on both themes.
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 111, 235),
    RGBColor(217, 72, 15),
    RGBColor(130, 80, 223),
    RGBColor(26, 127, 55),
    RGBColor(191, 57, 137),
    RGBColor(154, 103, 0),
];

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
    pub dark: bool,
}

fn draw(canvas: web_sys::HtmlCanvasElement, p: &ChartProps) -> Option<()> {
    let backend = CanvasBackend::with_canvas_object(canvas)?;
    let root = backend.into_drawing_area();
    let (bg, ink, grid) = theme(p.dark);
    root.fill(&bg).ok()?;
    let top =
        p.series.iter().flat_map(|s| s.points.iter().map(|&(_, v)| v)).chain(p.limit).fold(1.0f64, f64::max) * 1.15;
    let (x0, x1) = p.window;
    let mut chart = ChartBuilder::on(&root)
        .margin(6)
        .x_label_area_size(16)
        .y_label_area_size(44)
        .build_cartesian_2d(x0..x1.max(x0 + 1.0), 0f64..top)
        .ok()?;
    chart
        .configure_mesh()
        .light_line_style(grid)
        .bold_line_style(grid)
        .axis_style(grid)
        .label_style(("sans-serif", 10).into_font().color(&ink))
        .x_labels(4)
        .y_labels(4)
        .x_label_formatter(&|x| format!("{x:.0}s"))
        .y_label_formatter(&|y| compact(*y))
        .draw()
        .ok()?;
    if let Some(limit) = p.limit {
        let red = RGBColor(207, 34, 46);
        chart.draw_series(DashedLineSeries::new(vec![(x0, limit), (x1, limit)], 6, 4, red.stroke_width(1))).ok()?;
    }
    for (i, s) in p.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        chart.draw_series(LineSeries::new(s.points.iter().copied(), color.stroke_width(2))).ok()?;
    }
    root.present().ok()
}

/// A chart's background, ink and grid colours on the light or the dark theme.
pub fn theme(dark: bool) -> (RGBColor, RGBColor, RGBColor) {
    if dark {
        (RGBColor(23, 28, 35), RGBColor(154, 166, 181), RGBColor(43, 51, 62))
    } else {
        (RGBColor(255, 255, 255), RGBColor(92, 103, 120), RGBColor(221, 226, 234))
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
        fill(TA::ChartLatest.t(p.lang), &[&latest.join(", ")])
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
            dark: self.dark,
        }
    }
}
