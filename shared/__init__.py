"""Shared code of the LAO ethics-reporting problems back end (ingest, reconcile, CLI)."""
