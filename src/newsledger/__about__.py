"""The package version, importable without the public API (which imports extraction)."""

__version__ = "0.1.0"
