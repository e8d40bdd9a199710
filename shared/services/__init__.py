"""Use cases: plain functions taking their collaborators (ports) as parameters."""
