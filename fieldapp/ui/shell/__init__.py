"""The application shell: start-up, the main window and its chrome, the status bar, self-test."""
