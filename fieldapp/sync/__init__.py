"""Sync: the hybrid logical clock, wire protocol, client and server (no Qt)."""
