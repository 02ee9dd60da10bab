"""The shipped theme files (data only): loaded by muntin.config.theme."""
