"""Scoring article records against gold annotations (the evaluation format of OUTPUT.md)."""

from newsledger.evaluation.scoring import PARTS, Counts, Report, score_corpus, score_document

__all__ = ["PARTS", "Counts", "Report", "score_corpus", "score_document"]
