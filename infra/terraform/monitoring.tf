resource "google_monitoring_notification_channel" "operator" {
  display_name = "IT operator"
  type         = "email"
  labels = {
    email_address = var.alert_email
  }
  depends_on = [google_project_service.enabled]
}

# Any ERROR from our functions: a failed ingest, a reconcile refusing a mass delete,
# a broken form mapping, a digest send failed or in doubt. Not "digest missing":
# that one has its own policy below, so the operator gets one alert for it, not two.
resource "google_monitoring_alert_policy" "function_errors" {
  display_name = "LAO reports: function errors"
  combiner     = "OR"
  conditions {
    display_name = "ERROR log from a function"
    condition_matched_log {
      filter = join(" AND ", [
        "resource.type=\"cloud_run_revision\"",
        "resource.labels.service_name=(\"ingest\" OR \"reconcile\" OR \"digest\" OR \"watch-renewal\")",
        "severity>=ERROR",
        "NOT jsonPayload.message=\"digest missing\"",
      ])
    }
  }
  alert_strategy {
    notification_rate_limit {
      period = "3600s"
    }
    auto_close = "86400s"
  }
  notification_channels = [google_monitoring_notification_channel.operator.id]
}

# The 09:00 digest-check job logs "digest missing" (an ERROR) when yesterday's
# digest is not recorded as sent; this policy names it on its own.
resource "google_monitoring_alert_policy" "digest_missing" {
  display_name = "LAO reports: no digest by 09:00 Bangkok"
  combiner     = "OR"
  conditions {
    display_name = "digest missing"
    condition_matched_log {
      filter = "resource.type=\"cloud_run_revision\" AND jsonPayload.message=\"digest missing\""
    }
  }
  alert_strategy {
    notification_rate_limit {
      period = "3600s"
    }
    auto_close = "86400s"
  }
  notification_channels = [google_monitoring_notification_channel.operator.id]
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "LAO reports: notifications in the dead-letter topic"
  combiner     = "OR"
  conditions {
    display_name = "undelivered dead letters"
    condition_threshold {
      filter          = "resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${google_pubsub_subscription.dead_letters.name}\" AND metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }
  notification_channels = [google_monitoring_notification_channel.operator.id]
}

# Pushes the ingest function did not acknowledge: a 4xx (a body it refused, an
# auth or routing failure) is logged by Pub/Sub at WARNING, not as a function
# ERROR, so only this metric sees it
# (https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-pubsub, DELTA INT64;
# response_class is one of ack, deadline_exceeded, internal, invalid,
# remote_server_4xx, remote_server_5xx, unreachable).
resource "google_monitoring_alert_policy" "push_not_acknowledged" {
  display_name = "LAO reports: Forms notifications not acknowledged by the ingest function"
  combiner     = "OR"
  conditions {
    display_name = "push requests answered other than ack"
    condition_threshold {
      filter = join(" AND ", [
        "resource.type=\"pubsub_subscription\"",
        "resource.labels.subscription_id=\"${google_pubsub_subscription.ingest_push.name}\"",
        "metric.type=\"pubsub.googleapis.com/subscription/push_request_count\"",
        "metric.labels.response_class!=\"ack\"",
      ])
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.subscription_id"]
      }
    }
  }
  alert_strategy {
    auto_close = "86400s"
  }
  notification_channels = [google_monitoring_notification_channel.operator.id]
}
