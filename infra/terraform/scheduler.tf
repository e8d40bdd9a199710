locals {
  jobs = {
    reconcile     = { schedule = var.reconcile_schedule, path = "", retries = 1 }
    digest        = { schedule = var.digest_schedule, path = "", retries = 3 }
    digest-check  = { schedule = "0 9 * * *", path = "?mode=check", retries = 0 }
    watch-renewal = { schedule = var.watch_renewal_schedule, path = "", retries = 3 }
    # PDPA retention: reporters' contacts removed CONTACT_RETENTION_DAYS after first submission.
    purge-contacts = { schedule = "15 3 * * *", path = "?mode=purge-contacts", retries = 1 }
  }
  job_function = {
    reconcile      = "reconcile"
    digest         = "digest"
    digest-check   = "digest"
    watch-renewal  = "watch_renewal"
    purge-contacts = "reconcile"
  }
}

resource "google_cloud_scheduler_job" "job" {
  for_each         = local.jobs
  name             = each.key
  region           = var.region
  schedule         = each.value.schedule
  time_zone        = "Asia/Bangkok"
  attempt_deadline = "1800s"

  retry_config {
    retry_count          = each.value.retries
    min_backoff_duration = "300s"
    max_backoff_duration = "1200s"
  }

  http_target {
    http_method = "POST"
    uri         = "${google_cloudfunctions2_function.fn[local.job_function[each.key]].service_config[0].uri}/${each.value.path}"
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.fn[local.job_function[each.key]].service_config[0].uri
    }
  }

  depends_on = [google_project_service.enabled]
}
