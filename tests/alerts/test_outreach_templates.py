"""The prevention library (resources/outreach/templates.json): complete in French and
English, every text fits its channel once filled with realistic values and marked as an
exercise, French SMS in GSM-7; a broken file is refused at load time with the template
and text named; a missing value shows as a visible blank."""

from __future__ import annotations

import json

import pytest

from fieldapp.alerts.outreach.compose import Draft, counts
from fieldapp.alerts.outreach.counting import non_gsm_characters
from fieldapp.alerts.outreach.templates import (
    Template,
    TemplateError,
    fill,
    load_templates,
)

KEYS = {
    "flood", "flash-flood", "storm", "heatwave", "wildfire", "evacuation", "boil-water",
    "cold-wave", "landslide", "aftershocks", "power-cut", "official-alert", "rumour",
}  # fmt: skip
LINK = "https://ex.org/a1b2c3d4e"  # 23 characters, what a link counts on Mastodon and X
VALUES = {
    "fr": {
        "area": "Haute-Savoie",
        "until": "mardi 18h",
        "source": "Préfecture de la Haute-Savoie",
        "link": LINK,
        "claim": "le barrage de Tignes a cédé",
        "fact": "Le barrage est intact et surveillé en continu.",
        "headline": "Vigilance rouge crues sur l'Arve, évitez tout déplacement",
        "place": "le gymnase de Cluses",
    },
    "en": {
        "area": "Haute-Savoie",
        "until": "Tuesday 6 pm",
        "source": "Haute-Savoie prefecture",
        "link": LINK,
        "claim": "the Tignes dam has failed",
        "fact": "The dam is intact and watched around the clock.",
        "headline": "Red flood warning on the Arve, do not travel",
        "place": "the Cluses sports hall",
    },
}
HASHTAGS = {"fr": ("Inondation", "Haute-Savoie"), "en": ("Flood", "Haute-Savoie")}


@pytest.fixture(scope="module")
def library():
    return load_templates()


def test_the_library_has_every_hazard_in_french_and_english(library):
    assert {template.key for template in library} == KEYS
    for template in library:
        assert set(template.titles) == {"fr", "en"} == set(template.texts)
        for texts in template.texts.values():
            assert list(texts) == ["mastodon", "x", "sms", "long"]
            assert all(text.strip() for text in texts.values())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_filled_template_fits_its_channels_even_as_an_exercise(library, language):
    for template in library:
        texts = fill(template, language, VALUES[language])
        assert not any("[" in text for text in texts.values()), template.key  # all filled
        draft = Draft(language, texts, HASHTAGS[language], LINK, exercise=True)
        measured = counts(draft)
        for channel, result in measured.items():
            assert result.fits, (template.key, language, channel, result)
        sms = measured["sms"]
        assert (sms.encoding, sms.segments) == ("GSM-7", 1), (template.key, language)


def test_every_sms_text_is_gsm7_before_filling(library):
    for template in library:
        for language, texts in template.texts.items():
            assert non_gsm_characters(texts["sms"]) == [], (template.key, language)


def test_the_long_versions_carry_the_details(library):
    for template in library:
        for language, texts in template.texts.items():
            assert len(texts["long"]) > len(texts["mastodon"]), (template.key, language)


def test_a_missing_value_leaves_a_visible_blank(library):
    flood = next(template for template in library if template.key == "flood")
    texts = fill(flood, "fr", {"area": "Annecy", "until": "  "})
    assert "[until]" in texts["sms"] and "[link]" in texts["sms"]
    assert texts["sms"].startswith("Inondation Annecy jusqu'à [until]")
    assert "{" not in texts["long"]


def test_values_go_in_verbatim_even_with_braces():
    template = Template("t", "any", {"en": "T"}, {"en": {"sms": "Area: {area}."}})
    assert fill(template, "en", {"area": "{until} [x]"}) == {"sms": "Area: {until} [x]."}


def test_a_language_the_template_lacks_is_named(library):
    with pytest.raises(ValueError, match=r"'flood' has no 'de' version \(it has fr, en\)"):
        fill(library[0], "de", {})


def test_placeholders_lists_the_values_to_ask_for(library):
    rumour = next(template for template in library if template.key == "rumour")
    assert rumour.placeholders("fr") == ("area", "source", "link", "claim", "fact")


# -- a broken file


def one_template(**texts_en):
    texts = {"mastodon": "m {area}", "x": "x", "sms": "s", "long": "l"} | texts_en
    return {"key": "flood", "hazard": "flood", "titles": {"en": "Flood"}, "texts": {"en": texts}}


def write(tmp_path, data):
    path = tmp_path / "templates.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    (template,) = load_templates(write(tmp_path, {"templates": [one_template()]}))
    assert template.texts["en"]["mastodon"] == "m {area}"


def test_an_unknown_placeholder_is_refused_at_load_time(tmp_path):
    path = write(tmp_path, {"templates": [one_template(sms="Crue à {zone}")]})
    with pytest.raises(TemplateError) as refused:
        load_templates(path)
    words = str(refused.value)
    assert str(path) in words and "'flood', en sms" in words
    assert "unknown placeholder {zone}" in words and "known: area, until" in words


@pytest.mark.parametrize(
    ("text", "shown"),
    [("{area:>20}", "{area:>20}"), ("{area!r}", "{area!r}"), ("{}", "{}"), ("{0}", "{0}")],
)
def test_formatting_tricks_are_refused_too(tmp_path, text, shown):
    path = write(tmp_path, {"templates": [one_template(x=text)]})
    with pytest.raises(TemplateError, match=f"unknown placeholder {shown}"):
        load_templates(path)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("{not json", "not JSON (Expecting property name"),
        ([], 'expected an object with a list of "templates"'),
        ({"templates": [one_template(sms="a { b")]}, "'flood', en sms: expected '}'"),
        ({"templates": [one_template(), one_template()]}, "key 'flood' is used twice"),
        ({"templates": [{**one_template(), "hazard": ""}]}, "'flood': no \"hazard\""),
        ({"templates": [{**one_template(), "titles": {"fr": "Crue"}}]},
         "titles are in fr but texts in en"),
        ({"templates": [one_template(telegram="t")]}, "unknown channel 'telegram'"),
        ({"templates": [one_template(long=None)]}, "'long' must be a text, not None"),
    ],
)  # fmt: skip
def test_a_broken_file_is_refused_whole_with_its_element_named(tmp_path, data, words):
    path = write(tmp_path, data)
    with pytest.raises(TemplateError) as refused:
        load_templates(path)
    assert str(refused.value).startswith(str(path)) and words in str(refused.value)


def test_a_missing_channel_is_named(tmp_path):
    template = one_template()
    del template["texts"]["en"]["sms"]
    with pytest.raises(TemplateError, match="'flood', en: no sms text"):
        load_templates(write(tmp_path, {"templates": [template]}))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(TemplateError, match=r"nowhere\.json: cannot be read"):
        load_templates(tmp_path / "nowhere.json")
