"""JSON as FieldApp stores and sends it: compact, accents kept as they are.

`dumps` is one encoder built once: `json.dumps` with options builds a new JSONEncoder on
every call, and the write path, bulk loads and the server's push call it per record.
Pure, any thread.
"""

from __future__ import annotations

import json

dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
