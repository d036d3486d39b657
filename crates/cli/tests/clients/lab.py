"""What every client script shares: a boto3 client of the lab at `endpoint` with throwaway
credentials, and the admin request that moves the lab's manual clock."""

import json
import urllib.request

import boto3
from botocore.config import Config


def client(service, endpoint, retries=None):
    """A boto3 client of `service`; `retries=1` makes boto3 show a throttle instead of waiting."""
    config = Config(retries={"max_attempts": retries, "mode": "standard"}) if retries else None
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDSHARDLAB",
        aws_secret_access_key="any-secret-works",
        config=config,
    )


def advance(endpoint, ms):
    """Moves the lab's clock `ms` milliseconds on; returns where it is."""
    request = urllib.request.Request(
        endpoint + "/_shardlab/advance", data=json.dumps({"ms": ms}).encode(), method="POST"
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["now_ms"]
