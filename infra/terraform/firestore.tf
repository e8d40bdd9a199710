resource "google_firestore_database" "main" {
  name                              = "(default)"
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  depends_on                        = [google_project_service.enabled]
}

resource "google_firestore_backup_schedule" "daily" {
  database  = google_firestore_database.main.name
  retention = "1209600s" # 14 days
  daily_recurrence {}
  depends_on = [google_project_service.enabled]
}

# The digest's "edited on D" query: last_submitted_date == D and submission_date < D.
resource "google_firestore_index" "edited_on_day" {
  database    = google_firestore_database.main.name
  collection  = "responses"
  query_scope = "COLLECTION"
  fields {
    field_path = "last_submitted_date"
    order      = "ASCENDING"
  }
  fields {
    field_path = "submission_date"
    order      = "ASCENDING"
  }
}

# The console's query of provinces by response rate (README, "Reading the figures in the
# Firestore console"): an equality on kind and an order on reported_percent.
resource "google_firestore_index" "summaries_by_rate" {
  database    = google_firestore_database.main.name
  collection  = "summaries"
  query_scope = "COLLECTION"
  fields {
    field_path = "kind"
    order      = "ASCENDING"
  }
  fields {
    field_path = "reported_percent"
    order      = "ASCENDING"
  }
}

# Client SDKs (web, mobile) get nothing: the console and the server SDK go through IAM.
# Released explicitly because Google does not document which rules a database created
# through the API starts with; the release makes "deny all" a fact, not an assumption.
resource "google_firebaserules_ruleset" "firestore" {
  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/../firestore/firestore.rules")
    }
  }
  depends_on = [google_firestore_database.main]
}

resource "google_firebaserules_release" "firestore" {
  name = "cloud.firestore"
  # The API wants the full projects/P/rulesets/ID: that is the ruleset's id; its
  # name is the bare generated id (provider docs, firebaserules_release, firestore_release).
  ruleset_name = google_firebaserules_ruleset.firestore.id
}
