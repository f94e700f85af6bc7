"""Writers of exported files, one module per format; each streams its items (no Qt)."""
