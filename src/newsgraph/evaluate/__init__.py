"""Evaluation harnesses: each module has run(**options) -> dict and report(dict) -> str."""
