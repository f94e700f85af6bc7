"""Helpers of the map tests: open the Map tab of a window and wait until its map is ready."""

from __future__ import annotations

from collections.abc import Callable

from fieldapp.ui.maps.view import MapView
from fieldapp.ui.shell.main_window import MainWindow


def show_map(qtbot, window: MainWindow, open_tab: Callable[[], object] | None = None) -> MapView:
    """Open the Map tab (`open_tab`, e.g. a Ctrl+2 key press; by default the pane's own
    call) and wait until the map is built and ready; returns its view."""
    panel = window.reports_pane.map_panel
    with qtbot.waitSignal(panel.map_created, timeout=10_000) as created:
        (open_tab or window.reports_pane.show_map)()
    view = created.args[0]
    with qtbot.waitSignal(view.map_ready, timeout=30_000):
        pass
    return view
