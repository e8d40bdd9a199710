"""The daily Thai digest for สำนักงาน ก.ถ. Nothing on the ingest path imports this package."""
