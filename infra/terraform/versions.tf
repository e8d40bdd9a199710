terraform {
  # 1.9: variable validations may refer to other variables (variables.tf).
  required_version = ">= 1.9"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0, < 7.0"
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.11, < 1.0"
    }
  }
  # State in a versioned GCS bucket made once by hand (README, "Bootstrap"):
  # terraform init -backend-config="bucket=<project>-tfstate"
  backend "gcs" {
    prefix = "lao-reports"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
  # With a user's gcloud login, requests are billed to a Google-owned project
  # unless a quota project is named; the Firebase Rules API then refuses them
  # (hashicorp/terraform-provider-google#8263). Bill this project instead.
  user_project_override = true
  billing_project       = var.project_id
}
