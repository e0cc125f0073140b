"""timexes layer."""
