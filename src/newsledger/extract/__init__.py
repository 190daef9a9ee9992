"""Extraction: raw article -> article record."""
