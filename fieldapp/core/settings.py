"""Where the data lives and the user's preferences (settings.json in the data dir).

Plain JSON read and written whole, atomically; no Qt, so the CLI and the UI share it.
Read at start-up on the main thread; writes are rare (the settings dialog).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

LANGUAGES = ("system", "en", "fr")
SETTINGS_FILE = "settings.json"


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    """--data-dir, else $FIELDAPP_HOME, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("FIELDAPP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("FieldApp", appauthor=False))


@dataclass
class Settings:
    language: str = "system"
    user_name: str = ""
    last_operation_id: str = ""
    tile_url: str = ""  # the last tile server the user downloaded from; never a default
    station: str = ""  # this station's call sign, for the radio desk
    # Where the outreach desk publishes (alerts/publishing.py): a real account, and one for
    # exercises. An exercise's message is never posted to the real one. No account: Copy.
    mastodon_instance: str = ""
    mastodon_token: str = ""
    exercise_mastodon_instance: str = ""
    exercise_mastodon_token: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        """The saved settings; a missing or unreadable file gives the defaults."""
        path = Path(data_dir) / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known and isinstance(v, str)}
        settings = cls(**values)
        if settings.language not in LANGUAGES:
            settings.language = "system"
        return settings

    def save(self, data_dir: Path) -> None:
        path = Path(data_dir) / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)
