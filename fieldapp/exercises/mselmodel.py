"""The values of an exercise scenario (an MSEL, as in HSEEP): injects on the exercise clock.

A `Scenario` is what a trainer scripted: a title, its language, a description and its
`Inject`s, each released at a time on the exercise clock (seconds from T+0) through one
of `CHANNELS`. Every value is frozen (the details and translations too), so a scenario
read on a worker thread can be handed to the GUI thread as it is. `MselError` is the one
error of the readers: one line naming the source, the spreadsheet row and the column.

Pure values, any thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# social: a post in the monitoring queue; alert: an official CAP alert, status Exercise;
# radio: a received radio message; phone, sms, email, other: a new report with that source.
CHANNELS = ("social", "alert", "radio", "phone", "sms", "email", "other")


class FrozenMap(Mapping[str, str]):
    """A read-only, hashable mapping of texts (an inject's details or translations),
    kept in key order so that two equal maps print alike."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | None = None) -> None:
        self._items = dict(sorted((items or {}).items()))

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[type[FrozenMap], tuple[dict[str, str]]]:
        return (FrozenMap, (self._items,))


def _frozen(value: Mapping[str, str] | None) -> FrozenMap:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


@dataclass(frozen=True)
class Inject:
    """One scripted event: what the players receive, when, through which channel."""

    number: str  # unique in a scenario: "1", "12", "12a"
    at_s: int  # on the exercise clock, seconds from T+0 (T+00:15 -> 900)
    channel: str  # one of CHANNELS
    sender: str = ""  # "From"
    recipient: str = ""  # "To"
    content: str = ""  # what the players receive, in the scenario's language
    expected_action: str = ""
    controller_note: str = ""  # never shown to players
    controller: str = ""  # the responsible controller
    follows: str = ""  # the number of the inject it follows, "" if none
    details: Mapping[str, str] = field(default_factory=FrozenMap)  # channel specifics
    translations: Mapping[str, str] = field(default_factory=FrozenMap)  # language -> content

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", _frozen(self.details))
        object.__setattr__(self, "translations", _frozen(self.translations))


@dataclass(frozen=True)
class Scenario:
    """A whole MSEL: its injects ordered by time, then by number ("2" before "12")."""

    title: str
    language: str  # a language tag, "fr", "en"; "" when the file does not say
    description: str
    injects: tuple[Inject, ...]


class MselError(ValueError):
    """One line: the source, the spreadsheet row (the header is row 1), the column and
    what is wrong. `row` and `column` are None when the problem is the whole file.
    Nothing of a refused file is returned."""

    source: str
    row: int | None
    column: str | None
    problem: str

    def __init__(
        self, source: str, problem: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.source = source
        self.problem = problem
        self.row = row
        self.column = column
        where = [f"row {row}"] if row is not None else []
        where += [f"column {column!r}"] if column is not None else []
        place = f" {', '.join(where)}:" if where else ""
        super().__init__(f"{source}:{place} {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (self.source, self.problem, self.row, self.column))


def _rebuilt(source: str, problem: str, row: int | None, column: str | None) -> MselError:
    return MselError(source, problem, row=row, column=column)
