"""The map keeps where the user was when its page is rebuilt: another language, a new
tile set. (Before, a language change sent it back to the whole of France.)"""

from __future__ import annotations

import json

import pytest

from fieldapp.demo.builder import create_demo


@pytest.fixture
def demo(store) -> dict:
    return create_demo(store, 50, seed=5)


def _view(evaluate, view) -> list:
    return json.loads(evaluate(view, "JSON.stringify(FieldAppMap.view())"))


def test_the_view_survives_a_change_of_language(qtbot, make_map, evaluate, demo, languages):
    view = make_map(demo)
    evaluate(view, "FieldAppMap.setView(44.1, 4.05, 11), true")
    with qtbot.waitSignal(view.map_ready, timeout=30_000):
        languages.apply("fr")  # the page is built again, in French
    qtbot.waitUntil(lambda: _view(evaluate, view)[2] == 11, timeout=10_000)
    lat, lon, zoom = _view(evaluate, view)
    assert (round(lat, 3), round(lon, 3), zoom) == (44.1, 4.05, 11)


def test_a_rebuilt_page_keeps_the_view(qtbot, make_map, evaluate, demo):
    view = make_map(demo)
    evaluate(view, "FieldAppMap.setView(43.2, 2.35, 13), true")
    with qtbot.waitSignal(view.map_ready, timeout=30_000):
        view.reload()  # what a new tile set does
    qtbot.waitUntil(lambda: _view(evaluate, view)[2] == 13, timeout=10_000)
    lat, lon, _level = _view(evaluate, view)
    assert (round(lat, 3), round(lon, 3)) == (43.2, 2.35)
