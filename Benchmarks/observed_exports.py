#!/usr/bin/env python3
"""Read time of large platform exports (`make bench-observed`).

  observed_exports.py --bin STEWARD [--records 50000] [--runs 5] [--work DIR] [--keep]

Writes one export of RECORDS records for each of the five platform formats (shaped like the
fixtures in Tests/StewardCoreTests/Fixtures/Inventory: every field the platform emits),
then times, as whole processes, `steward run --dry-run --observed FILE` on a fresh
`steward init` repository against the same run without `--observed` (median of RUNS runs
after one warm-up). The difference is the cost of reading, sniffing and reconciling the
export. Prints one Markdown table.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NOW = "2026-03-01T00:00:00Z"


def guid(i, salt):
    h = f"{(i * 2654435761 + salt) & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def entra(n):
    apps = []
    for i in range(n):
        apps.append({
            "addIns": [], "api": {"acceptMappedClaims": None, "knownClientApplications": [], "oauth2PermissionScopes": [],
                                  "preAuthorizedApplications": [], "requestedAccessTokenVersion": None},
            "appId": guid(i, 1), "appRoles": [], "applicationTemplateId": None, "certification": None,
            "createdDateTime": "2025-06-01T09:12:44Z", "defaultRedirectUri": None, "deletedDateTime": None,
            "description": None, "disabledByMicrosoftStatus": None, "displayName": f"app-{i}",
            "groupMembershipClaims": None, "id": guid(i, 2), "identifierUris": [],
            "info": {"logoUrl": None, "marketingUrl": None, "privacyStatementUrl": None, "supportUrl": None,
                     "termsOfServiceUrl": None},
            "isDeviceOnlyAuthSupported": None, "isFallbackPublicClient": None,
            "keyCredentials": [{"customKeyIdentifier": "6B4F0E3D2C1A09F8E7D6C5B4A3928170F6E5D4C3", "displayName": f"CN=app-{i}",
                                "endDateTime": "2027-06-01T00:00:00Z", "key": None, "keyId": guid(i, 3),
                                "startDateTime": "2025-06-01T00:00:00Z", "type": "AsymmetricX509Cert", "usage": "Verify"}]
            if i % 3 == 0 else [],
            "notes": None, "optionalClaims": None,
            "parentalControlSettings": {"countriesBlockedForMinors": [], "legalAgeGroupRule": "Allow"},
            "passwordCredentials": [{"customKeyIdentifier": None, "displayName": f"secret-{i}",
                                     "endDateTime": "2026-03-20T08:00:00Z" if i % 2 else "2026-12-20T08:00:00Z",
                                     "hint": "Q~7", "keyId": guid(i, 4), "secretText": None,
                                     "startDateTime": "2025-09-20T08:00:00Z"}],
            "publicClient": {"redirectUris": []}, "publisherDomain": "acmecorp.onmicrosoft.com",
            "requestSignatureVerification": None,
            "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
                                        "resourceAccess": [{"id": "7ab1d382-f21e-4acd-a863-ba3e13f7da61", "type": "Role"}]}],
            "samlMetadataUrl": None, "serviceManagementReference": None, "signInAudience": "AzureADMyOrg",
            "spa": {"redirectUris": []}, "tags": [], "tokenEncryptionKeyId": None,
            "verifiedPublisher": {"addedDateTime": None, "displayName": None, "verifiedPublisherId": None},
            "web": {"homePageUrl": None, "implicitGrantSettings": {"enableAccessTokenIssuance": False,
                                                                   "enableIdTokenIssuance": False},
                    "logoutUrl": None, "redirectUriSettings": [], "redirectUris": []},
        })
    return apps


def gcp(n):
    lists = []
    per = 2
    for a in range(n // per):
        email = f"svc-{a}@acme-prod.iam.gserviceaccount.com"
        keys = []
        for k in range(per):
            keys.append({"keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED",
                         "keyType": "USER_MANAGED" if k == 0 else "SYSTEM_MANAGED",
                         "name": f"projects/acme-prod/serviceAccounts/{email}/keys/{a:020x}{k:020x}",
                         "validAfterTime": "2025-10-01T08:00:00Z", "validBeforeTime": "9999-12-31T23:59:59Z"})
        lists.append(keys)
    return lists


def pats(n):
    out = []
    for i in range(n):
        login = f"user{i % 5000}"
        base = f"https://api.github.com/users/{login}"
        out.append({"id": i + 1, "owner": {
            "login": login, "id": 100000 + i % 5000, "node_id": "MDQ6VXNlcjE=", "avatar_url": "https://avatars.githubusercontent.com/u/1?v=4",
            "gravatar_id": "", "url": base, "html_url": f"https://github.com/{login}", "followers_url": base + "/followers",
            "following_url": base + "/following{/other_user}", "gists_url": base + "/gists{/gist_id}",
            "starred_url": base + "/starred{/owner}{/repo}", "subscriptions_url": base + "/subscriptions",
            "organizations_url": base + "/orgs", "repos_url": base + "/repos", "events_url": base + "/events{/privacy}",
            "received_events_url": base + "/received_events", "type": "User", "site_admin": False},
            "repository_selection": "subset",
            "repositories_url": f"https://api.github.com/organizations/98765432/personal-access-token-requests/{i + 1}/repositories",
            "permissions": {"organization": {"members": "read"}, "repository": {"contents": "write", "metadata": "read"}, "other": {}},
            "access_granted_at": "2025-12-10T09:14:02Z", "token_id": 900000 + i, "token_name": f"token-{i}",
            "token_expired": i % 10 == 0, "token_expires_at": "2026-06-10T09:14:02Z" if i % 4 else None,
            "token_last_used_at": "2026-02-27T18:03:45Z"})
    return out


def okta(n):
    org = "https://acme.okta.com"
    out = []
    for i in range(n):
        tid, uid = f"00T{i:017d}", f"00u{i % 3000:017d}"
        out.append({"clientName": "Okta API", "created": "2025-05-01T10:00:00.000Z", "expiresAt": "2026-03-20T06:12:40.000Z",
                    "id": tid, "lastUpdated": "2025-05-01T10:00:00.000Z", "name": f"token-{i}",
                    "network": {"connection": "ANYWHERE", "exclude": [], "include": []}, "tokenWindow": "P30D", "userId": uid,
                    "_link": {"self": {"href": f"{org}/api/v1/api-tokens/{tid}", "hints": {"allow": ["GET", "DELETE"]}},
                              "user": {"href": f"{org}/api/v1/users/{uid}", "hints": {"allow": ["GET"]}}}})
    return out


def kubernetes(n):
    items = []
    for i in range(n):
        ns = f"team-{i % 200}"
        items.append({"apiVersion": "v1", "kind": "Secret",
                      "metadata": {"annotations": {"kubernetes.io/service-account.name": f"sa-{i}",
                                                   "kubernetes.io/service-account.uid": guid(i, 5)},
                                   "creationTimestamp": "2024-11-05T16:45:31Z",
                                   "labels": {"kubernetes.io/legacy-token-last-used": "2026-02-20"},
                                   "name": f"sa-{i}-token", "namespace": ns, "resourceVersion": str(1000 + i), "uid": guid(i, 6)},
                      "type": "kubernetes.io/service-account-token"})
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


FORMATS = [("entra-applications", entra), ("gcp-service-account-keys", gcp), ("github-fine-grained-pats", pats),
           ("okta-api-tokens", okta), ("kubernetes-service-account-tokens", kubernetes)]


def timed(cmd, runs, expect):
    """(median wall seconds, median CPU seconds, user + system) of RUNS runs after a warm-up."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if p.returncode != expect:
            sys.exit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode()[:400]}")
    return statistics.median(walls), statistics.median(cpus)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--records", type=int, default=50000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="steward-observed-")
    os.makedirs(work, exist_ok=True)
    root = os.path.join(work, "gov")
    if not os.path.isdir(root):
        subprocess.run([a.bin, "init", root], check=True, stdout=subprocess.DEVNULL)
    base = [a.bin, "run", "--dry-run", "--root", root, "--now", NOW]
    floor, floor_cpu = timed(base, a.runs, 0)
    rows = []
    for name, make in FORMATS:
        path = os.path.join(work, name + ".json")
        with open(path, "w") as f:
            json.dump(make(a.records), f, indent=2)
        size = os.path.getsize(path)
        t, cpu = timed(base + ["--observed", path], a.runs, 0)
        rows.append((name, size, t, cpu))
    print(f"{a.records:,} records per export, median of {a.runs} runs (wall clock; CPU = user + system); "
          f"`run --dry-run` alone: {floor * 1000:.0f} ms wall, {floor_cpu * 1000:.0f} ms CPU\n")
    print("| format | file size | run --observed, wall | CPU | read + reconcile CPU (minus the run alone) | per record |")
    print("|---|---|---|---|---|---|")
    for name, size, t, cpu in rows:
        extra = cpu - floor_cpu
        print(f"| `{name}` | {size / 1e6:.1f} MB | {t * 1000:.0f} ms | {cpu * 1000:.0f} ms | {extra * 1000:.0f} ms | {extra / a.records * 1e6:.1f} µs |")
    if not a.keep and not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
