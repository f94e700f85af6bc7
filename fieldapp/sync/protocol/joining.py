"""Joining a server: the enrollment code as typed or heard, and plain user and device names.

Part of the wire protocol (wire.py), shared by server and client. Pure, any thread.
"""

from __future__ import annotations

import re
from typing import Any

from fieldapp.sync.protocol.wire import WireError, need, no_extra, object_of

CODE_ALPHABET = "346789ACDEFGHJKMNPQRTUVWXY"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: radio-safe
CODE_GROUPS, CODE_GROUP_LEN = 3, 3


def normalise_code(text: Any) -> str:
    """An enrollment code as typed or heard (any case, spaces, dashes) -> canonical form."""
    if not isinstance(text, str):
        raise WireError("code must be text")
    letters = re.sub(r"[\s-]", "", text.upper())
    size = CODE_GROUPS * CODE_GROUP_LEN
    if len(letters) != size or any(c not in CODE_ALPHABET for c in letters):
        raise WireError(f"code must be {size} letters and digits like K7P-4QX-9M3")
    step = CODE_GROUP_LEN
    return "-".join(letters[i : i + step] for i in range(0, size, step))


def parse_join(body: Any) -> tuple[str, str]:
    """A join body -> (canonical code, device name)."""
    body = object_of(body, "body")
    no_extra(body, {"code", "device_name"}, "body")
    code = normalise_code(need(body, "code", "body"))
    name = need(body, "device_name", "body")
    if not is_plain_name(name):
        raise WireError("body.device_name must be 1-100 characters, none of them control ones")
    return code, name.strip()


def is_plain_name(name: Any) -> bool:
    """A user or device name: 1-100 characters, no control characters (PostgreSQL refuses
    NUL in text, and a name is shown in lists and logs)."""
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        return False
    return not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name)
