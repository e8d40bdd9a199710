data "google_project" "this" {
  depends_on = [google_project_service.enabled]
}

locals {
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "forms_watch" {
  # checkov:skip=CKV_GCP_83: Watch messages carry only formId, watchId and eventType (no answers, no personal data); Google-managed encryption is enough and a CMEK key would add a key to rotate and a way to break delivery.
  name                       = "forms-watch"
  message_retention_duration = "604800s"
  depends_on                 = [google_project_service.enabled]
}

# The Forms API publishes watch notifications as this Google-owned account.
resource "google_pubsub_topic_iam_member" "forms_publishes" {
  topic  = google_pubsub_topic.forms_watch.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:forms-notifications@system.gserviceaccount.com"
}

resource "google_pubsub_topic" "dead_letters" {
  # checkov:skip=CKV_GCP_83: Same messages as forms-watch (attributes only, no personal data); Google-managed encryption is enough.
  name                       = "forms-watch-dead-letters"
  message_retention_duration = "604800s"
  depends_on                 = [google_project_service.enabled]
}

# Notifications that failed every delivery attempt wait here for the operator (see the runbook).
resource "google_pubsub_subscription" "dead_letters" {
  name                       = "forms-watch-dead-letters"
  topic                      = google_pubsub_topic.dead_letters.id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
  expiration_policy {
    ttl = ""
  }
}

# An explicit push subscription rather than a gen2 event trigger: the
# subscription a trigger creates cannot carry a dead-letter policy through
# Terraform. Pub/Sub retries with backoff and, after max_delivery_attempts,
# moves the message to the dead-letter topic. The push is authenticated with an
# OIDC token. `ingest` is an HTTP function that reads the push envelope itself:
# a Forms watch message has attributes and no data, and functions-framework
# (3.10.2, event_conversion._is_raw_pubsub_payload) converts a raw push into a
# CloudEvent only when message.data is present, answering 400 otherwise.
resource "google_pubsub_subscription" "ingest_push" {
  name                 = "forms-watch-ingest"
  topic                = google_pubsub_topic.forms_watch.id
  ack_deadline_seconds = 600 # the ingest function's timeout
  push_config {
    push_endpoint = google_cloudfunctions2_function.fn["ingest"].service_config[0].uri
    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
      audience              = google_cloudfunctions2_function.fn["ingest"].service_config[0].uri
    }
  }
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letters.id
    max_delivery_attempts = 10
  }
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "agent_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letters.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "agent_acks_forwarded" {
  subscription = google_pubsub_subscription.ingest_push.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# No Token Creator grant to the Pub/Sub service agent for the OIDC push token: it is
# needed only where Pub/Sub's service agent was enabled on or before 8 April 2021
# (Eventarc, "Roles and permissions for Cloud Run functions targets"); this deployment
# enables Pub/Sub on a new project.
