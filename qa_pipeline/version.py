"""The package version (one place; hatch reads it from here)."""

__version__ = "0.2.0"
