"""The monitoring desk's screens: sources, the triage queue, watch rules."""
