"""The JSON shapes of a pull, as types: what `wire.parse_pull_answer` hands the sync apply.

A pulled record carries its field values, the stamp most of them share (`s`) and the
stamps of the others (`stamps`); docs/sync-protocol.md is the contract in words. Type
definitions only: safe from any thread.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class PulledRecord(TypedDict):
    """One record in pull form (`wire.compact_record`)."""

    entity: str
    id: str
    operation_id: str
    s: str  # the stamp of every field not in `stamps`
    fields: dict[str, Any]  # name -> value, in stored form (tags as JSON text)
    stamps: NotRequired[dict[str, str]]
    owner: NotRequired[str]  # the user who created it on the server (protocol 3)
    part: NotRequired[bool]  # only the fields changed since the cursor (protocol 4)


class DeviceName(TypedDict):
    """A device named in a pull page (protocol 3): whose stamps and conflicts these are."""

    id: str
    node: str
    name: str
    user: str


class PullAnswer(TypedDict):
    """One checked page of a pull."""

    records: list[PulledRecord]
    conflicts: list[dict[str, Any]]
    next: int  # the cursor after this page
    server_time: int
    more: bool
    devices: NotRequired[list[DeviceName]]
