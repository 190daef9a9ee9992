"""Tools for developing NewsLedger (not used at run time)."""
