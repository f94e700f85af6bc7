"""The tile entries of the main window's "Map" menu (Import tiles…, Download area…,
Tile sets…) and what they open.

`TileActions(window, data_dir, settings, tasks)` adds the entries to the window's menu
named "map_menu" (made here if the map view has not made it yet), owns the dialogs (one
of each at a time, non-modal, so the user keeps working during a download) and runs
imports as jobs of the application's task manager (files lane, listed in the Jobs
panel). The map calls `download_area(bbox)` with a drawn box and listens to
`tile_sets_changed`. `shutdown()` cancels a running download (the manager waits).
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from fieldapp.core.settings import Settings
from fieldapp.ui.kit.taskman import Lane, TaskManager, error_words

if TYPE_CHECKING:  # imported when first used: requests and mercantile cost start-up
    from fieldapp.tiles import SeedOptions, SeedSummary, TileSetInfo
    from fieldapp.ui.tiles.download_dialog import TileDownloadDialog
    from fieldapp.ui.tiles.sets_dialog import TileSetsDialog

MENU_NAME = "map_menu"


class TileActions(QObject):
    """Menu entries and dialogs for tile sets on one main window."""

    tile_sets_changed = Signal()  # a set was added, grew or was removed
    import_finished = Signal(object)  # TileSetInfo
    import_failed = Signal(str)  # the reason, in words; nothing was added

    def __init__(self, window: QMainWindow, data_dir: Path, settings: Settings, tasks: TaskManager):
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.seed_options: SeedOptions | None = None  # tests make downloads impatient
        self.tasks = tasks
        self.download_dialog: TileDownloadDialog | None = None
        self.sets_dialog: TileSetsDialog | None = None
        self.import_action = QAction(window)
        self.download_action = QAction(window)
        self.sets_action = QAction(window)
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.download_action.triggered.connect(self._on_download_action_triggered)
        self.sets_action.triggered.connect(self._on_sets_action_triggered)
        self.menu = self._map_menu()
        self.menu.addActions([self.import_action, self.download_action, self.sets_action])
        window.installEventFilter(self)
        self.retranslate()

    def _map_menu(self) -> QMenu:
        menu = self.window.menuBar().findChild(QMenu, MENU_NAME)
        if menu is None:
            menu = self.window.menuBar().addMenu("")
            menu.setObjectName(MENU_NAME)
            self._own_menu = True
        else:
            self._own_menu = False
            menu.addSeparator()
        return menu

    # -- import ------------------------------------------------------------------------

    @Slot()
    def _on_import_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import tiles"),
            str(Path.home()),
            self.tr("MBTiles tile sets (*.mbtiles);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Check and copy an MBTiles file into the tile sets, in the background."""
        from functools import partial

        from fieldapp.ui.tiles.jobs import import_set

        text = self.tr("Importing %1…").replace("%1", Path(path).name)
        self.window.statusBar().showMessage(text)
        self.tasks.submit(
            partial(import_set, self.data_dir, Path(path)),
            lane=Lane.FILES,
            name=text,
            on_done=self._on_import_done,
            on_failed=lambda error: self._on_import_error(Path(path), error_words(error)),
            owner=self,
        )

    def _on_import_done(self, info: TileSetInfo) -> None:
        from fieldapp.ui.tiles import texts as tile_texts

        text = (
            self.tr("Tile set “%1” imported: %2 tiles, zoom %3–%4.")
            .replace("%1", info.id)
            .replace("%2", tile_texts.number(info.tile_count))
            .replace("%3", str(info.min_zoom))
            .replace("%4", str(info.max_zoom))
        )
        self.window.statusBar().showMessage(text, 8000)
        self.import_finished.emit(info)
        self.tile_sets_changed.emit()
        if self.sets_dialog is not None:
            self.sets_dialog.reload()

    def _on_import_error(self, path: Path, message: str) -> None:
        self.window.statusBar().clearMessage()
        self.import_failed.emit(message)
        QMessageBox.warning(
            self.window,
            self.tr("Import tiles"),
            self.tr("%1 could not be imported; nothing was added.").replace("%1", path.name)
            + "\n\n"
            + message,
        )

    # -- download ----------------------------------------------------------------------

    @Slot()
    def _on_download_action_triggered(self) -> None:
        self.download_area()

    def download_area(
        self, bbox: tuple[float, float, float, float] | None = None
    ) -> TileDownloadDialog:
        """Show the download dialog (the running one if any), the area pre-filled."""
        from fieldapp.ui.tiles.download_dialog import TileDownloadDialog

        dialog = self.download_dialog
        if dialog is None:
            dialog = TileDownloadDialog(
                self.data_dir,
                self.settings,
                self.tasks,
                bbox=bbox,
                options=self.seed_options,
                parent=self.window,
            )
            dialog.download_finished.connect(self._on_download_finished)
            dialog.finished.connect(self._on_download_dialog_finished)
            self.download_dialog = dialog
        elif bbox is not None and not dialog.is_running():
            dialog.form.set_values(bbox=bbox)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def resume_download(self, info: TileSetInfo) -> TileDownloadDialog:
        """The dialog filled with a set's last download: Download goes on with it."""
        dialog = self.download_area()
        seed = info.seed or {}
        bbox, zooms = seed.get("bbox"), str(seed.get("zooms", ""))
        low, _, high = zooms.partition("-")
        if not dialog.is_running():
            dialog.form.set_values(
                url=seed.get("url"),
                name=info.id,
                bbox=tuple(bbox) if isinstance(bbox, list) and len(bbox) == 4 else None,
                zooms=(int(low), int(high or low)) if low.isdigit() else None,
            )
        return dialog

    @Slot(object)
    def _on_download_finished(self, _summary: SeedSummary) -> None:
        self.tile_sets_changed.emit()
        if self.sets_dialog is not None:
            self.sets_dialog.reload()

    @Slot(int)
    def _on_download_dialog_finished(self, _result: int) -> None:
        dialog, self.download_dialog = self.download_dialog, None
        if dialog is not None:
            dialog.deleteLater()  # its download has ended: reject() waits for it

    # -- tile sets ---------------------------------------------------------------------

    @Slot()
    def _on_sets_action_triggered(self) -> None:
        self.show_tile_sets()

    def show_tile_sets(self) -> TileSetsDialog:
        """Show the tile sets dialog (read in the background)."""
        from fieldapp.ui.tiles.sets_dialog import TileSetsDialog

        if self.sets_dialog is None:
            dialog = TileSetsDialog(self.data_dir, self.tasks, self.window)
            dialog.import_requested.connect(self._on_import_action_triggered)
            dialog.resume_requested.connect(self.resume_download)
            dialog.tile_sets_changed.connect(self.tile_sets_changed)
            dialog.finished.connect(self._on_sets_dialog_finished)
            self.sets_dialog = dialog
        self.sets_dialog.show()
        self.sets_dialog.raise_()
        return self.sets_dialog

    @Slot(int)
    def _on_sets_dialog_finished(self, _result: int) -> None:
        dialog, self.sets_dialog = self.sets_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # -- life --------------------------------------------------------------------------

    def confirm_close(self) -> bool:
        """The app is closing: True unless a download runs and the user wants to keep it."""
        dialog = self.download_dialog
        return dialog is None or not dialog.is_running() or dialog.confirm_stop()

    def shutdown(self) -> None:
        """Cancel a running download (the task manager then waits for it); safe twice."""
        if self.download_dialog is not None:
            self.download_dialog.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        if self._own_menu:
            self.menu.setTitle(self.tr("&Map"))
        self.import_action.setText(self.tr("&Import tiles…"))
        self.download_action.setText(self.tr("&Download area…"))
        self.sets_action.setText(self.tr("&Tile sets…"))
