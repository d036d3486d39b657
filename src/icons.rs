//! ShardLab's own small icons, one per kind of component (no AWS logo files), drawn with
//! `currentColor` so they take their family's accent.

use shardlab_sim::wiring::Kind;
use yew::prelude::*;

pub fn icon(kind: Kind) -> Html {
    // Markup rather than `html!` nodes: the page builds each icon from its text, which costs
    // the first load a fraction of the code the element-by-element construction did.
    let body: &'static str = match kind {
        // A tap sending out dots.
        Kind::Producer => {
            r#"<rect x="3" y="8" width="8" height="8" rx="2" /><circle cx="15" cy="12" r="1.6" /><circle cx="19" cy="12" r="1.6" /><circle cx="17" cy="8.5" r="1.2" />"#
        }
        // Stacked lanes: the shards.
        Kind::DataStream => {
            r#"<rect x="3" y="4" width="18" height="4" rx="1.5" /><rect x="3" y="10" width="18" height="4" rx="1.5" /><rect x="3" y="16" width="18" height="4" rx="1.5" />"#
        }
        // A hand pulling: polling.
        Kind::PollingConsumer => {
            r#"<path d="M4 12h10" stroke="currentColor" stroke-width="2" fill="none" /><path d="M11 8l4 4-4 4" stroke="currentColor" stroke-width="2" fill="none" /><rect x="16" y="6" width="5" height="12" rx="1.5" />"#
        }
        // Workers sharing leases.
        Kind::KclApp => {
            r#"<circle cx="7" cy="8" r="3" /><circle cx="17" cy="8" r="3" /><rect x="3" y="14" width="8" height="6" rx="1.5" /><rect x="13" y="14" width="8" height="6" rx="1.5" />"#
        }
        // A fan of pushes.
        Kind::EfoConsumer => {
            r#"<path d="M3 12h6M9 12l10-6M9 12h12M9 12l10 6" stroke="currentColor" stroke-width="2" fill="none" /><circle cx="9" cy="12" r="2.2" />"#
        }
        // λ.
        Kind::LambdaConsumer => r#"<path d="M6 4h3l8 16h-3l-3.2-6.5L7 20H4l5.5-9.5L8 7H6z" />"#,
        // A funnel filling a bucket of records: the buffer.
        Kind::Firehose => r#"<path d="M3 4h18l-7 8v5l-4 3v-8z" />"#,
        // λ with a gear-like dot: a function that changes records.
        Kind::FirehoseTransform => {
            r#"<path d="M4 4h3l7 16h-3l-2.6-6L5 20H2l5-9L6 7H4z" /><circle cx="18" cy="8" r="3.2" fill="none" stroke="currentColor" stroke-width="2" />"#
        }
        // A bucket.
        Kind::S3Bucket => {
            r#"<ellipse cx="12" cy="6" rx="8" ry="2.6" /><path d="M4 7l2 12c.3 1.4 2.9 2 6 2s5.7-.6 6-2l2-12c-1.3 1.2-4.4 1.8-8 1.8S5.3 8.2 4 7z" />"#
        }
        // A table.
        Kind::Redshift => {
            r#"<rect x="3" y="4" width="18" height="4" rx="1" /><rect x="3" y="10" width="8" height="4" rx="1" /><rect x="13" y="10" width="8" height="4" rx="1" /><rect x="3" y="16" width="8" height="4" rx="1" /><rect x="13" y="16" width="8" height="4" rx="1" />"#
        }
        // A magnifier over documents.
        Kind::OpenSearch => {
            r#"<circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2.4" /><path d="M14.5 14.5L21 21" stroke="currentColor" stroke-width="2.6" />"#
        }
        // A globe: a URL.
        Kind::HttpEndpoint => {
            r#"<circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2" /><path d="M3.5 12h17M12 3.5c3 3 3 14 0 17M12 3.5c-3 3-3 14 0 17" fill="none" stroke="currentColor" stroke-width="1.6" />"#
        }
        // Three servers: primary, core, task.
        Kind::EmrCluster => {
            r#"<rect x="3" y="3" width="18" height="5" rx="1.2" /><rect x="3" y="10" width="8" height="5" rx="1.2" /><rect x="13" y="10" width="8" height="5" rx="1.2" /><rect x="3" y="17" width="8" height="4" rx="1.2" opacity=".6" /><rect x="13" y="17" width="8" height="4" rx="1.2" opacity=".6" />"#
        }
        // One input fanning out to several tasks.
        Kind::MapStep => {
            r#"<rect x="2" y="9" width="6" height="6" rx="1.2" /><path d="M8 12l5-6M8 12h5M8 12l5 6" stroke="currentColor" stroke-width="1.8" fill="none" /><rect x="14" y="3" width="7" height="5" rx="1" /><rect x="14" y="9.5" width="7" height="5" rx="1" /><rect x="14" y="16" width="7" height="5" rx="1" />"#
        }
        // Several inputs merging into one.
        Kind::ReduceStep => {
            r#"<rect x="3" y="3" width="7" height="5" rx="1" /><rect x="3" y="9.5" width="7" height="5" rx="1" /><rect x="3" y="16" width="7" height="5" rx="1" /><path d="M10 5.5l6 6.5M10 12h6M10 18.5l6-6.5" stroke="currentColor" stroke-width="1.8" fill="none" /><rect x="16" y="9" width="6" height="6" rx="1.2" />"#
        }
        // Items keyed in a table, with a lightning corner.
        Kind::DynamoDbTable => {
            r#"<ellipse cx="12" cy="5" rx="8" ry="2.5" /><path d="M4 6v5c0 1.4 3.6 2.5 8 2.5s8-1.1 8-2.5V6c-1.5 1.3-4.6 2-8 2s-6.5-.7-8-2z" /><path d="M4 13v5c0 1.4 3.6 2.5 8 2.5s8-1.1 8-2.5v-5c-1.5 1.3-4.6 2-8 2s-6.5-.7-8-2z" opacity=".7" />"#
        }
        // Rows gathered into windows: bars of a query's results over time.
        Kind::AnalyticsApp => {
            r#"<rect x="3" y="13" width="4" height="8" rx="1" /><rect x="10" y="8" width="4" height="13" rx="1" /><rect x="17" y="4" width="4" height="17" rx="1" /><path d="M2 3h6" stroke="currentColor" stroke-width="2" />"#
        }
        // A camera body and lens.
        Kind::Camera => r#"<path d="M2 7h14v11H2zm14 4l6-3v9l-6-3z" />"#,
        // Fragments in a row.
        Kind::VideoStream => r#"<path d="M2 6h5v12H2zM8 6h5v12H8zM14 6h5v12h-5z" />"#,
        // A screen with a play button.
        Kind::VideoPlayer => r#"<path d="M2 4h20v14H2zm8 4v6l5-3z" fill-rule="evenodd" />"#,
        // A box drawn around something that moves.
        Kind::MotionAnalyzer => {
            r#"<path d="M3 8V3h5m8 0h5v5m0 8v5h-5m-8 0H3v-5" stroke="currentColor" stroke-width="2" fill="none" /><circle cx="12" cy="12" r="3.5" />"#
        }
    };
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {Html::from_html_unchecked(AttrValue::Static(body))}
        </svg>
    }
}
