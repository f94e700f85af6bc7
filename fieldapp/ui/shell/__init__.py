"""The application shell: start-up, the main window and its chrome, the reports pane, the
Jobs dock, the status bar, self-test. It builds the screens and wires their signals."""
