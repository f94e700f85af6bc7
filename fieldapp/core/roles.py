"""The server roles. What each may do is decided in core/rights.py, the one rule that the
server enforces and the desktop asks beforehand. Constants only, any thread.
"""

from __future__ import annotations

ROLES = ("volunteer", "coordinator", "trainer", "admin")
EDITORS = ("admin", "coordinator")  # create operations and edit everything they see
