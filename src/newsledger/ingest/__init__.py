"""Ingestion: sources (text, HTML, feeds, URLs, JSON Lines, directories) -> raw articles."""
