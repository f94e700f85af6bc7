"""Joining a server: the enrollment code as typed or heard, and plain user and device names.

Part of the wire protocol (wire.py), shared by server and client. Pure, any thread.
"""

from __future__ import annotations

import re
import unicodedata
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


def parse_join(body: Any) -> tuple[str, str, str | None]:
    """A join body -> (canonical code, device name (NFKC), the device's clock node or None)."""
    body = object_of(body, "body")
    no_extra(body, {"code", "device_name", "node"}, "body")
    code = normalise_code(need(body, "code", "body"))
    name = need(body, "device_name", "body")
    if not is_plain_name(name):
        raise WireError(
            "body.device_name must be 1-100 characters, none of them control or text-direction ones"
        )
    node = body.get("node")
    if node is not None and not (isinstance(node, str) and _NODE.match(node)):
        raise WireError("body.node must be a clock node id (1-64 of A-Z a-z 0-9 _)")
    return code, plain_name(name), node


_NODE = re.compile(r"^[A-Za-z0-9_]{1,64}$")
# Characters that reorder what follows (U+202E shows "gpj.exe" for "exe.jpg"): a name
# would not read as it is stored.
_DIRECTION = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain_name(name: str) -> str:
    """A name as stored and shown: NFKC (full-width and compatibility look-alikes folded
    to their plain letters), trimmed."""
    return unicodedata.normalize("NFKC", name).strip()


def is_plain_name(name: Any) -> bool:
    """A user or device name: 1-100 characters, no control characters (PostgreSQL refuses
    NUL in text, and a name is shown in lists and logs), no text-direction overrides."""
    if not isinstance(name, str) or not plain_name(name) or len(plain_name(name)) > 100:
        return False
    return not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in _DIRECTION for c in name)
