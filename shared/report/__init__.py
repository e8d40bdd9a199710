"""The consolidated report to ก.ถ. and ก.ม.จ. (python -m shared report)."""
