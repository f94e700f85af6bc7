"""Outreach texts (issue 15): count per channel, compose a message's versions, fill
prevention templates, post to a Mastodon account. Pure modules: no Qt, no store."""
