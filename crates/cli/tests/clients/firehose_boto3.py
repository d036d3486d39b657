"""boto3 against `shardlab serve --manual-clock`: a bucket, a Direct PUT delivery stream into
it with a 60-second buffer, ten records put, the clock moved past the interval. Prints one
line of JSON: the bucket, and the records' text as the delivered object must hold it.
"""

import json
import sys

import lab

endpoint = sys.argv[1]
s3 = lab.client("s3", endpoint)
firehose = lab.client("firehose", endpoint)


def advance(ms):
    return lab.advance(endpoint, ms)


s3.create_bucket(Bucket="deliveries")
firehose.create_delivery_stream(
    DeliveryStreamName="to-s3",
    DeliveryStreamType="DirectPut",
    ExtendedS3DestinationConfiguration={
        "RoleARN": "arn:aws:iam::123456789012:role/firehose",
        "BucketARN": "arn:aws:s3:::deliveries",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
    },
)
for _ in range(30):
    status = firehose.describe_delivery_stream(DeliveryStreamName="to-s3")["DeliveryStreamDescription"]
    if status["DeliveryStreamStatus"] == "ACTIVE":
        break
    advance(1000)
records = [f"record {i}\n".encode() for i in range(10)]
answer = firehose.put_record_batch(DeliveryStreamName="to-s3", Records=[{"Data": r} for r in records])
assert answer["FailedPutCount"] == 0, answer
before = s3.list_objects_v2(Bucket="deliveries").get("KeyCount", 0)
advance(61000)
listed = s3.list_objects_v2(Bucket="deliveries")
print(json.dumps({
    "before_interval": before,
    "after_interval": listed.get("KeyCount", 0),
    "expected": b"".join(records).decode(),
}))
