"""FieldApp: an offline-first desk for emergency volunteers.

The package root holds the core (domain, store, formats) and never imports Qt;
`fieldapp.ui` holds everything Qt. Nothing here runs at import time.
"""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "FieldApp"
