"""boto3's DynamoDB and EMR clients against `shardlab serve --manual-clock`: a table created,
written and read (and refused for a name too short and a table that is not there); a
cluster run with an s3-dist-cp copy and a word count on a file put with boto3's S3 client,
followed through its states, its output read back from S3.

Run by crates/cli/tests/clients.rs with the endpoint as the first argument; prints one line
of JSON with what it saw, and exits non-zero on any surprise.
"""

import json
import sys

import lab

endpoint = sys.argv[1]
dynamodb = lab.client("dynamodb", endpoint)
emr = lab.client("emr", endpoint)
s3 = lab.client("s3", endpoint)


def advance(ms):
    return lab.advance(endpoint, ms)


def refusal(call, **kwargs):
    try:
        call(**kwargs)
    except dynamodb.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    return None


keys = dict(
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    BillingMode="PAY_PER_REQUEST",
)
too_short = refusal(dynamodb.create_table, TableName="t", **keys)
created = dynamodb.create_table(TableName="orders", **keys)["TableDescription"]["TableStatus"]
advance(10000)
active = dynamodb.describe_table(TableName="orders")["Table"]["TableStatus"]
dynamodb.put_item(TableName="orders", Item={"id": {"S": "o-1"}, "total": {"N": "42.5"}})
item = dynamodb.get_item(TableName="orders", Key={"id": {"S": "o-1"}})["Item"]
missing_table = refusal(dynamodb.get_item, TableName="nowhere", Key={"id": {"S": "o-1"}})

s3.create_bucket(Bucket="lab-logs")
s3.put_object(Bucket="lab-logs", Key="in/pets.txt", Body=b"the cat sat\nthe dog sat\n")
cluster = emr.run_job_flow(
    Name="words",
    ReleaseLabel="emr-7.5.0",
    Instances={
        "InstanceGroups": [
            {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1},
            {"InstanceRole": "CORE", "InstanceType": "m5.xlarge", "InstanceCount": 2},
        ],
        "KeepJobFlowAliveWhenNoSteps": True,
    },
    Steps=[
        {
            "Name": "copy",
            "ActionOnFailure": "CANCEL_AND_WAIT",
            "HadoopJarStep": {
                "Jar": "command-runner.jar",
                "Args": ["s3-dist-cp", "--src=s3://lab-logs/in/", "--dest=hdfs:///input/"],
            },
        },
        {
            "Name": "count words",
            "ActionOnFailure": "CONTINUE",
            "HadoopJarStep": {
                "Jar": "/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar",
                "Args": ["wordcount", "hdfs:///input/", "s3://lab-logs/out/"],
            },
        },
    ],
    JobFlowRole="EMR_EC2_DefaultRole",
    ServiceRole="EMR_DefaultRole",
)["JobFlowId"]
states = [emr.describe_cluster(ClusterId=cluster)["Cluster"]["Status"]["State"]]
for _ in range(60):
    advance(60000)
    state = emr.describe_cluster(ClusterId=cluster)["Cluster"]["Status"]["State"]
    if state != states[-1]:
        states.append(state)
    if state == "WAITING":
        break
steps = {s["Name"]: s["Status"]["State"] for s in emr.list_steps(ClusterId=cluster)["Steps"]}
parts = [o["Key"] for o in s3.list_objects_v2(Bucket="lab-logs", Prefix="out/part-")["Contents"]]
output = b"".join(s3.get_object(Bucket="lab-logs", Key=k)["Body"].read() for k in parts).decode()
emr.terminate_job_flows(JobFlowIds=[cluster])

print(json.dumps({
    "too_short": too_short,
    "created": created,
    "active": active,
    "item": item,
    "missing_table": missing_table,
    "cluster_states": states,
    "steps": steps,
    "counts": dict(sorted(line.split("\t") for line in output.splitlines())),
}))
