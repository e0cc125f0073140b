"""entities layer."""
