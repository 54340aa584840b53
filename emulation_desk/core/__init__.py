"""Pure-Python core utilities (no Qt, no SQL)."""
