"""Pure business rules: no I/O, no Google clients."""
