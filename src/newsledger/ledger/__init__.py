"""The ledger: articles, entities, claims and events in SQLite or PostgreSQL."""

from newsledger.ledger.store import AddResult, Ledger

__all__ = ["AddResult", "Ledger"]
