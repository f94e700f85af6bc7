"""Offline tile sets: the menu, the download and tile sets dialogs."""
