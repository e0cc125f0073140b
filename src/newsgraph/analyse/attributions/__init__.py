"""attributions layer."""
