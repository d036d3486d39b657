//! The settings of the Firehose family's components as form fields: the delivery stream's
//! buffering hints, compression, prefixes and retry rule; a transform's buffer (its code has
//! its own editor); each destination's names and its outage toggle.

use crate::components::fields::{CheckField, NumberField, SelectField, TextField};
use crate::components::transform_editor::TransformEditor;
use crate::i18n::{Lang, T};
use shardlab_sim::firehose::stream::Compression;
use shardlab_sim::scenario::ComponentKind;
use yew::prelude::*;

fn opt(value: &str, text: &str) -> (AttrValue, AttrValue) {
    (AttrValue::from(value.to_string()), AttrValue::from(text.to_string()))
}

/// The fields for `kind`, or None if it is not one of the Firehose family.
pub fn delivery_fields(lang: Lang, kind: &ComponentKind, on_change: &Callback<ComponentKind>) -> Option<Html> {
    macro_rules! edit {
        ($($rest:tt)*) => { crate::components::fields::edit_setting!(kind, on_change, $($rest)*) };
    }
    Some(match kind {
        ComponentKind::Firehose(s) => {
            let compression = if s.compression == Compression::Gzip { "GZIP" } else { "UNCOMPRESSED" };
            let retry = s.retry_duration_s.map(|r| r.to_string()).unwrap_or_default();
            html! { <>
                <TextField label={T::DeliveryStreamNameField.t(lang)} value={s.delivery_stream_name.clone()}
                           on_change={edit!(Firehose, |s, v: String| s.delivery_stream_name = v.trim().to_string())} />
                <NumberField label={T::BufferMib.t(lang)} value={s.buffer_mib as f64} step={"1"}
                             on_change={edit!(Firehose, |s, v: f64| s.buffer_mib = v.max(0.0) as u64)} />
                <NumberField label={T::BufferIntervalS.t(lang)} value={s.buffer_interval_s as f64} step={"1"}
                             on_change={edit!(Firehose, |s, v: f64| s.buffer_interval_s = v.max(0.0) as u64)} />
                <SelectField label={T::CompressionField.t(lang)} value={compression}
                    options={vec![opt("UNCOMPRESSED", "UNCOMPRESSED"), opt("GZIP", "GZIP")]}
                    on_change={edit!(Firehose, |s, v: String| s.compression = if v == "GZIP" { Compression::Gzip } else { Compression::Uncompressed })} />
                <TextField label={T::PrefixField.t(lang)} value={s.prefix.clone()}
                           on_change={edit!(Firehose, |s, v: String| s.prefix = v)} />
                <TextField label={T::ErrorPrefixField.t(lang)} value={s.error_prefix.clone()}
                           on_change={edit!(Firehose, |s, v: String| s.error_prefix = v)} />
                <TextField label={T::RetryDurationField.t(lang)} value={retry}
                           on_change={edit!(Firehose, |s, v: String| s.retry_duration_s = v.trim().parse::<f64>().ok().map(|n| n.max(0.0) as u64))} />
                <TextField label={T::BackupBucketField.t(lang)} value={s.backup_bucket.clone()}
                           on_change={edit!(Firehose, |s, v: String| s.backup_bucket = v.trim().to_string())} />
                <CheckField label={T::BackupAllField.t(lang)} checked={s.backup_all}
                            on_change={edit!(Firehose, |s, v: bool| s.backup_all = v)} />
            </> }
        }
        ComponentKind::FirehoseTransform(s) => html! { <>
            <TextField label={T::FunctionNameField.t(lang)} value={s.function_name.clone()}
                       on_change={edit!(FirehoseTransform, |s, v: String| s.function_name = v.trim().to_string())} />
            <NumberField label={T::TransformBufferMb.t(lang)} value={s.buffer_mb}
                         on_change={edit!(FirehoseTransform, |s, v: f64| s.buffer_mb = v)} />
            <NumberField label={T::TransformIntervalS.t(lang)} value={s.buffer_interval_s as f64} step={"1"}
                         on_change={edit!(FirehoseTransform, |s, v: f64| s.buffer_interval_s = v.max(0.0) as u64)} />
            <TransformEditor {lang} code={s.code.clone()} on_code={edit!(FirehoseTransform, |s, v: String| s.code = v)} />
        </> },
        ComponentKind::S3Bucket(s) => {
            use shardlab_sim::emr::datasets::Dataset;
            use shardlab_sim::pipeline::delivery_settings::SampleData;
            let dataset_name = |d: Dataset| match d {
                Dataset::Corpus => T::SampleCorpus,
                Dataset::AccessLogs => T::SampleAccessLogs,
                Dataset::AppLogs => T::SampleAppLogs,
                Dataset::IotReadings => T::SampleIot,
            };
            let mut options = vec![opt("", T::SampleNone.t(lang))];
            options.extend(Dataset::ALL.iter().map(|&d| opt(d.name(), dataset_name(d).t(lang))));
            let chosen = s.sample.as_ref().map(|d| d.dataset.name()).unwrap_or("");
            html! { <>
                <TextField label={T::BucketField.t(lang)} value={s.bucket.clone()}
                           on_change={edit!(S3Bucket, |s, v: String| s.bucket = v.trim().to_string())} />
                <SelectField label={T::SampleField.t(lang)} value={chosen} {options}
                    on_change={edit!(S3Bucket, |s, v: String| s.sample = Dataset::from_name(&v).map(|dataset| match &s.sample {
                        Some(d) => SampleData { dataset, kib: d.kib },
                        None => SampleData::new(dataset),
                    }))} />
                if let Some(sample) = &s.sample {
                    <NumberField label={T::SampleKibField.t(lang)} value={sample.kib as f64} step={"1"}
                        on_change={edit!(S3Bucket, |s, v: f64| if let Some(d) = s.sample.as_mut() { d.kib = v.clamp(0.0, u32::MAX as f64) as u32 })} />
                }
            </> }
        }
        ComponentKind::Redshift(s) => html! { <>
            <TextField label={T::ClusterField.t(lang)} value={s.cluster.clone()}
                       on_change={edit!(Redshift, |s, v: String| s.cluster = v.trim().to_string())} />
            <TextField label={T::TableField.t(lang)} value={s.table.clone()}
                       on_change={edit!(Redshift, |s, v: String| s.table = v.trim().to_string())} />
            <TextField label={T::ColumnsField.t(lang)} value={s.columns.clone()}
                       on_change={edit!(Redshift, |s, v: String| s.columns = v)} />
            <TextField label={T::CopyOptionsField.t(lang)} value={s.copy_options.clone()}
                       on_change={edit!(Redshift, |s, v: String| s.copy_options = v)} />
            <CheckField label={T::AvailableField.t(lang)} checked={s.available}
                        on_change={edit!(Redshift, |s, v: bool| s.available = v)} />
        </> },
        ComponentKind::OpenSearch(s) => html! { <>
            <TextField label={T::DomainField.t(lang)} value={s.domain.clone()}
                       on_change={edit!(OpenSearch, |s, v: String| s.domain = v.trim().to_string())} />
            <TextField label={T::IndexField.t(lang)} value={s.index.clone()}
                       on_change={edit!(OpenSearch, |s, v: String| s.index = v.trim().to_string())} />
            <CheckField label={T::AvailableField.t(lang)} checked={s.available}
                        on_change={edit!(OpenSearch, |s, v: bool| s.available = v)} />
        </> },
        ComponentKind::HttpEndpoint(s) => html! { <>
            <TextField label={T::UrlField.t(lang)} value={s.url.clone()}
                       on_change={edit!(HttpEndpoint, |s, v: String| s.url = v.trim().to_string())} />
            <TextField label={T::EndpointNameField.t(lang)} value={s.name.clone()}
                       on_change={edit!(HttpEndpoint, |s, v: String| s.name = v)} />
            <CheckField label={T::AvailableField.t(lang)} checked={s.available}
                        on_change={edit!(HttpEndpoint, |s, v: bool| s.available = v)} />
        </> },
        _ => return None,
    })
}
