#!/usr/bin/env python3
"""Writes the five platform-export fixtures beside this script, deterministically.

Usage: python3 make_platform_fixtures.py   (no network, no dependencies)

No Python library on PyPI emulates these platforms' APIs (moto covers AWS only; there is
no offline emulator for Microsoft Graph, the IAM keys API of GCP, GitHub's REST API, Okta or
a Kubernetes API server), so each fixture is written here, field for field, from the
platform's published reference (see README.md for the pages followed). Values are
realistic and internally consistent; the reconciliation tests are pinned to
NOW = 2026-03-01T00:00:00Z.
"""
import base64
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, value, indent=2, sort=False):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(value, f, indent=indent, sort_keys=sort, ensure_ascii=False)
        f.write("\n")


def b64(text):
    return base64.b64encode(text.encode()).decode()


# --- Entra ID: az ad app list --all -o json (Graph v1.0 application resource) -------------

def password(key_id, name, hint, start, end):
    return {"customKeyIdentifier": None, "displayName": name, "endDateTime": end, "hint": hint,
            "keyId": key_id, "secretText": None, "startDateTime": start}


def certificate(key_id, name, thumb, start, end):
    return {"customKeyIdentifier": thumb, "displayName": name, "endDateTime": end, "key": None,
            "keyId": key_id, "startDateTime": start, "type": "AsymmetricX509Cert", "usage": "Verify"}


def application(object_id, app_id, name, created, passwords=(), keys=(), resource_access=()):
    return {
        "addIns": [],
        "api": {"acceptMappedClaims": None, "knownClientApplications": [], "oauth2PermissionScopes": [],
                "preAuthorizedApplications": [], "requestedAccessTokenVersion": None},
        "appId": app_id,
        "appRoles": [],
        "applicationTemplateId": None,
        "certification": None,
        "createdDateTime": created,
        "defaultRedirectUri": None,
        "deletedDateTime": None,
        "description": None,
        "disabledByMicrosoftStatus": None,
        "displayName": name,
        "groupMembershipClaims": None,
        "id": object_id,
        "identifierUris": [],
        "info": {"logoUrl": None, "marketingUrl": None, "privacyStatementUrl": None, "supportUrl": None,
                 "termsOfServiceUrl": None},
        "isDeviceOnlyAuthSupported": None,
        "isFallbackPublicClient": None,
        "keyCredentials": list(keys),
        "nativeAuthenticationApisEnabled": None,
        "notes": None,
        "optionalClaims": None,
        "parentalControlSettings": {"countriesBlockedForMinors": [], "legalAgeGroupRule": "Allow"},
        "passwordCredentials": list(passwords),
        "publicClient": {"redirectUris": []},
        "publisherDomain": "acmecorp.onmicrosoft.com",
        "requestSignatureVerification": None,
        "requiredResourceAccess": list(resource_access),
        "samlMetadataUrl": None,
        "serviceManagementReference": None,
        "servicePrincipalLockConfiguration": {"allProperties": True, "credentialsWithUsageSign": True,
                                              "credentialsWithUsageVerify": True, "identifierUris": False,
                                              "isEnabled": True, "tokenEncryptionKeyId": True},
        "signInAudience": "AzureADMyOrg",
        "spa": {"redirectUris": []},
        "tags": [],
        "tokenEncryptionKeyId": None,
        "uniqueName": None,
        "verifiedPublisher": {"addedDateTime": None, "displayName": None, "verifiedPublisherId": None},
        "web": {"homePageUrl": None, "implicitGrantSettings": {"enableAccessTokenIssuance": False,
                                                               "enableIdTokenIssuance": False},
                "logoutUrl": None, "redirectUriSettings": [], "redirectUris": []},
    }


GRAPH_READ_ALL = {"resourceAppId": "00000003-0000-0000-c000-000000000000",
                  "resourceAccess": [{"id": "7ab1d382-f21e-4acd-a863-ba3e13f7da61", "type": "Role"}]}

crm = application("5f6e1c0a-3b7d-4f0e-9a51-6c2d8e4b7a10", "1b4f816e-5eaf-48b9-8613-7923830595ad", "crm-sync",
                  "2025-06-01T09:12:44Z",
                  passwords=[password("a3c1f0de-8b52-4c6e-9f1d-2e7b4a9c0d13", "crm-sync 2025-09", "Q~7",
                                      "2025-09-20T08:00:00Z", "2026-03-20T08:00:00Z")],
                  keys=[certificate("0c9e4b2a-71f3-4d8e-b6a0-5d3c2f1e9b84", "CN=crm-sync.acme.example",
                                    "6B4F0E3D2C1A09F8E7D6C5B4A3928170F6E5D4C3",
                                    "2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z")],
                  resource_access=[GRAPH_READ_ALL])
hr = application("8a2d4f6b-1c3e-4a5b-9d7f-0e2c4a6b8d10", "6e2b1a57-9c4d-4e8f-a1b3-5d7f9b2c4e60", "hr-feed",
                 "2024-11-12T15:40:02Z",
                 passwords=[password("d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70", "hr-feed 2025", "kP2",
                                     "2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z")])
portal = application("2b4d6f80-9a1c-4e3b-8d5f-7a9c1e3b5d70", "9d1c3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e20", "legacy-portal",
                     "2022-03-03T10:00:00Z")
reports = application("c1e3a5b7-d9f2-4b6c-8e1a-3c5e7a9b1d40", "3f8a6c4e-2b1d-4e9f-a7c5-0b2d4f6a8c31", "finance-reports",
                      "2025-12-01T12:00:00Z",
                      passwords=[password("e7f9a1b3-c5d7-4e9f-8a2b-4c6d8e0f2a50", "finance-reports", "Zr9",
                                          "2025-12-01T12:05:00Z", "2027-12-01T12:05:00Z")])
write("entra-applications.json", [crm, hr, portal, reports])
# One Graph GET /v1.0/applications response split in two pages, as Graph returns it with $top=2.
write("entra-applications.graph-page-1.json", {
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications",
    "@odata.nextLink": "https://graph.microsoft.com/v1.0/applications?$top=2&$skiptoken=RFNwdAIAAQAAAB46YXBwbGljYXRpb25z",
    "value": [crm, hr]})
write("entra-applications.graph-page-2.json", {
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications",
    "value": [portal, reports]})

# --- GCP: gcloud iam service-accounts keys list --iam-account=SA --format=json -------------
# gcloud prints sorted keys, two-space indent; proto3 defaults (disabled: false) are omitted.

def key(account, key_id, kind, after, before, origin="GOOGLE_PROVIDED", **extra):
    k = {"keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": origin, "keyType": kind,
         "name": f"projects/acme-prod/serviceAccounts/{account}/keys/{key_id}",
         "validAfterTime": after, "validBeforeTime": before}
    k.update(extra)
    return k


CRM = "crm-sync@acme-prod.iam.gserviceaccount.com"
CI = "ci-deployer@acme-prod.iam.gserviceaccount.com"
NEVER = "9999-12-31T23:59:59Z"
crm_keys = [
    key(CRM, "3b1f0e9d8c7a6b5f4e3d2c1b0a9f8e7d6c5b4a39", "USER_MANAGED", "2025-10-01T08:00:00Z", NEVER),
    key(CRM, "8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b", "USER_MANAGED", "2024-05-02T10:30:00Z", NEVER,
        disabled=True, disableReason="SERVICE_ACCOUNT_KEY_DISABLE_REASON_USER_INITIATED"),
    key(CRM, "f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d", "SYSTEM_MANAGED", "2026-02-20T04:11:52Z",
        "2026-03-08T04:11:52Z"),
]
ci_keys = [
    key(CI, "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", "SYSTEM_MANAGED", "2026-02-18T17:02:10Z",
        "2026-03-06T17:02:10Z"),
]
write("gcp-service-account-keys.json", crm_keys, sort=True)
# Several accounts: a loop of gcloud calls collected into one array of lists (jq -s).
write("gcp-service-account-keys.accounts.json", [crm_keys, ci_keys], sort=True)

# --- GitHub: gh api --paginate --slurp /orgs/acme-corp/personal-access-tokens --------------

def user(login, uid):
    base = f"https://api.github.com/users/{login}"
    return {"login": login, "id": uid, "node_id": base64.b64encode(f"04:User{uid}".encode()).decode().rstrip("="),
            "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4", "gravatar_id": "",
            "url": base, "html_url": f"https://github.com/{login}",
            "followers_url": base + "/followers", "following_url": base + "/following{/other_user}",
            "gists_url": base + "/gists{/gist_id}", "starred_url": base + "/starred{/owner}{/repo}",
            "subscriptions_url": base + "/subscriptions", "organizations_url": base + "/orgs",
            "repos_url": base + "/repos", "events_url": base + "/events{/privacy}",
            "received_events_url": base + "/received_events", "type": "User", "user_view_type": "public",
            "site_admin": False}


def pat(grant_id, token_id, login, uid, name, granted, expires, expired, used, org, repo, selection="subset"):
    return {"id": grant_id, "owner": user(login, uid), "repository_selection": selection,
            "repositories_url": f"https://api.github.com/organizations/98765432/personal-access-token-requests/{grant_id}/repositories",
            "permissions": {"organization": org, "repository": repo, "other": {}},
            "access_granted_at": granted, "token_id": token_id, "token_name": name,
            "token_expired": expired, "token_expires_at": expires, "token_last_used_at": used}


pats_page_1 = [
    pat(25381, 98716, "octocat", 583231, "release-bot", "2025-12-10T09:14:02Z", "2026-03-10T09:14:02Z", False,
        "2026-02-27T18:03:45Z", {"members": "read"}, {"contents": "write", "metadata": "read"}),
    pat(25402, 98790, "hubot", 480938, "nightly-sync", "2025-06-03T07:00:00Z", None, False,
        "2025-10-01T02:00:11Z", {}, {"contents": "read", "metadata": "read"}, selection="all"),
]
pats_page_2 = [
    pat(24117, 97002, "mona", 2154397, "old-migration", "2025-09-01T12:00:00Z", "2025-12-01T12:00:00Z", True,
        "2025-11-28T23:59:00Z", {}, {"administration": "write", "metadata": "read"}),
]
write("github-fine-grained-pats.json", [pats_page_1, pats_page_2])

# --- Okta: GET /api/v1/api-tokens (two pages, following Link: rel="next") ------------------

def okta(token_id, name, user_id, created, expires, updated, window="P30D", connection="ANYWHERE"):
    org = "https://acme.okta.com"
    return {"clientName": "Okta API", "created": created, "expiresAt": expires, "id": token_id,
            "lastUpdated": updated, "name": name,
            "network": {"connection": connection, "exclude": [], "include": []},
            "tokenWindow": window, "userId": user_id,
            "_link": {"self": {"href": f"{org}/api/v1/api-tokens/{token_id}", "hints": {"allow": ["GET", "DELETE"]}},
                      "user": {"href": f"{org}/api/v1/users/{user_id}", "hints": {"allow": ["GET"]}}}}


write("okta-api-tokens.json", [
    okta("00T1fxzubpq2epw11d38", "crm-sync-token", "00ub0oNGTSWTBKOLGLNR", "2025-05-01T10:00:00.000Z",
         "2026-03-20T06:12:40.000Z", "2025-05-01T10:00:00.000Z"),
    okta("00T4kd9wq0hRbQm7p1d7", "scim-provisioner", "00u9x2kLmNoPqRsT1d7", "2023-02-14T08:30:00.000Z",
         "2026-03-28T01:00:00.000Z", "2023-02-14T08:30:00.000Z"),
])
write("okta-api-tokens.page-2.json", [
    okta("00T7zxc1vb2nm3as4d5f", "old-audit-export", "00u1aB2cD3eF4gH5i6j", "2024-06-01T00:00:00.000Z",
         "2025-08-30T12:00:00.000Z", "2024-06-01T00:00:00.000Z", connection="ZONE"),
])

# --- Kubernetes: kubectl get secrets -A --field-selector type=kubernetes.io/service-account-token -o json

CA = b64("-----BEGIN CERTIFICATE-----\nfixture-cluster-ca-not-a-real-certificate\n-----END CERTIFICATE-----\n")


def secret(ns, name, account, uid, account_uid, created, rv, labels=None):
    meta = {"annotations": {"kubernetes.io/service-account.name": account,
                            "kubernetes.io/service-account.uid": account_uid},
            "creationTimestamp": created, "name": name, "namespace": ns, "resourceVersion": rv, "uid": uid}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "data": {"ca.crt": CA, "namespace": b64(ns), "token": b64("fixture-token-not-a-real-jwt")},
            "kind": "Secret", "metadata": meta, "type": "kubernetes.io/service-account-token"}


items = [
    secret("ci", "deployer-token", "deployer", "4f9e2a1c-7b3d-4e8f-a6c5-1d2b3c4e5f60", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c60",
           "2023-06-01T09:00:00Z", "1187", {"kubernetes.io/legacy-token-last-used": "2025-10-01"}),
    secret("default", "old-bot-token", "old-bot", "7c6b5a49-3827-4615-a4f3-e2d1c0b9a870", "0f1e2d3c-4b5a-4968-8776-655443322110",
           "2022-11-20T14:22:05Z", "913", {"kubernetes.io/legacy-token-invalid-since": "2025-12-15",
                                             "kubernetes.io/legacy-token-last-used": "2025-09-12"}),
    secret("payments", "ledger-sync-token", "ledger-sync", "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d60", "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e70",
           "2024-11-05T16:45:31Z", "48213", {"kubernetes.io/legacy-token-last-used": "2026-02-20"}),
]
write("kubernetes-service-account-tokens.json", {"apiVersion": "v1", "items": items, "kind": "List",
                                                 "metadata": {"resourceVersion": ""}}, indent=4)
# The API's own chunked answer (GET /api/v1/secrets?limit=2&fieldSelector=...): a first chunk.
write("kubernetes-secretlist-chunk-1.json", {
    "kind": "SecretList", "apiVersion": "v1",
    "metadata": {"resourceVersion": "48230",
                 "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgyMzAsInN0YXJ0IjoiZGVmYXVsdC9vbGQtYm90LXRva2VuXHUwMDAwIn0",
                 "remainingItemCount": 1},
    "items": items[:2]})
print("wrote the platform fixtures")
