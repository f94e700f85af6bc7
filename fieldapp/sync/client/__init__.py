"""The desktop side of sync: one round against the server, its local bookkeeping, bundles."""
