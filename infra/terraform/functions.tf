# Source bundles are built by `python -m infra.build_bundles` (Makefile: make bundles)
# before `terraform apply`. Objects are named by their content hash, so a code
# change (and only a code change) redeploys.
resource "google_storage_bucket" "sources" {
  # checkov:skip=CKV_GCP_62: The bucket holds only our own function source bundles, no personal data; who changed them is in Cloud Audit Logs (Admin Activity), so a second bucket for usage logs would add cost and nothing to read.
  name                        = "${var.project_id}-function-sources"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = true
  }
  depends_on = [google_project_service.enabled]
  lifecycle_rule {
    condition {
      num_newer_versions = 5
    }
    action {
      type = "Delete"
    }
  }
}

locals {
  bundle_dir = "${path.module}/../../build/bundles"

  forms_env = merge(
    { FORM_ID = var.form_id },
    var.forms_auth == "service_account"
    ? { FORMS_READER_SERVICE_ACCOUNT = google_service_account.forms_reader.email }
    : { FORMS_OAUTH_CLIENT_ID = var.forms_oauth_client_id },
  )
  forms_secret_env = var.forms_auth == "refresh_token" ? {
    FORMS_OAUTH_CLIENT_SECRET = "forms-oauth-client-secret"
    FORMS_OAUTH_REFRESH_TOKEN = "forms-oauth-refresh-token"
  } : {}

  functions = {
    ingest = {
      entry_point = "ingest"
      account     = "ingest"
      timeout     = 540
      memory      = "512Mi"
      env         = local.forms_env
      secret_env  = local.forms_secret_env
    }
    reconcile = {
      entry_point = "reconcile"
      account     = "reconcile"
      timeout     = 1800
      memory      = "1Gi"
      env         = merge(local.forms_env, { CONTACT_RETENTION_DAYS = tostring(var.contact_retention_days) })
      secret_env  = local.forms_secret_env
    }
    watch_renewal = {
      entry_point = "watch_renewal"
      account     = "watch-renewal"
      timeout     = 120
      memory      = "256Mi"
      env         = merge(local.forms_env, { WATCH_TOPIC = google_pubsub_topic.forms_watch.id })
      secret_env  = local.forms_secret_env
    }
    digest = {
      entry_point = "digest"
      account     = "digest"
      timeout     = 600
      memory      = "1Gi"
      env = merge(
        {
          DIGEST_SENDER           = var.digest_sender
          DIGEST_RECIPIENTS       = join(",", var.digest_recipients)
          DIGEST_INCLUDE_CONTACTS = tostring(var.digest_include_contacts)
          DIGEST_REPLY_TO         = var.digest_reply_to
          DIGEST_CONTACT          = var.digest_contact
          FORM_ID                 = var.form_id
          GMAIL_AUTH              = var.gmail_auth
        },
        var.gmail_auth == "delegation"
        ? { GMAIL_DELEGATION_SERVICE_ACCOUNT = google_service_account.gmail_sender.email }
        : { GMAIL_OAUTH_CLIENT_ID = var.gmail_oauth_client_id },
      )
      secret_env = var.gmail_auth == "refresh_token" ? {
        GMAIL_OAUTH_CLIENT_SECRET = "gmail-oauth-client-secret"
        GMAIL_OAUTH_REFRESH_TOKEN = "gmail-oauth-refresh-token"
      } : {}
    }
  }
}

resource "google_storage_bucket_object" "bundle" {
  for_each = local.functions
  name     = "functions/${each.key}-${filesha256("${local.bundle_dir}/${each.key}.zip")}.zip"
  bucket   = google_storage_bucket.sources.name
  source   = "${local.bundle_dir}/${each.key}.zip"
}

resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions
  name     = replace(each.key, "_", "-")
  location = var.region

  build_config {
    runtime         = "python312"
    entry_point     = each.value.entry_point
    service_account = google_service_account.builder.id
    source {
      storage_source {
        bucket = google_storage_bucket.sources.name
        object = google_storage_bucket_object.bundle[each.key].name
      }
    }
  }

  service_config {
    service_account_email = google_service_account.function[each.value.account].email
    timeout_seconds       = each.value.timeout
    available_memory      = each.value.memory
    max_instance_count    = 10
    # Pub/Sub push and Cloud Scheduler count as internal traffic in the same project.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    environment_variables = merge(each.value.env, {
      GOOGLE_CLOUD_PROJECT = var.project_id
      COUNTER_SHARDS       = tostring(var.counter_shards)
    })
    dynamic "secret_environment_variables" {
      for_each = each.value.secret_env
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }

  # Cloud Run checks at deploy time that the runtime account may read every secret
  # an environment variable names, and reads it before an instance starts
  # (https://cloud.google.com/run/docs/configuring/secrets): the grants first, and
  # in the refresh-token modes the secret versions too (README, two-phase apply).
  depends_on = [
    google_project_service.enabled,
    time_sleep.builder_roles_propagate,
    google_secret_manager_secret_iam_member.digest_reads_gmail,
    google_secret_manager_secret_iam_member.forms_callers_read_forms,
  ]
}

# Only our own invokers may call the functions: no allUsers, no allAuthenticatedUsers.
resource "google_cloud_run_service_iam_member" "scheduler_invokes" {
  for_each = toset(["reconcile", "digest", "watch_renewal"])
  location = var.region
  service  = google_cloudfunctions2_function.fn[each.key].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_cloud_run_service_iam_member" "pubsub_invokes_ingest" {
  location = var.region
  service  = google_cloudfunctions2_function.fn["ingest"].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pubsub_push.email}"
}
