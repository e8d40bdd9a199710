# Secret containers only: their values are added by the operator with
# `gcloud secrets versions add` (README), so they never pass through variables or state.
locals {
  gmail_secrets = var.gmail_auth == "refresh_token" ? ["gmail-oauth-client-secret", "gmail-oauth-refresh-token"] : []
  forms_secrets = var.forms_auth == "refresh_token" ? ["forms-oauth-client-secret", "forms-oauth-refresh-token"] : []
}

resource "google_secret_manager_secret" "credential" {
  for_each  = toset(concat(local.gmail_secrets, local.forms_secrets))
  secret_id = each.value
  replication {
    auto {}
  }
  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "digest_reads_gmail" {
  for_each  = toset(local.gmail_secrets)
  secret_id = google_secret_manager_secret.credential[each.value].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function["digest"].email}"
}

resource "google_secret_manager_secret_iam_member" "forms_callers_read_forms" {
  for_each  = { for pair in setproduct(local.forms_secrets, local.forms_callers) : "${pair[0]}/${pair[1]}" => pair }
  secret_id = google_secret_manager_secret.credential[each.value[0]].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value[1]].email}"
}
