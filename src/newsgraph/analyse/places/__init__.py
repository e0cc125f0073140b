"""places layer."""
