#!/usr/bin/env python3
"""Regenerates moto-credential-report.csv: an IAM credential report from moto's mock AWS.

Usage: python3 make_moto_credential_report.py   (needs moto 5.x and boto3; no network)

Creates four IAM users in moto's mocked account 123456789012 and writes the credential
report CSV beside this script:
  - crm-sync        one active access key, used on 2025-11-20
  - billing-export  two active access keys, created 2025-02-03 and 2025-09-15
  - legacy-etl      one access key, deactivated
  - alice           a console password, no access keys
moto's IAM clock is pinned (moto.iam.models.utcnow is replaced) so the output is the same
on every run. The report text itself is produced by moto's IAM implementation, which makes
it a second, independent producer of the format for the reader's tests.
"""
import os
from datetime import datetime

import boto3
import moto.iam.models as iam_models
from moto import mock_aws

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "moto-credential-report.csv")

_now = [datetime(2025, 1, 6, 9, 0, 0)]
iam_models.utcnow = lambda: _now[0]  # moto's IAM models read the time only through this name


def at(text: str) -> None:
    """Sets moto's IAM clock (UTC, naive, as moto keeps it)."""
    _now[0] = datetime.fromisoformat(text)


@mock_aws
def main() -> None:
    iam = boto3.client(
        "iam",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    at("2025-01-06T09:00:00")
    for user in ("crm-sync", "billing-export", "legacy-etl"):
        iam.create_user(UserName=user, Path="/integrations/")
    iam.create_user(UserName="alice")

    at("2025-01-06T09:05:00")
    crm = iam.create_access_key(UserName="crm-sync")["AccessKey"]
    at("2025-01-07T12:00:00")
    legacy = iam.create_access_key(UserName="legacy-etl")["AccessKey"]["AccessKeyId"]
    at("2025-02-03T08:15:00")
    iam.create_access_key(UserName="billing-export")
    at("2025-09-15T16:45:00")
    iam.create_access_key(UserName="billing-export")
    at("2025-10-01T10:00:00")
    iam.update_access_key(UserName="legacy-etl", AccessKeyId=legacy, Status="Inactive")
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9!")

    # A request signed with crm-sync's key makes moto record the key's last use.
    at("2025-11-20T10:30:00")
    boto3.client(
        "sts",
        region_name="us-east-1",
        aws_access_key_id=crm["AccessKeyId"],
        aws_secret_access_key=crm["SecretAccessKey"],
    ).get_caller_identity()

    at("2025-11-21T00:00:00")
    iam.generate_credential_report()
    content = iam.get_credential_report()["Content"]
    if isinstance(content, str):
        content = content.encode("utf-8")
    with open(OUT, "wb") as f:
        f.write(content)
    print(f"wrote {OUT} ({len(content)} bytes)")


if __name__ == "__main__":
    main()
