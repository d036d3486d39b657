"""boto3's enhanced fan-out against `shardlab serve --manual-clock`: register a consumer,
SubscribeToShard from TRIM_HORIZON, and read the event stream while another client writes
and moves the clock, until the subscription's five minutes end; then a second call within
5 seconds of a successful one, which AWS refuses with ResourceInUseException.

Run by crates/cli/tests/clients.rs with the endpoint as the first argument; prints one line
of JSON with what it saw, and exits non-zero on any surprise.
"""

import json
import sys
import threading

import lab

endpoint = sys.argv[1]


def client():
    return lab.client("kinesis", endpoint, retries=1)


def advance(ms):
    return lab.advance(endpoint, ms)


kinesis = client()
kinesis.create_stream(StreamName="feed", ShardCount=1)
advance(5000)
stream_arn = kinesis.describe_stream_summary(StreamName="feed")["StreamDescriptionSummary"]["StreamARN"]
consumer = kinesis.register_stream_consumer(StreamARN=stream_arn, ConsumerName="reader")["Consumer"]
advance(10000)
for i in range(3):
    kinesis.put_record(StreamName="feed", PartitionKey=f"before-{i}", Data=f"before {i}".encode())
    advance(100)

subscription = kinesis.subscribe_to_shard(
    ConsumerARN=consumer["ConsumerARN"],
    ShardId="shardId-000000000000",
    StartingPosition={"Type": "TRIM_HORIZON"},
)


def produce():
    # Another client of the same lab: it writes while the consumer reads, then moves the
    # clock past the subscription's five minutes.
    producer = client()
    for i in range(3):
        producer.put_record(StreamName="feed", PartitionKey=f"during-{i}", Data=f"during {i}".encode())
        advance(1000)
    advance(300000)


writer = threading.Thread(target=produce)
writer.start()
received = []
events = 0
last_continuation = None
for event in subscription["EventStream"]:
    shard_event = event["SubscribeToShardEvent"]
    events += 1
    received += [(r["PartitionKey"], r["Data"].decode()) for r in shard_event["Records"]]
    last_continuation = shard_event["ContinuationSequenceNumber"]
writer.join()

# A new subscription, then another call for the same consumer and shard a second later.
kinesis.subscribe_to_shard(
    ConsumerARN=consumer["ConsumerARN"],
    ShardId="shardId-000000000000",
    StartingPosition={"Type": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last_continuation},
)["EventStream"].close()
advance(1000)
try:
    kinesis.subscribe_to_shard(
        ConsumerARN=consumer["ConsumerARN"],
        ShardId="shardId-000000000000",
        StartingPosition={"Type": "LATEST"},
    )
    in_use = None
except kinesis.exceptions.ResourceInUseException as e:
    in_use = e.response["Error"]["Code"]

print(json.dumps({
    "received": [key for key, _ in received],
    "data": [data for _, data in received],
    "events": events,
    "in_use": in_use,
}))
