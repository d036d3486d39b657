//! A job's Gantt chart, drawn with plotters on a `<canvas>`: one row per container slot
//! that ran a task attempt, one bar per attempt from its start to its end (now, while it
//! runs), coloured by the wave it ran in; failed attempts red, killed ones grey; a map that
//! read its split over the network (rack-local or from S3) drawn paler than a data-local one.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

/// What became of an attempt, for its colour.
#[derive(Clone, Copy, PartialEq)]
pub enum BarKind {
    Wave(u32),
    Reduce,
    Failed,
    Killed,
}

#[derive(Clone, PartialEq)]
pub struct Bar {
    pub row: usize,
    /// How solidly it is drawn: 1 for a map that read its block on its own node, paler for
    /// one that read over the network (another node's block, or S3).
    pub solid: f64,
    /// Seconds since the job started.
    pub start: f64,
    pub end: f64,
    pub kind: BarKind,
}

#[derive(Properties, PartialEq)]
pub struct GanttProps {
    pub title: AttrValue,
    /// `core-1 #0`: node and container slot.
    pub rows: Vec<String>,
    pub bars: Vec<Bar>,
    pub dark: bool,
}

const WAVES: [RGBColor; 4] =
    [RGBColor(31, 111, 235), RGBColor(26, 127, 55), RGBColor(130, 80, 223), RGBColor(154, 103, 0)];

fn colour(kind: BarKind) -> RGBColor {
    match kind {
        BarKind::Wave(w) => WAVES[(w.max(1) as usize - 1) % WAVES.len()],
        BarKind::Reduce => RGBColor(191, 57, 137),
        BarKind::Failed => RGBColor(207, 34, 46),
        BarKind::Killed => RGBColor(140, 149, 159),
    }
}

fn draw(canvas: web_sys::HtmlCanvasElement, p: &GanttProps) -> Option<()> {
    let backend = CanvasBackend::with_canvas_object(canvas)?;
    let root = backend.into_drawing_area();
    let rgb = |(r, g, b): crate::components::chart::Rgb| RGBColor(r, g, b);
    let (bg, ink, grid) = crate::components::chart::theme(p.dark);
    let (bg, ink, grid) = (rgb(bg), rgb(ink), rgb(grid));
    root.fill(&bg).ok()?;
    let end = p.bars.iter().map(|b| b.end).fold(1.0f64, f64::max) * 1.05;
    let rows = p.rows.len().max(1);
    let labels = p.rows.clone();
    let mut chart = ChartBuilder::on(&root)
        .margin(4)
        .x_label_area_size(16)
        .y_label_area_size(58)
        .build_cartesian_2d(0f64..end, 0f64..rows as f64)
        .ok()?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(grid)
        .bold_line_style(grid)
        .axis_style(grid)
        .label_style(("sans-serif", 10).into_font().color(&ink))
        .x_labels(5)
        .y_labels(rows.min(16))
        .x_label_formatter(&|x| format!("{x:.0}s"))
        .y_label_formatter(&|y| {
            let i = y.floor() as usize;
            labels.get(rows.saturating_sub(i + 1)).cloned().unwrap_or_default()
        })
        .draw()
        .ok()?;
    chart
        .draw_series(p.bars.iter().map(|b| {
            // Row 0 at the top.
            let y = (rows - 1 - b.row.min(rows - 1)) as f64;
            Rectangle::new(
                [(b.start, y + 0.15), (b.end.max(b.start + end / 400.0), y + 0.85)],
                colour(b.kind).mix(b.solid).filled(),
            )
        }))
        .ok()?;
    root.present().ok()
}

#[function_component(Gantt)]
pub fn gantt(p: &GanttProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let props = GanttProps { title: p.title.clone(), rows: p.rows.clone(), bars: p.bars.clone(), dark: p.dark };
        use_effect(move || {
            if let Some(el) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                draw(el, &props);
            }
        });
    }
    let height = (p.rows.len().max(1) * 14 + 30).clamp(80, 420);
    html! {
        <figure class="chart gantt">
            <figcaption>{p.title.clone()}</figcaption>
            <canvas ref={canvas} width="268" height={height.to_string()} role="img" aria-label={p.title.clone()}
                    data-bars={p.bars.len().to_string()}></canvas>
        </figure>
    }
}
