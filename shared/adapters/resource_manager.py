"""The project's number (Cloud Resource Manager v3 projects.get), for `doctor`'s check
that an OAuth client belongs to this project."""

from __future__ import annotations

from typing import Any

import google.auth
from googleapiclient.discovery import build


def project_number(project_id: str) -> str:
    credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform.read-only"])
    service: Any = build("cloudresourcemanager", "v3", credentials=credentials, cache_discovery=False,
                         static_discovery=True)
    project: dict[str, Any] = service.projects().get(name=f"projects/{project_id}").execute(num_retries=2)
    return str(project["name"]).removeprefix("projects/")  # "projects/<number>"
