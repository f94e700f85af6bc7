"""Posts are shown as text: HTML reduced to what a reader sees, controls removed."""

from __future__ import annotations

from fieldapp.monitoring.text import clean_text, html_to_text, language_tag, web_url


def test_html_keeps_paragraphs_and_line_breaks_and_decodes_entities():
    html = "<p>Le pont est <b>coupé</b>&nbsp;&amp; la route&#160;aussi.</p><p>Rue A<br>Rue B</p>"
    assert html_to_text(html) == "Le pont est coupé & la route aussi.\n\nRue A\nRue B"


def test_scripts_styles_and_hidden_elements_leave_nothing():
    html = (
        "<style>p{color:red}</style><script>alert('x')</script><p>visible</p>"
        "<img src=x onerror=alert(1)><iframe src='https://evil.example'>inner</iframe>"
        "<noscript>nope</noscript>"
    )
    assert html_to_text(html) == "visible"


def test_lists_give_one_line_per_item():
    assert html_to_text("<ul><li>un</li><li>deux</li></ul>fin") == "un\ndeux\nfin"


def test_control_and_bidi_characters_are_removed_newlines_and_tabs_kept():
    text = "a\x00b\x07c\u202eevil\u202c\td\r\ne\x85f\ufffe"
    assert clean_text(text) == "abcevil\td\nef"


def test_whitespace_tidied_and_long_text_capped():
    assert clean_text("  a  \n\n\n\n b \n") == "a\n\nb"
    capped = clean_text("x" * 30_000)
    assert len(capped) == 20_000 and capped.endswith("…")


def test_only_web_links_are_kept():
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative",
                "http://", "https://exa mple.org", None, 12):  # fmt: skip
        assert web_url(bad) == ""


def test_language_tags_reduce_to_their_primary_subtag():
    assert [language_tag(t) for t in ("fr-BE", "en_US", "EN", "pt", "", None, "12", "fr-")] == [
        "fr", "en", "en", "pt", "", "", "", "fr",
    ]  # fmt: skip
