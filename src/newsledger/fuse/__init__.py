"""Cross-article fusion as algorithms over records and signatures: near-duplicates, the same
event in several reports, denials and what they deny. Nothing here touches storage; the ledger
runs ``FUSION``'s answers through its SQL (``newsledger.ledger.linking``)."""

from newsledger.fuse.fusion import FUSION, Fusion

__all__ = ["FUSION", "Fusion"]
