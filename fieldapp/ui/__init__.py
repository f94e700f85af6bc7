"""Everything Qt: the application, the main window, models, views and dialogs.

Only this package imports PySide6. Importing it does nothing: `fieldapp.ui.shell.app.run_gui`
builds the application. Widgets live on the GUI thread; work that may be slow is a job of
the application's one task manager (`kit/taskman.py`), whose worker threads each have
their own Store connection.
"""

from __future__ import annotations
