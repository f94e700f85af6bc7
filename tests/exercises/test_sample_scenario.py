"""The sample scenario shipped in resources/exercises loads and is complete."""

from __future__ import annotations

from fieldapp.core.resources import resources_dir
from fieldapp.exercises.msel import CHANNELS, read_csv, read_xlsx, write_xlsx

SAMPLE = resources_dir() / "exercises" / "crue-eclair.csv"


def test_the_flash_flood_scenario_loads_with_every_channel_over_three_hours():
    scenario = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    assert scenario.language == "fr" and "Gard" in scenario.title
    assert len(scenario.injects) >= 40
    assert {inject.channel for inject in scenario.injects} == set(CHANNELS)
    assert scenario.injects[0].at_s == 0 and scenario.injects[-1].at_s <= 3 * 3600
    for inject in scenario.injects:
        assert inject.translations.get("en"), inject.number
        assert inject.translations["en"] != inject.content, inject.number
        assert inject.expected_action and inject.controller_note and inject.controller


def test_alerts_escalate_then_recede_and_say_where():
    scenario = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    alerts = [i for i in scenario.injects if i.channel == "alert"]
    severities = [alert.details["severity"] for alert in alerts]
    assert severities[0] == "Severe" and "Extreme" in severities and severities[-1] == "Severe"
    assert all(alert.details["area"].startswith("INSEE:30") for alert in alerts)
    radio = [i for i in scenario.injects if i.channel == "radio"]
    assert {r.details["precedence"] for r in radio} == {"ROUTINE", "URGENT", "TRES URGENT"}


def test_the_sample_exports_to_xlsx_and_back_unchanged():
    scenario = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    assert read_xlsx(write_xlsx(scenario), source="crue-eclair.xlsx") == scenario
