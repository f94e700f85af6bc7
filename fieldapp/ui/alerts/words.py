"""The alerts and outreach desk's coded values and field names in words (English source,
French translation).

Functions, not constants: the words are read in the language in force when called.
GUI thread (translations are Qt's).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def severity_labels() -> dict[str, str]:
    """CAP severity."""
    return {
        "Extreme": translate("Alerts", "Extreme"),
        "Severe": translate("Alerts", "Severe"),
        "Moderate": translate("Alerts", "Moderate"),
        "Minor": translate("Alerts", "Minor"),
        "Unknown": translate("Alerts", "Unknown"),
    }


def urgency_labels() -> dict[str, str]:
    return {
        "Immediate": translate("Alerts", "Immediate"),
        "Expected": translate("Alerts", "Expected"),
        "Future": translate("Alerts", "Future"),
        "Past": translate("Alerts", "Past"),
        "Unknown": translate("Alerts", "Unknown"),
    }


def certainty_labels() -> dict[str, str]:
    return {
        "Observed": translate("Alerts", "Observed"),
        "Likely": translate("Alerts", "Likely"),
        "Possible": translate("Alerts", "Possible"),
        "Unlikely": translate("Alerts", "Unlikely"),
        "Unknown": translate("Alerts", "Unknown"),
    }


def status_labels() -> dict[str, str]:
    """CAP status: only Actual is a real alert."""
    return {
        "Actual": translate("Alerts", "Real alert"),
        "Exercise": translate("Alerts", "EXERCISE"),
        "System": translate("Alerts", "SYSTEM MESSAGE: not an alert"),
        "Test": translate("Alerts", "TEST: not an alert"),
        "Draft": translate("Alerts", "DRAFT: not an alert"),
    }


def msg_type_labels() -> dict[str, str]:
    return {
        "Alert": translate("Alerts", "Alert"),
        "Update": translate("Alerts", "Update"),
        "Cancel": translate("Alerts", "Cancel"),
        "Ack": translate("Alerts", "Acknowledgement"),
        "Error": translate("Alerts", "Error"),
    }


def scope_labels() -> dict[str, str]:
    return {
        "Public": translate("Alerts", "Public"),
        "Restricted": translate("Alerts", "Restricted"),
        "Private": translate("Alerts", "Private"),
    }


def state_labels() -> dict[str, str]:
    """Where a chain of alerts stands (alerts/chains.py)."""
    return {
        "active": translate("Alerts", "In force"),
        "cancelled": translate("Alerts", "Cancelled"),
        "expired": translate("Alerts", "Expired"),
        "not-real": translate("Alerts", "Not a real alert"),
    }


def message_status_labels() -> dict[str, str]:
    return {
        "draft": translate("Alerts", "Draft"),
        "approved": translate("Alerts", "Approved"),
        "published": translate("Alerts", "Published"),
        "withdrawn": translate("Alerts", "Withdrawn"),
    }


def purpose_labels() -> dict[str, str]:
    return {
        "prevention": translate("Alerts", "Prevention advice"),
        "alert": translate("Alerts", "Relayed alert"),
        "correction": translate("Alerts", "Correction of a rumour"),
    }


def channel_labels() -> dict[str, str]:
    """Where an alert or a message went (relays) and the versions of a message."""
    return {
        "radio": translate("Alerts", "Radio"),
        "mastodon": translate("Alerts", "Mastodon"),
        "x": translate("Alerts", "X"),
        "sms": translate("Alerts", "SMS"),
        "long": translate("Alerts", "Web or e-mail"),
        "web": translate("Alerts", "Web"),
        "email": translate("Alerts", "E-mail"),
        "phone": translate("Alerts", "Phone"),
        "other": translate("Alerts", "Other"),
    }


def rumour_status_labels() -> dict[str, str]:
    return {
        "spreading": translate("Alerts", "Spreading"),
        "checking": translate("Alerts", "Being checked"),
        "confirmed": translate("Alerts", "Confirmed"),
        "debunked": translate("Alerts", "Debunked"),
    }


def target_labels() -> dict[str, str]:
    return {"item": translate("Alerts", "Post"), "report": translate("Alerts", "Report")}


def field_labels(kind: str = "") -> dict[str, str]:
    """The names of the desk's record fields (alerts, messages, rumours, relays...)."""
    return {
        "identifier": translate("Alerts", "CAP identifier"),
        "sender": translate("Alerts", "Sender"),
        "sent": translate("Alerts", "Sent"),
        "status": translate("Alerts", "Status"),
        "msg_type": translate("Alerts", "Message type"),
        "scope": translate("Alerts", "Scope"),
        "refs": translate("Alerts", "Refers to"),
        "event": translate("Alerts", "Event"),
        "headline": translate("Alerts", "Headline"),
        "severity": translate("Alerts", "Severity"),
        "urgency": translate("Alerts", "Urgency"),
        "certainty": translate("Alerts", "Certainty"),
        "onset": translate("Alerts", "Onset"),
        "expires": translate("Alerts", "Expires"),
        "languages": translate("Alerts", "Languages"),
        "cap": translate("Alerts", "CAP content"),
        "source": translate("Alerts", "Came from"),
        "author": translate("Alerts", "Author"),
        "purpose": translate("Alerts", "Purpose"),
        "title": translate("Alerts", "Title"),
        "language": translate("Alerts", "Language"),
        "texts": translate("Alerts", "Texts"),
        "hashtags": translate("Alerts", "Hashtags"),
        "link": translate("Alerts", "Link"),
        "alert_id": translate("Alerts", "Alert"),
        "rumour_id": translate("Alerts", "Rumour"),
        "template": translate("Alerts", "Template"),
        "approved_by": translate("Alerts", "Approved by"),
        "approved_at": translate("Alerts", "Approved at"),
        "note": translate("Alerts", "Note"),
        "claim": translate("Alerts", "Claim"),
        "first_seen": translate("Alerts", "First seen"),
        "verification": translate("Alerts", "Verification"),
        "message_id": translate("Alerts", "Message"),
        "key": translate("Alerts", "Template key"),
        "hazard": translate("Alerts", "Hazard"),
        "channel": translate("Alerts", "Channel"),
        "via": translate("Alerts", "Station or account"),
        "at": translate("Alerts", "At"),
        "radio_message_id": translate("Alerts", "Radio message"),
        "rumour": translate("Alerts", "Rumour"),
        "target": translate("Alerts", "Seen in"),
        "target_id": translate("Alerts", "Post or report"),
        "seen_at": translate("Alerts", "Seen at"),
    }
