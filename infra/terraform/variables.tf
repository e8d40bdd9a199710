variable "project_id" {
  description = "The Google Cloud project that hosts everything."
  type        = string
}

variable "region" {
  description = "Region of the functions, the scheduler jobs and the source bucket."
  type        = string
  default     = "asia-southeast1"
}

variable "firestore_location" {
  description = "Location of the Firestore database. It cannot change after the first apply (README, data residency)."
  type        = string
  default     = "asia-southeast1"
}

variable "form_id" {
  description = "The Google Form's id (from its edit URL)."
  type        = string
}

variable "digest_sender" {
  description = "The Workspace mailbox (or OAuth account) that sends the digest."
  type        = string
}

variable "digest_recipients" {
  description = "Addresses of the contact office (สำนักงาน ก.ถ.)."
  type        = list(string)
}

variable "digest_reply_to" {
  description = "The contact office's address: the digest's Reply-To, named in its footer."
  type        = string
}

variable "digest_contact" {
  description = "Who runs the system and how to reach them, in Thai, for the digest's footer."
  type        = string
  default     = "สำนักงาน ก.ถ."
}

variable "digest_include_contacts" {
  description = "Put reporters' contacts in the digest attachment (never in the body)."
  type        = bool
  default     = false
}

variable "gmail_auth" {
  description = "delegation (Workspace domain-wide delegation, keyless) or refresh_token (OAuth token in Secret Manager)."
  type        = string
  default     = "delegation"
  validation {
    condition     = contains(["delegation", "refresh_token"], var.gmail_auth)
    error_message = "gmail_auth must be delegation or refresh_token."
  }
}

variable "forms_auth" {
  description = "service_account (the forms-reader account, shared on the form) or refresh_token (a ministry user's OAuth token in Secret Manager), for the Forms API and the watch."
  type        = string
  default     = "service_account"
  validation {
    condition     = contains(["service_account", "refresh_token"], var.forms_auth)
    error_message = "forms_auth must be service_account or refresh_token."
  }
}

variable "reconcile_schedule" {
  description = "Cron (Asia/Bangkok) of the reconcile safety net."
  type        = string
  default     = "17 * * * *"
}

variable "digest_schedule" {
  description = "Cron (Asia/Bangkok) of the daily digest."
  type        = string
  default     = "0 8 * * *"
}

variable "watch_renewal_schedule" {
  description = "Cron (Asia/Bangkok) of the watch renewal."
  type        = string
  default     = "30 6 * * *"
}

variable "counter_shards" {
  description = "Counter shard documents; see README (expected peak 2.7 writes/s at <= 0.5 per shard)."
  type        = number
  default     = 8
}

variable "alert_email" {
  description = "Where Cloud Monitoring sends alerts (the IT operator)."
  type        = string
}

variable "gmail_oauth_client_id" {
  description = "OAuth client id for gmail_auth = refresh_token (not secret; the client secret and token are in Secret Manager). The client must belong to this project."
  type        = string
  default     = ""
  validation {
    condition     = var.gmail_auth != "refresh_token" || endswith(var.gmail_oauth_client_id, ".apps.googleusercontent.com")
    error_message = "gmail_auth = \"refresh_token\" needs gmail_oauth_client_id (an OAuth client id of this project, ending in .apps.googleusercontent.com)."
  }
}

variable "forms_oauth_client_id" {
  description = "OAuth client id for forms_auth = refresh_token. It must belong to this project: a watch may only publish to a topic of the client's project."
  type        = string
  default     = ""
  validation {
    condition     = var.forms_auth != "refresh_token" || endswith(var.forms_oauth_client_id, ".apps.googleusercontent.com")
    error_message = "forms_auth = \"refresh_token\" needs forms_oauth_client_id (an OAuth client id of this project, ending in .apps.googleusercontent.com)."
  }
}

variable "contact_retention_days" {
  description = "PDPA retention: reporters' names, phones and emails are purged this many days after a response's first submission (daily job purge-contacts). State the same period in the form's privacy notice."
  type        = number
  default     = 365
  validation {
    condition     = var.contact_retention_days >= 0
    error_message = "contact_retention_days must be 0 or more."
  }
}
