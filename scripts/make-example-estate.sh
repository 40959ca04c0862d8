#!/usr/bin/env bash
# Builds the example estate in State/: Northwind's connectors, made only through the
# steward binary (no file is written by hand), with fixed times in 2026, so the result
# is the same on every machine.
#
#   scripts/make-example-estate.sh BIN [--force]
#
# BIN is a steward binary (e.g. .build/release/steward). The script refuses to run when
# State/ already holds connectors, unless --force is given, which deletes State/*.json
# first (State/.gitkeep is kept). It ends with `steward check`, which must pass.
#
# The estate is "as of" Monday 2026-11-16 06:00 UTC, the last weekly cron run below.
# It covers every state of the standard workflow:
#
#   requested       hr-directory-sync      high risk, one approval of the two it needs
#   approved        marketing-analytics    approved, not activated yet
#   active          ci-deployer            AWS IAM user; rotated and recertified once
#                   pagerduty-events       low risk
#                   legacy-erp-migration   temporary workflow, ends 2027-01-08
#   review-due      release-bot            GitHub App; moved there by `steward run`
#   rotated         crm-sync               Salesforce, high risk, two approvers, monthly
#                                          recertification; mid-rotation
#   decommissioned  zendesk-legacy-export  offboarding done but verify-removal (reconciliation
#                                          closes it once an export shows the token gone)
#                   partner-feed-acme      rejected request
#
# `make run` (scripts/demo-run.sh) then runs the cron job on a copy at a later time.
set -euo pipefail

usage() { echo "usage: $0 BIN [--force]" >&2; exit 2; }
[ $# -ge 1 ] || usage
BIN=$1; shift
FORCE=0
for a in "$@"; do
  case $a in
    --force) FORCE=1 ;;
    *) usage ;;
  esac
done
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
[ -x "$BIN" ] || { echo "$0: $BIN is not an executable steward binary" >&2; exit 2; }

cd "$(dirname "$0")/.."
[ -d Workflows ] && [ -d Templates ] || { echo "$0: run from a steward checkout (no Workflows/ or Templates/)" >&2; exit 2; }
mkdir -p State
shopt -s nullglob
existing=(State/*.json)
if [ ${#existing[@]} -gt 0 ]; then
  if [ $FORCE -ne 1 ]; then
    echo "$0: State/ already holds ${#existing[@]} connector(s); pass --force to delete them and rebuild the example estate" >&2
    exit 1
  fi
  rm -f -- "${existing[@]}"
fi
[ -e State/.gitkeep ] || : > State/.gitkeep

# at TIME ACTOR COMMAND ARGS...: one person's command at a fixed time.
at() {
  local now=$1 actor=$2 cmd=$3; shift 3
  "$BIN" "$cmd" "$@" --root . --now "$now" --as "$actor" --wait 30
}
# cron TIME: the weekly runner (Mondays 06:00 UTC). Runs that find nothing due write nothing.
cron() {
  "$BIN" run --root . --now "$1" --wait 30 | grep -v ', 0 transitions, 0 tasks opened, 0 findings, 0 errors$' || true
}

# The people. Approvers are in Workflows/roles.json.
PRIYA=priya.natarajan@northwind.example       # security engineering lead (approver)
MARCUS=marcus.lee@northwind.example           # cloud security architect (approver)
ONCALL=security-oncall@northwind.example      # security on-call rota (approver)
DANA=dana.whitfield@northwind.example         # VP sales operations
LEE=lee.okafor@northwind.example              # data engineer
SOFIA=sofia.marquez@northwind.example         # director of platform engineering
TOMASZ=tomasz.nowak@northwind.example         # site reliability engineer
BEN=ben.carter@northwind.example              # head of release engineering
NINA=nina.volkova@northwind.example           # build and release engineer
DAVID=david.kim@northwind.example             # head of SRE
AMARA=amara.osei@northwind.example            # SRE, monitoring
OLIVER=oliver.grant@northwind.example         # director of support operations
MEI=mei.tanaka@northwind.example              # support tooling engineer
AISHA=aisha.rahman@northwind.example          # finance systems lead
RAJ=raj.patel@northwind.example               # ERP integration engineer
HANNAH=hannah.berg@northwind.example          # people operations lead
KOFI=kofi.mensah@northwind.example            # IT systems engineer
GRACE=grace.liu@northwind.example             # VP marketing
ELENA=elena.rossi@northwind.example           # marketing operations engineer
MAYA=maya.chen@northwind.example              # partnerships manager
SAMUEL=samuel.adeyemi@northwind.example       # integration engineer

cron 2026-06-01T06:00:00Z
cron 2026-06-08T06:00:00Z
cron 2026-06-15T06:00:00Z

# zendesk-legacy-export: a ticket export that outlived the helpdesk it read from.
at 2026-06-15T09:00:00Z $MEI new zendesk-legacy-export --system zendesk \
  --purpose 'Nightly export of solved Zendesk tickets to the Snowflake warehouse for support analytics' \
  --business-owner $OLIVER --technical-owner $MEI --kind api-key --risk low \
  --scope tickets:read --scope users:read --reach snowflake \
  --secret-ref vault://kv/integrations/zendesk-legacy-export \
  --binding zendesk=northwind.zendesk.com/api-tokens/ticket-export
at 2026-06-15T14:00:00Z $PRIYA approve zendesk-legacy-export --note 'read-only export, SEC-1021'
at 2026-06-16T10:00:00Z $MEI activate zendesk-legacy-export --credential-id zendesk-token-ticket-export-2026-06
cron 2026-06-22T06:00:00Z
cron 2026-06-29T06:00:00Z

# crm-sync: high risk, so two approvers and a review every 30 days.
at 2026-07-06T09:00:00Z $LEE new crm-sync --system salesforce \
  --purpose 'Nightly export of Accounts and Opportunities to the Snowflake warehouse' \
  --business-owner $DANA --technical-owner $LEE --kind oauth-app --risk high \
  --scope api --scope refresh_token --reach snowflake \
  --secret-ref vault://kv/integrations/crm-sync \
  --binding salesforce=Northwind_Warehouse_Sync
at 2026-07-06T14:00:00Z $PRIYA approve crm-sync --note 'CAB-2231'
at 2026-07-07T10:00:00Z $MARCUS approve crm-sync --note 'second approval for a high-risk connector: read-only export confirmed'
at 2026-07-08T09:30:00Z $LEE activate crm-sync --credential-id sf-connected-app-crm-sync-2026-07
cron 2026-07-13T06:00:00Z

# ci-deployer: the AWS IAM user GitHub Actions deploys with.
at 2026-07-20T09:00:00Z $TOMASZ new ci-deployer --system aws \
  --purpose 'GitHub Actions pushes images to ECR and rolls out the storefront on ECS' \
  --business-owner $SOFIA --technical-owner $TOMASZ --kind service-account --risk medium \
  --scope ecr:PutImage --scope ecs:UpdateService --scope ecs:DescribeServices \
  --secret-ref vault://kv/ci/ci-deployer \
  --binding aws=arn:aws:iam::418295730146:user/ci/ci-deployer
at 2026-07-20T15:00:00Z $MARCUS approve ci-deployer --note 'CAB-2207'
at 2026-07-21T09:00:00Z $TOMASZ activate ci-deployer \
  --credential-id 'arn:aws:iam::418295730146:user/ci/ci-deployer#access_key_1'
cron 2026-07-27T06:00:00Z
cron 2026-08-03T06:00:00Z
at 2026-08-05T10:00:00Z $PRIYA recertify crm-sync --note 'still feeds the revenue dashboard; scopes unchanged'

cron 2026-08-10T06:00:00Z

# release-bot: a GitHub App, reconciled against GET /orgs/{org}/installations.
at 2026-08-10T09:00:00Z $NINA new release-bot --system github \
  --purpose 'Tags releases, writes changelogs and opens release pull requests in the product repositories' \
  --business-owner $BEN --technical-owner $NINA --kind github-app --risk medium \
  --scope contents:write --scope pull_requests:write --scope metadata:read \
  --secret-ref vault://kv/github-apps/northwind-release-bot \
  --binding github=northwind-release-bot
at 2026-08-10T13:00:00Z $MARCUS approve release-bot
at 2026-08-11T09:00:00Z $NINA activate release-bot --credential-id github-app-private-key-2026-08
cron 2026-08-17T06:00:00Z
cron 2026-08-24T06:00:00Z
cron 2026-08-31T06:00:00Z
at 2026-09-02T10:00:00Z $MARCUS recertify crm-sync --note 'monthly review: usage matches purpose'
cron 2026-09-07T06:00:00Z
at 2026-09-08T10:00:00Z $MEI rotate zendesk-legacy-export --credential-id zendesk-token-ticket-export-2026-09 \
  --note 'quarterly rotation'
at 2026-09-09T09:00:00Z $MEI confirm-rotation zendesk-legacy-export \
  --evidence 'old API token deleted in Zendesk Admin Center; audit log entry 2026-09-09 08:52 UTC'

# pagerduty-events: low risk, reviewed every 180 days, rotated every 90.
at 2026-09-14T09:00:00Z $AMARA new pagerduty-events --system pagerduty \
  --purpose 'Datadog monitors open and resolve incidents for the production on-call through the PagerDuty Events API' \
  --business-owner $DAVID --technical-owner $AMARA --kind api-key --risk low \
  --scope events:write --reach datadog \
  --secret-ref vault://kv/integrations/pagerduty-events \
  --binding pagerduty=service/P7K2QZX
at 2026-09-14T11:00:00Z $ONCALL approve pagerduty-events
at 2026-09-15T09:00:00Z $AMARA activate pagerduty-events --credential-id pagerduty-integration-datadog-prod
cron 2026-09-21T06:00:00Z
cron 2026-09-28T06:00:00Z
at 2026-09-30T10:00:00Z $PRIYA recertify crm-sync --note 'monthly review'
at 2026-10-01T09:00:00Z $LEE rotate crm-sync --credential-id sf-connected-app-crm-sync-2026-10 \
  --note 'quarterly rotation of the connected app consumer secret'
at 2026-10-02T09:00:00Z $LEE confirm-rotation crm-sync \
  --evidence 'previous consumer secret revoked in Salesforce Setup; Setup Audit Trail 2026-10-02 08:41 UTC'

# partner-feed-acme: a request that was refused.
at 2026-10-05T09:00:00Z $MAYA new partner-feed-acme --system sftp \
  --purpose 'Acme Logistics pulls daily shipment manifests over SFTP' \
  --business-owner $MAYA --technical-owner $SAMUEL --kind ssh-key --risk medium \
  --scope manifests:read --reach acme-logistics
at 2026-10-06T10:00:00Z $MARCUS reject partner-feed-acme \
  --reason 'partner feeds go through the EDI gateway; no per-partner credentials (SEC-1102)'
at 2026-10-06T16:00:00Z $MAYA close-task 'partner-feed-acme#2-notify-owners' \
  --evidence 'told Acme Logistics to send manifests through the EDI gateway; e-mail thread PART-88'
cron 2026-10-12T06:00:00Z
at 2026-10-13T10:00:00Z $TOMASZ rotate ci-deployer \
  --credential-id 'arn:aws:iam::418295730146:user/ci/ci-deployer#access_key_2' --note 'quarterly rotation'
at 2026-10-14T09:00:00Z $TOMASZ confirm-rotation ci-deployer \
  --evidence 'access_key_1 deactivated 2026-10-13 and deleted 2026-10-14; CloudTrail DeleteAccessKey in account 418295730146'
cron 2026-10-19T06:00:00Z
cron 2026-10-26T06:00:00Z    # ci-deployer: review due 2026-10-19 -> review-due
at 2026-10-26T11:00:00Z $PRIYA recertify ci-deployer --note 'deploy pipeline unchanged; access key rotated 2026-10-13'
at 2026-10-27T16:00:00Z $OLIVER decommission zendesk-legacy-export \
  --reason 'support moved to Intercom on 2026-10-26; the ticket export is no longer needed (CHG-4471)'
at 2026-10-28T09:00:00Z $MEI close-task 'zendesk-legacy-export#6-revoke-credential' \
  --evidence 'API token deleted in Zendesk Admin Center; audit log 2026-10-28 08:40 UTC'
at 2026-10-28T09:10:00Z $MEI close-task 'zendesk-legacy-export#6-delete-secret' \
  --evidence 'vault kv metadata delete kv/integrations/zendesk-legacy-export (all versions); Vault audit log 2026-10-28'
at 2026-10-28T10:00:00Z $MARCUS recertify crm-sync --note 'monthly review'
at 2026-10-29T14:00:00Z $OLIVER close-task 'zendesk-legacy-export#6-notify-owners' \
  --evidence 'announced in #support-ops and to the analytics team on 2026-10-29'

cron 2026-11-02T06:00:00Z

# legacy-erp-migration: a temporary connector for the finance cutover.
at 2026-11-02T09:00:00Z $RAJ new legacy-erp-migration --system netsuite --workflow temporary \
  --until 2027-01-08T00:00:00Z \
  --purpose 'Copies open invoices and customers from the legacy Dynamics GP ERP into NetSuite during the finance cutover' \
  --business-owner $AISHA --technical-owner $RAJ --kind service-account --risk medium \
  --scope invoices:create --scope customers:create --reach dynamics-gp \
  --secret-ref vault://kv/migration/legacy-erp-migration \
  --binding aws=arn:aws:iam::418295730146:user/migration/legacy-erp-migration
at 2026-11-02T15:00:00Z $PRIYA approve legacy-erp-migration --note 'ends with the cutover, FIN-311'
at 2026-11-03T09:00:00Z $RAJ activate legacy-erp-migration --credential-id netsuite-tba-legacy-erp-migration
cron 2026-11-09T06:00:00Z

# marketing-analytics: approved, waiting to be activated.
at 2026-11-09T09:00:00Z $ELENA new marketing-analytics --system hubspot \
  --purpose 'Weekly campaign attribution dashboard in Looker, read-only' \
  --business-owner $GRACE --technical-owner $ELENA --kind oauth-app --risk low \
  --scope crm.objects.contacts.read --scope crm.objects.deals.read --reach looker \
  --secret-ref vault://kv/integrations/marketing-analytics \
  --binding hubspot=app/2718281
at 2026-11-10T11:00:00Z $ONCALL approve marketing-analytics

# hr-directory-sync: high risk, one approval so far.
at 2026-11-12T10:00:00Z $KOFI new hr-directory-sync --system workday \
  --purpose 'Provisions and deprovisions Okta accounts from Workday worker records' \
  --business-owner $HANNAH --technical-owner $KOFI --kind oauth-app --risk high \
  --scope workers:read --scope organizations:read --reach okta \
  --secret-ref vault://kv/integrations/hr-directory-sync \
  --binding workday=ISU_Okta_Directory_Sync
at 2026-11-13T09:00:00Z $PRIYA approve hr-directory-sync --note 'first of two approvals; waiting for the Okta group mapping'

# crm-sync: an unplanned rotation, not confirmed yet.
at 2026-11-13T15:00:00Z $LEE rotate crm-sync --credential-id sf-connected-app-crm-sync-2026-11 \
  --note 'unplanned rotation: a contractor who could read the secret left (SEC-1193)'

cron 2026-11-16T06:00:00Z    # release-bot: review due 2026-11-09 -> review-due, rotate-credential opened

echo
"$BIN" list --root .
"$BIN" check --root .
