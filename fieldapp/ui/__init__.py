"""Everything Qt: the application, the main window, models, views and dialogs.

Only this package imports PySide6. Importing it does nothing: `fieldapp.ui.shell.app.run_gui`
builds the application. Widgets live on the GUI thread; work that may be slow runs in a
worker (see `workers.py` and `query_worker.py`), each with its own Store connection.
"""

from __future__ import annotations
