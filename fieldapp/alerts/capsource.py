"""Polling CAP feeds: the `cap` sources of an operation, their new alerts taken in.

A `cap` source (monitoring.sources, kind "cap") is an Atom or RSS index whose entries
link to CAP documents (MeteoAlarm, the NWS). It is polled as politely as the monitoring
desk's feeds, with the same steps (monitoring.polling: interval, conditional GET with
ETag/Last-Modified, Retry-After, backoff with jitter, the FieldApp User-Agent) and the
same bounded GET (monitoring.fetching). Then, per document the index lists:

- expired, as the index says (every entry naming it): skipped, never downloaded;
- already here: skipped, never downloaded. "Here" is an alert of the operation with the
  entry's cap:identifier and cap:sent (the index gives no sender: MeteoAlarm's and the
  NWS's do not), or a URL fetched from this source before (remembered in the source's
  state JSON, `PollState.documents`: the fetched URLs still listed, so it stays the size
  of the index);
- else downloaded (at most 5 MB, its own timeouts), parsed with `parse_cap`, and taken
  in with `intake.take` (new alerts only; an Update joins its Alert's chain). A document
  that cannot be downloaded or read is one error in words naming its URL; the others go
  on. A bad document is not fetched again; one that could not be downloaded is: the
  index's validators are then forgotten, so the next poll reads the index in full.

A cut link or a timeout on the index is the source's error in words, with backoff; the
other sources go on. Each source's state is saved after its own poll.

Functions of a Store: run them in the thread that opened it (the network lane, the CLI).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import requests

from fieldapp.alerts.capfeed import CapIndexEntry, parse_cap_index
from fieldapp.alerts.capmodel import CapError
from fieldapp.alerts.intake import MAX_FILE_BYTES, take
from fieldapp.core.errors import ValidationError
from fieldapp.core.times import format_time
from fieldapp.monitoring.addresses import INDEX_KINDS
from fieldapp.monitoring.fetching import FetchCancelled, FetchError, Timeouts, fetch
from fieldapp.monitoring.polling import (
    MAX_BYTES,
    PollOutcome,
    PollState,
    failed,
    new_session,
    should_poll,
    succeeded,
)

if TYPE_CHECKING:
    from fieldapp.alerts.cap import CapAlert
    from fieldapp.monitoring.sources import Source
    from fieldapp.store import Store

__all__ = ["DOCUMENT_TIMEOUTS", "CapPolled", "poll_cap_sources"]

KIND = INDEX_KINDS[0]  # "cap"
MAX_DOCUMENT_BYTES = MAX_FILE_BYTES  # 5 MB, as for a CAP file imported by hand
MAX_REMEMBERED = 5_000  # fetched document URLs kept per source, the newest
DOCUMENT_TIMEOUTS = Timeouts(connect=10.0, read=20.0, whole=60.0)
INDEX_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
CAP_ACCEPT = "application/cap+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, text: str) -> None:
    """A progress callback that shows nothing."""


@dataclass
class CapPolled:
    """What one poll of one CAP feed gave, counted in documents (MeteoAlarm lists one
    document once per area): alerts new here, already here, skipped as expired."""

    source_id: str
    name: str
    new: int = 0
    known: int = 0
    skipped_expired: int = 0
    errors: list[str] = field(default_factory=list)  # in words: the index's, or documents'
    error_kind: str = ""  # polling.ERROR_KINDS of the first error
    not_modified: bool = False
    index_failed: bool = False  # the index could not be read: nothing else was tried
    cancelled: bool = False
    # intake's: an alert the operation refused (Exercise), a geocode with no shape known
    warnings: list[str] = field(default_factory=list)

    @property
    def error(self) -> str:
        """The first error in words, "" when all went well."""
        return self.errors[0] if self.errors else ""


def poll_cap_sources(
    store: Store,
    operation_id: str | None = None,
    *,
    force: bool = False,
    now: float | None = None,
    session: requests.Session | None = None,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
    timeouts: Timeouts = Timeouts(),  # noqa: B008 (frozen: one shared default is safe)
    document_timeouts: Timeouts = DOCUMENT_TIMEOUTS,
) -> list[CapPolled]:
    """Poll the enabled `cap` sources that are due (every one with `force`, but one whose
    server said "not before"), one after the other, and take their new alerts in; each
    source's state is saved after its own poll. `now` (epoch seconds) is also the moment
    expiry is judged at. Returns what each polled source gave."""
    moment = time.time() if now is None else now
    due = [
        s for s in store.sources.list(operation_id)
        if s.kind == KIND and s.enabled and should_poll(s.state, moment, force=force)
    ]  # fmt: skip
    session = session or new_session()
    poller = _Poller(store, session, moment, cancelled, timeouts, document_timeouts)
    results: list[CapPolled] = []
    for index, source in enumerate(due):
        if cancelled():
            break
        progress(index, len(due), source.name)
        results.append(poller.poll(source))
    progress(len(results), len(due), "")
    return results


@dataclass
class _Poller:
    store: Store
    session: requests.Session
    moment: float
    cancelled: Callable[[], bool]
    timeouts: Timeouts
    document_timeouts: Timeouts

    @property
    def now_iso(self) -> str:
        return format_time(datetime.fromtimestamp(self.moment, UTC))

    def poll(self, source: Source) -> CapPolled:
        polled = CapPolled(source.id, source.name)
        state = PollState.from_json(source.state.to_json())
        state.last_fetch_at = self.moment
        headers = {"Accept": INDEX_ACCEPT}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            answer = fetch(self.session, source.address, headers=headers, max_bytes=MAX_BYTES,
                           timeouts=self.timeouts, cancelled=self.cancelled)  # fmt: skip
            if answer.status == 304:
                polled.not_modified = True
                return self._save(source, polled, succeeded(state, source.spec, self.moment, [], 1))
            entries = parse_cap_index(answer.body, source=source.address, base_url=source.address)
        except FetchCancelled:  # still due: the next poll reads it again
            polled.cancelled = True
            return polled
        except (FetchError, CapError) as error:
            kind, words, wait = _index_error(error)
            polled.errors, polled.error_kind, polled.index_failed = [words], kind, True
            return self._save(source, polled, failed(state, source.spec, self.moment, kind,
                                                     words, wait, None, 1))  # fmt: skip
        retry, wait = self._documents(source, entries, state, polled)
        outcome = succeeded(state, source.spec, self.moment, [], 1)
        if retry or polled.cancelled:  # read the index in full next time: retry those
            state.etag = state.last_modified = ""
        else:
            state.etag = answer.headers.get("ETag", "")
            state.last_modified = answer.headers.get("Last-Modified", "")
        if polled.errors:  # the index was read: no backoff, but the source says what failed
            state.last_error = f"{len(polled.errors)} document(s) not taken in: {polled.error}"
            state.last_error_kind = polled.error_kind
        if wait is not None:  # a document's server asked to slow down: obeyed for them all
            state.next_due = self.moment + max(wait, source.spec.interval_s)
        elif polled.cancelled:  # still due: the next poll goes on where this one stopped
            state.next_due = self.moment
        return self._save(source, polled, outcome)

    def _save(self, source: Source, polled: CapPolled, outcome: PollOutcome) -> CapPolled:
        self.store.sources.save_state(source.id, outcome.state)
        return polled

    def _documents(
        self, source: Source, entries: list[CapIndexEntry], state: PollState, polled: CapPolled
    ) -> tuple[bool, float | None]:
        """Download and take in the index's new documents, one after the other. Returns
        whether one must be tried again, and the wait a server asked for (429/503: no
        more downloads from this index in this poll)."""
        listed = _by_document(entries)
        remembered = set(state.documents)
        done: set[str] = set()
        retry, wait = False, None
        for url, group in listed.items():
            if all(entry.is_expired(self.now_iso) for entry in group):
                polled.skipped_expired += 1
                continue
            if url in remembered or self._here(source.operation_id, group):
                polled.known += 1
                done.add(url)
                continue
            if self.cancelled():
                polled.cancelled = True
                break
            try:
                self._take(source.operation_id, self._download(url), url, polled)
            except FetchCancelled:
                polled.cancelled = True
                break
            except (FetchError, CapError, ValidationError) as error:
                if _note(polled, url, error):
                    retry = True
                    if isinstance(error, FetchError) and error.kind == "rate_limited":
                        wait = error.retry_after or 0.0
                        break
                    continue
            done.add(url)
        state.documents = [url for url in listed if url in done][-MAX_REMEMBERED:]
        return retry, wait

    def _here(self, operation_id: str, group: list[CapIndexEntry]) -> bool:
        """Whether the index names an alert the operation has (identifier and sent)."""
        for entry in group:
            if entry.identifier and entry.sent:
                row = self.store.conn.execute(
                    "SELECT 1 FROM alerts WHERE operation_id = ? AND identifier = ? AND sent = ?"
                    " AND deleted = 0",
                    [operation_id, entry.identifier, entry.sent],
                ).fetchone()
                if row is not None:
                    return True
        return False

    def _download(self, url: str) -> CapAlert:
        """The CAP alert at `url`; FetchError, FetchCancelled or CapError (naming `url`)."""
        from fieldapp.alerts.cap import parse_cap

        answer = fetch(self.session, url, headers={"Accept": CAP_ACCEPT},
                       max_bytes=MAX_DOCUMENT_BYTES, timeouts=self.document_timeouts,
                       cancelled=self.cancelled)  # fmt: skip
        return parse_cap(answer.body, source=url)

    def _take(self, operation_id: str, alert: CapAlert, url: str, polled: CapPolled) -> None:
        """Take one document's alert in (its shapes settled): one that the store refuses
        (ValidationError) is noted by the caller, and the others go on."""
        imported = take(self.store, operation_id, [(alert, url)])
        polled.new += len(imported.taken.new)
        polled.known += len(imported.taken.known)
        polled.warnings += [f"{identifier}: {why}" for identifier, why in imported.taken.refused]
        polled.warnings += imported.warnings


def _note(polled: CapPolled, url: str, error: FetchError | CapError | ValidationError) -> bool:
    """Note a document that was not taken in; whether to try it again next poll (it could
    not be downloaded: the link, the server) or not (too large, not a CAP alert)."""
    if isinstance(error, CapError):  # names the URL and the element
        kind, words, again = "malformed", str(error), False
    elif isinstance(error, ValidationError):
        kind, words, again = "malformed", f"{url}: {error}", False
    else:
        kind, words = error.kind, f"{url}: {error.words}"
        again = kind in ("network", "http", "rate_limited")
    polled.errors.append(words)
    polled.error_kind = polled.error_kind or kind
    return again


def _by_document(entries: list[CapIndexEntry]) -> dict[str, list[CapIndexEntry]]:
    """The index's entries grouped by the document they link to, in the index's order."""
    groups: dict[str, list[CapIndexEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.url, []).append(entry)
    return groups


def _index_error(error: FetchError | CapError) -> tuple[str, str, float | None]:
    """(kind, words, seconds the server asked to wait) of an index that failed."""
    if isinstance(error, FetchError):
        return error.kind, error.words, error.retry_after
    kind = "not_a_feed" if "not a feed" in error.problem or "not an index" in error.problem \
        else "malformed"  # fmt: skip
    return kind, str(error), None
