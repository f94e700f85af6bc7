"""The server roles and who may create or edit an operation: one rule for server and client.

The server enforces it (sync/server/policy.py); the desktop asks it before creating an
operation, so that a device joined as a volunteer is told at once instead of holding a
change the server will refuse for ever. Pure functions, any thread.
"""

from __future__ import annotations

ROLES = ("volunteer", "coordinator", "trainer", "admin")
EDITORS = ("admin", "coordinator")  # create operations and edit everything they see


def operation_refusal(role: str, exercise: bool) -> str | None:
    """Why a user of `role` may not create or edit an operation, else None."""
    if role in EDITORS or (role == "trainer" and exercise):
        return None
    return f"a {role} cannot create or edit operations" + (
        " other than exercises" if role == "trainer" else ""
    )
