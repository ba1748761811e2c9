"""Intake of declaration files: reading them as text, and validating every row in one pass."""
