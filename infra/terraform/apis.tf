# Not on by default in a new project: IAM (service accounts), Cloud Resource Manager
# (project IAM and the project data source), Pub/Sub, and the rest below
# (https://cloud.google.com/service-usage/docs/enabled-service). Every resource
# waits for this, through depends_on or a reference (tests/unit/test_terraform.py).
locals {
  services = [
    "iam.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudfunctions.googleapis.com",
    "run.googleapis.com",
    "cloudbuild.googleapis.com",
    "artifactregistry.googleapis.com",
    "pubsub.googleapis.com",
    "firestore.googleapis.com",
    "firebaserules.googleapis.com",
    "cloudscheduler.googleapis.com",
    "secretmanager.googleapis.com",
    "iamcredentials.googleapis.com",
    "forms.googleapis.com",
    "gmail.googleapis.com",
    "monitoring.googleapis.com",
    "logging.googleapis.com",
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "enabled" {
  for_each           = toset(local.services)
  service            = each.value
  disable_on_destroy = false
}
