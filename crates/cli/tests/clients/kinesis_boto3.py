"""boto3 against `shardlab serve --manual-clock`, as an engineer's own producer would run:
create a stream, put records until boto3 raises ProvisionedThroughputExceededException, read
every accepted record back in order, split the shard and read parent then children.

Run by crates/cli/tests/clients.rs with the endpoint as the first argument; prints one line
of JSON with what it saw, and exits non-zero on any surprise.
"""

import json
import sys

import lab

endpoint = sys.argv[1]
# No retries: the test wants to see the throttle itself, not boto3 waiting it out.
kinesis = lab.client("kinesis", endpoint, retries=1)


def advance(ms):
    return lab.advance(endpoint, ms)


def read_all(shard_id):
    iterator = kinesis.get_shard_iterator(
        StreamName="clicks", ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    records = []
    while iterator:
        answer = kinesis.get_records(ShardIterator=iterator, Limit=10000)
        records += answer["Records"]
        if not answer["Records"] and answer.get("MillisBehindLatest", 0) == 0:
            break
        iterator = answer.get("NextShardIterator")
    return records


kinesis.create_stream(StreamName="clicks", ShardCount=1)
advance(5000)
assert kinesis.describe_stream_summary(StreamName="clicks")["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE"

accepted = []
throttled = None
while throttled is None:
    try:
        answer = kinesis.put_record(StreamName="clicks", PartitionKey=f"k{len(accepted)}", Data=b"hi")
        accepted.append(answer["SequenceNumber"])
    except kinesis.exceptions.ProvisionedThroughputExceededException as e:
        throttled = e.response["Error"]["Code"]

read = [r["SequenceNumber"] for r in read_all("shardId-000000000000")]
assert read == accepted, f"read {len(read)} of {len(accepted)} accepted records, or out of order"

advance(1000)
kinesis.split_shard(
    StreamName="clicks",
    ShardToSplit="shardId-000000000000",
    NewStartingHashKey=str(2**127),
)
advance(5000)
shards = kinesis.list_shards(StreamName="clicks")["Shards"]
children = [s["ShardId"] for s in shards if s.get("ParentShardId") == "shardId-000000000000"]
after = kinesis.put_record(StreamName="clicks", PartitionKey="after-split", Data=b"child")
in_children = sum(len(read_all(c)) for c in children)

print(json.dumps({
    "accepted": len(accepted),
    "throttled": throttled,
    "read_in_order": len(read),
    "shards": len(shards),
    "children": len(children),
    "records_in_children": in_children,
    "after_split_shard": after["ShardId"],
}))
