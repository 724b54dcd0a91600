"""Speed measurements for Sextant, run with `make bench` (never as timed test assertions)."""
