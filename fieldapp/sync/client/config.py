"""Where this device syncs to: server URL, device id, role, settings, and the token file.

The configuration lives in the database (sync_state, migration m004); the device token
lives in `sync-token` in the data dir, created with mode 0600 so that only the user can
read it, and is never logged nor printed. A pinned certificate is copied into the data
dir as `sync-server.pem`. Plain functions over one sqlite3 connection: call them from the
thread that owns it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.bookkeeping import get_state
from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file

TOKEN_FILE = "sync-token"
CERT_FILE = "sync-server.pem"


@dataclass(frozen=True)
class SyncConfig:
    url: str  # the API base, …/api/v1
    device_id: str
    device_name: str
    user: str
    role: str
    metered: bool = False  # a metered link: originals wait, thumbnails go

    @property
    def joined(self) -> bool:
        return bool(self.url and self.device_id)


def load_config(conn: sqlite3.Connection) -> SyncConfig:
    return SyncConfig(
        url=get_state(conn, "url"),
        device_id=get_state(conn, "device_id"),
        device_name=get_state(conn, "device_name"),
        user=get_state(conn, "user"),
        role=get_state(conn, "role"),
        metered=get_state(conn, "metered") == "1",
    )


def write_token(data_dir: Path, token: str) -> None:
    """The token, readable by this user only (0600), written whole or not at all."""
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (TOKEN_FILE + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, data_dir / TOKEN_FILE)


def read_token(data_dir: Path) -> str | None:
    try:
        return (data_dir / TOKEN_FILE).read_text().strip() or None
    except OSError:
        return None


def pin_certificate(data_dir: Path, source: Path) -> Path:
    """Copy a PEM certificate into the data dir; requests then trusts it alone."""
    try:
        refuse_live_file(source, data_dir)
    except LiveDatabaseError as exc:
        raise ValueError(str(exc)) from None
    text = Path(source).read_text(errors="replace")
    if "BEGIN CERTIFICATE" not in text:
        raise ValueError(f"{source} is not a PEM certificate")
    target = data_dir / CERT_FILE
    shutil.copyfile(source, target)
    return target


def verify_setting(data_dir: Path) -> str | bool:
    """What requests' `verify` gets: the pinned certificate if there is one, else True."""
    pinned = data_dir / CERT_FILE
    return str(pinned) if pinned.exists() else True
