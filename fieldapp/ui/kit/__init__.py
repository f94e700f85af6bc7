"""Shared widgets and plumbing of the window: translations, banners, dialogs, background work."""
