"""Shared widgets and plumbing of the window: translations, banners, dialogs, styles, the
task manager (background work) and its Jobs panel."""
