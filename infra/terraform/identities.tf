# One service account per function, each with only what it needs; no function
# runs as the default compute service account.
locals {
  function_accounts = {
    ingest        = "Ingest function: Forms notifications to Firestore"
    reconcile     = "Reconcile function: the hourly safety net"
    digest        = "Digest function: the Thai daily email"
    watch-renewal = "Watch renewal function: keeps the Forms watches alive"
  }
  forms_callers = ["ingest", "reconcile", "watch-renewal"]
}

resource "google_service_account" "function" {
  for_each     = local.function_accounts
  account_id   = "fn-${each.key}"
  display_name = each.value
  depends_on   = [google_project_service.enabled]
}

# The identity the form is shared with, as editor: reading responses and owning a
# watch need edit access (a Drive reader of a form is a responder; Google's push
# guide: notifications stop when the owner "loses edit access"). The functions that
# call the Forms API act as it by impersonation, so one share is enough.
resource "google_service_account" "forms_reader" {
  account_id   = "forms-reader"
  display_name = "Reads the Google Form and owns its watches (share the form with it as editor)"
  depends_on   = [google_project_service.enabled]
}

# Domain-wide delegation for gmail.send is granted to this account's client id
# in the Workspace admin console. It has no key: the digest function signs its
# JWT through the IAM Credentials API.
resource "google_service_account" "gmail_sender" {
  account_id   = "gmail-digest-sender"
  display_name = "Sends the digest as the ministry mailbox (domain-wide delegation)"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "scheduler" {
  account_id   = "scheduler-invoker"
  display_name = "Cloud Scheduler: calls reconcile, digest and watch renewal with OIDC"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "pubsub_push" {
  account_id   = "pubsub-push-invoker"
  display_name = "Pub/Sub push: calls the ingest function with OIDC"
  depends_on   = [google_project_service.enabled]
}

resource "google_service_account" "builder" {
  account_id   = "fn-builder"
  display_name = "Builds the functions' containers (instead of the default compute account)"
  depends_on   = [google_project_service.enabled]
}

resource "google_project_iam_member" "firestore_user" {
  for_each = local.function_accounts
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}

resource "google_service_account_iam_member" "act_as_forms_reader" {
  for_each           = toset(local.forms_callers)
  service_account_id = google_service_account.forms_reader.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_service_account.function[each.key].email}"
}

resource "google_service_account_iam_member" "digest_signs_as_sender" {
  service_account_id = google_service_account.gmail_sender.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_service_account.function["digest"].email}"
}

# The roles Google documents for a custom build service account
# (https://cloud.google.com/run/docs/configuring/services/build-service-account),
# as the provider's cloudfunctions2 "basic builder" example grants them.
resource "google_project_iam_member" "builder" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectAdmin"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.builder.email}"
}

# IAM grants take time to reach the build; the provider's example waits 60 s
# before creating a function built by such an account.
resource "time_sleep" "builder_roles_propagate" {
  create_duration = "60s"
  depends_on      = [google_project_iam_member.builder]
}

resource "google_project_iam_member" "functions_write_logs" {
  for_each = local.function_accounts
  project  = var.project_id
  role     = "roles/logging.logWriter"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}
