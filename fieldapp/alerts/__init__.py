"""Alerts and outreach (issue 15): CAP alerts, their chains, relays and publications."""
