"""The check every controllers' record makes before it is written: it belongs to an
exercise operation, and this device's server role leads the exercise (a trainer, a
coordinator, an admin; a device never joined to a server is not refused).

A function of the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.replica import Replica
from fieldapp.core.rights import leads


def check_controller(db: Replica, operation_id: str, what: str) -> None:
    """ValidationError unless `operation_id` is an exercise this device leads; `what`
    names the records in the message ("injects", "after-action entries")."""
    operation = get_operation(db.conn, operation_id)
    if not operation["exercise"]:
        raise ValidationError(
            {
                "operation": (
                    "not_exercise",
                    f"{what} belong to an exercise operation, never to a real one",
                )
            }
        )
    role = db.sync_state("role")
    if role and not leads(role, True):
        raise ValidationError(
            {
                "operation": (
                    "server_role",
                    f"a {role} plays the exercise: only its controllers write its {what}",
                )
            }
        )
