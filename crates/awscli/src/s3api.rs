//! Amazon S3's low-level API (`aws s3api …`), as far as the lab's buckets go. The console
//! answers GetObject with the body in the JSON (base64) rather than writing an outfile.

use crate::model::ParamType as T;
use crate::model::{Operation, Param, Service};

const BUCKET: Param = Param::required("Bucket", T::String);

pub(crate) const SERVICE: Service = Service {
    name: "s3api",
    title: "Amazon S3 (low-level API)",
    customizations: &[],
    operations: &[
        Operation { name: "CreateBucket", params: &[BUCKET] },
        Operation { name: "ListBuckets", params: &[] },
        Operation {
            name: "ListObjectsV2",
            params: &[
                BUCKET,
                Param::optional("Prefix", T::String),
                Param::optional("MaxKeys", T::Integer),
                Param::optional("ContinuationToken", T::String),
            ],
        },
        Operation { name: "GetObject", params: &[BUCKET, Param::required("Key", T::String)] },
    ],
};
