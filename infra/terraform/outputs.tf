output "forms_reader_email" {
  description = "Share the Google Form with this account as EDITOR before the first `watch ensure` (a viewer of a form is only a responder: it can neither read responses nor own a watch). A Workspace policy may block sharing with a service account; then use forms_auth = \"refresh_token\" (README)."
  value       = google_service_account.forms_reader.email
}

output "gmail_sender_client_id" {
  description = "Authorise this client id for https://www.googleapis.com/auth/gmail.send in the Workspace admin console (domain-wide delegation)."
  value       = google_service_account.gmail_sender.unique_id
}

output "watch_topic" {
  description = "WATCH_TOPIC for `python -m shared watch ensure`."
  value       = google_pubsub_topic.forms_watch.id
}

output "function_urls" {
  description = "The functions (authenticated calls only)."
  value       = { for name, fn in google_cloudfunctions2_function.fn : name => fn.service_config[0].uri }
}

output "dead_letter_subscription" {
  description = "Where notifications that kept failing wait (runbook: dead letters)."
  value       = google_pubsub_subscription.dead_letters.id
}
