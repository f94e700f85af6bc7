"""The monitoring desk (issue 14): sources, polled feeds and the triage queue of posts."""
