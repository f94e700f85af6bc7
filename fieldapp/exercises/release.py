"""Releasing an inject: delivering it as what the players really receive.

- `social`: a post in the monitoring queue (its key `exercise:<inject id> <reference>`,
  with `#<run>` after the id after a reset, so releasing it again in a run, or on a
  co-controller's laptop, is the same post; the monitoring desk shows the reference:
  monitoring/items.exercise_reference);
- `alert`: an official alert, CAP status Exercise (only an exercise operation takes it
  in), on the alerts desk and the map: its areas from the inject's `area` detail (CAP
  geocodes such as `NUTS3 FR812` or `INSEE 30`, drawn from the shipped boundaries) or its
  `lat`/`lon` and `radius_km`;
- `radio`: a received radio message, precedence preceded by TEST (RADIO.md), its
  operator's note naming the inject;
- `phone`, `sms`, `email`, `other`: a new report with that source, its source reference
  naming the inject.

Each delivered record names its inject, and lives in the exercise operation, which shows
EXERCISE everywhere. Then the inject is marked released with what it became.
Functions of a Store: run them in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.rights import DELIVERED_MARK
from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from fieldapp.core.record_types import Inject
    from fieldapp.store import Store

REPORT_SOURCES = {"phone": "phone", "sms": "sms", "email": "other", "other": "other"}
EXERCISE_SENDER = "exercise@fieldapp.invalid"


def release(store: Store, inject_id: str) -> list[dict[str, str]]:
    """Deliver a pending inject now; the records it became, as (entity, id)."""
    inject = store.injects.get(inject_id)
    if inject["status"] != "pending":
        raise ValidationError(
            {
                "status": (
                    "not_pending",
                    (f"inject {inject['number']} is already {inject['status']}"),
                )
            }
        )
    deliver = _DELIVERY[inject["channel"]]
    delivered = deliver(store, inject)
    store.injects.mark_released(inject_id, delivered)
    return delivered


def release_due(
    store: Store,
    operation_id: str,
    now: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Inject]:
    """Release, oldest first, the pending injects the exercise clock has reached at `now`
    (ISO UTC, default: now): what the desk's timer and `fieldapp exercise run` do. The
    injects released, as they were before their release."""
    now_s = store.clocks.get(operation_id).seconds(now or utc_now())
    due = store.injects.due(operation_id, now_s)
    for index, inject in enumerate(due):
        if progress is not None:
            progress(index, len(due), inject["number"])
        release(store, inject["id"])
    return due


def reference(inject: Inject) -> str:
    """How a delivered record names its inject: "EXERCISE inject 12 (5f3a9c2e)"."""
    return f"{DELIVERED_MARK}{inject['number']} ({short_id(inject)})"


def short_id(inject: Inject) -> str:
    """The last 8 hex digits of the inject's id: its random part (a UUIDv7 starts with
    the time it was made, the same for every inject of a scenario loaded at once)."""
    return inject["id"][-8:]


def _run_mark(store: Store, inject: Inject) -> str:
    """ "" in the first run of the scenario, "#2" in the second (after a reset): what a
    replayed inject's post key and alert identifier add, so it is a new post or alert."""
    run = store.runs.current(inject["operation_id"])
    return f"#{run}" if run > 1 else ""


def _first_line(text: str, limit: int = 120) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[:limit]


def _post(store: Store, inject: Inject) -> list[dict[str, str]]:
    from fieldapp.monitoring.items import EXERCISE_KEY
    from fieldapp.monitoring.posts import Post

    details = inject["details"]
    post = Post(
        key=f"{EXERCISE_KEY}{inject['id']}{_run_mark(store, inject)} {reference(inject)}",
        author=inject["sender"],
        handle=details.get("handle", "") or inject["sender"],
        posted_at=utc_now(),
        text=inject["content"],
        url="",
        language=details.get("language", ""),
    )
    taken = store.items.take(inject["operation_id"], [post], kind="paste")
    return [{"entity": "item", "id": item_id} for item_id in [*taken.new, *taken.known]]


def _alert(store: Store, inject: Inject) -> list[dict[str, str]]:
    from fieldapp.alerts.cap import CapAlert, CapArea, CapInfo
    from fieldapp.alerts.intake import take

    details = inject["details"]
    now = utc_now()
    codes = _geocodes(details.get("area", ""))
    circles: tuple[tuple[float, float, float], ...] = ()
    if details.get("lat") and details.get("lon"):
        circles = (
            (float(details["lon"]), float(details["lat"]), float(details.get("radius_km") or 10)),
        )
    area = CapArea(_area_name(details, codes), (), circles, codes, None, None)  # type: ignore[arg-type]
    info = CapInfo(
        language=details.get("language", "fr-FR"),
        categories=("Met",),
        event=details.get("event", "") or _first_line(inject["content"], 60),
        response_types=(),
        urgency=details.get("urgency", "Immediate"),
        severity=details.get("severity", "Severe"),
        certainty=details.get("certainty", "Likely"),
        audience="",
        event_codes=(),
        effective=now,
        onset=now,
        expires=details.get("expires"),
        sender_name=inject["sender"],
        headline=_headline(inject["content"]),
        description=inject["content"],
        instruction=details.get("instruction", ""),
        web="",
        contact="",
        parameters=(),
        resources=(),
        areas=(area,) if (codes or circles) else (),
    )
    alert = CapAlert(
        version="1.2",
        identifier=f"EXERCISE-{inject['number']}-{short_id(inject)}{_run_mark(store, inject)}",
        sender=EXERCISE_SENDER,
        sent=now,
        status="Exercise",
        msg_type="Alert",
        source="",
        scope="Public",
        restriction="",
        addresses="",
        codes=(),
        note=reference(inject),
        references=(),
        incidents="",
        infos=(info,),
        warnings=(),
    )
    done = take(store, inject["operation_id"], [(alert, reference(inject))])
    if done.taken.refused:
        raise ValidationError({"channel": ("refused", done.taken.refused[0][1])})
    return [
        {"entity": "alert", "id": alert_id} for alert_id in [*done.taken.new, *done.taken.known]
    ]


def _headline(text: str, limit: int = 120) -> str:
    """An alert's headline from an inject's text: its first sentence ("EXERCICE —
    Vigilance ORANGE crues sur le tronçon Gardons."), else its first line cut at a word."""
    line = _first_line(text, limit=len(text))
    for end in (". ", "! ", "? "):
        stop = line.find(end)
        if 0 < stop < limit:
            line = line[: stop + 1]
    if len(line) <= limit:
        return line
    return line[: limit - 1].rsplit(" ", 1)[0] + "…"


def _area_name(details: dict[str, str], codes: tuple[tuple[str, str], ...]) -> str:
    """What an alert's area is called: the inject's `area_name`, else its geocodes' names
    from the shipped boundaries ("Gard"), else its `place`."""
    from fieldapp.alerts.boundaries import BoundariesUnavailable, describe

    if details.get("area_name"):
        return details["area_name"]
    names = []
    for name, code in codes:
        try:
            names.append(describe(name, code) or f"{name} {code}")
        except BoundariesUnavailable:
            names.append(f"{name} {code}")
    return ", ".join(dict.fromkeys(names)) or details.get("place", "") or "-"


def _geocodes(text: str) -> tuple[tuple[str, str], ...]:
    """CAP geocodes of an alert inject's `area`: "INSEE:30 NUTS3:FRJ12" (the scenario
    file's form) or "INSEE 30; NUTS3 FRJ12"; ValidationError for a code without its name."""
    if ":" in text:
        pairs = [token.split(":", 1) for token in text.split()]
    else:
        pairs = [part.split() for part in text.split(";") if part.strip()]
    for pair in pairs:
        if len(pair) != 2 or not all(pair):
            raise ValidationError(
                {
                    "details": (
                        "invalid",
                        (
                            "an alert's area is given as NAME:CODE (INSEE:30 NUTS3:FRJ12), "
                            f"not {text!r}"
                        ),
                    )
                }
            )
    return tuple((name, code) for name, code in pairs)


def _radio(store: Store, inject: Inject) -> list[dict[str, str]]:
    details = inject["details"]
    values: dict[str, Any] = {
        "kind": "radiogram",
        "direction": "received",
        "test": True,
        "precedence": details.get("precedence", "ROUTINE"),
        "text": inject["content"],
        "received_from": details.get("station", "") or inject["sender"],
        "to_name": inject["recipient"],
        "op_note": reference(inject),
        "received_at": utc_now(),
    }
    message = store.radio.add(inject["operation_id"], values)
    return [{"entity": "radio_message", "id": message["id"]}]


def _report(store: Store, inject: Inject) -> list[dict[str, str]]:
    details = inject["details"]
    values: dict[str, Any] = {
        "title": _first_line(inject["content"]),
        "body": inject["content"],
        "kind": details.get("kind", "observation"),
        "severity": int(details.get("severity") or 3),
        "source": REPORT_SOURCES[inject["channel"]],
        "source_ref": reference(inject),
        "place": details.get("place", ""),
        "observed_at": utc_now(),
    }
    if details.get("lat") and details.get("lon"):
        values.update(lat=float(details["lat"]), lon=float(details["lon"]))
    report = store.reports.add(inject["operation_id"], values)
    return [{"entity": "report", "id": report["id"]}]


_DELIVERY = {
    "social": _post,
    "alert": _alert,
    "radio": _radio,
    **dict.fromkeys(REPORT_SOURCES, _report),
}
