"""Cross-article merging: near-duplicates, the same event from several outlets, denials."""
