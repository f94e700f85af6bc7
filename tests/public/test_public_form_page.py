"""The form a citizen opens: its fields and labels, its token, its languages, its weight."""

from __future__ import annotations

import re

import publickit
import requests


def test_the_form_has_labelled_fields_a_token_and_says_who_runs_it(form):
    page = requests.get(form.url, headers={"Accept-Language": "en-GB,en;q=0.9"}, timeout=10)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en">' in html and "Floods in Quillan" in html
    for field in ("text", "place", "photo", "contact", "consent"):
        assert f'<label class="top" for="{field}">' in html or f'id="{field}"' in html
        assert re.search(
            rf'<label[^>]*for="{field}"|<label class="choice"><input[^>]*id="{field}"', html
        )
    for kind in ("flooding", "road_cut", "damage", "people_in_need", "other"):
        assert f'name="kind" value="{kind}"' in html
    assert publickit.token_of(html)
    assert 'name="homepage"' in html and 'tabindex="-1"' in html  # the honeypot
    assert "kept 30 days, then deleted" in html
    assert "volunteers of the operation" in html and "Floods of the Aude" in html
    assert "Call 112" in html
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_the_form_speaks_french_to_a_french_browser_and_links_to_english(form):
    page = requests.get(form.url, headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"},
                        timeout=10)  # fmt: skip
    assert '<html lang="fr">' in page.text and "Que voyez-vous ?" in page.text
    assert f'href="/r/{form.code}?lang=en"' in page.text
    english = requests.get(form.url + "?lang=en", headers={"Accept-Language": "fr"}, timeout=10)
    assert "What do you see?" in english.text


def test_the_page_with_everything_it_loads_weighs_under_100_kb(form):
    page = requests.get(form.url, timeout=10)
    loaded = re.findall(r'(?:src|href)="(/[^"]*)"', page.text)
    weight = len(page.content) + sum(
        len(requests.get(form.root + path, timeout=10).content) for path in loaded
    )
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.text)  # nothing from elsewhere
    assert weight < 100 * 1024, weight


def test_an_unknown_code_and_a_closed_form_get_a_page_in_words(server, form):
    unknown = requests.get(form.root + "/r/ZZZZZZ", timeout=10)
    assert unknown.status_code == 404 and "No such form" in unknown.text
    from fieldapp.sync.server.public import opening

    opening.switch(server.db, form.operation_id, False, {})
    closed = requests.get(form.url + "?lang=en", timeout=10)
    assert closed.status_code == 410 and "This form is closed" in closed.text
