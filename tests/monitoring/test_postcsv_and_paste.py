"""CSV files of posts (as other tools and spreadsheets save them) and pasted posts."""

from __future__ import annotations

import pytest

from fieldapp.monitoring.posts import PostError, paste_post, read_posts_file


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_semicolon_csv_from_a_french_excel_in_cp1252_with_decimal_commas(tmp_path):
    data = (
        "Auteur;Texte;Lien;Créé le;Langue;Latitude;Longitude\r\n"
        "Mairie de Quillan;Crue de l'Aude : évacuation rue du Pont;"
        "https://example.org/p/1;05/12/2026 08:30;FR;42,8753;2,1844\r\n"
        "\r\n"
        'Jean;"Eau à 1,20 m; ça monte";;1796459726,5;fr;43,1;2,2\r\n'
    ).encode("cp1252")
    result = read_posts_file(write(tmp_path, "export.csv", data))
    assert result.title == "export.csv"
    first, second = result.posts
    assert first.author == "Mairie de Quillan" and first.text.startswith("Crue de l'Aude : évac")
    assert first.posted_at == "2026-12-05T08:30:00.000Z" and first.language == "fr"
    assert first.key == "https://example.org/p/1" == first.url
    assert second.text == "Eau à 1,20 m; ça monte" and second.url == ""
    assert second.posted_at == "2026-12-05T08:35:26.500Z"  # Unix seconds, decimal comma
    assert second.key.startswith("sha256:")


def test_comma_csv_with_bom_id_column_handles_and_media(tmp_path):
    data = (
        "\ufeffid,message,account,url,created_at,media\n"
        "42,Flooded road near the bridge,@vost_fr@social.example,https://example.org/42,"
        '2026-12-05T08:00:00+01:00,"https://example.org/a.jpg | https://example.org/b.jpg"\n'
    ).encode()
    (post,) = read_posts_file(write(tmp_path, "posts.csv", data)).posts
    assert post.key == "42" and post.handle == "@vost_fr@social.example"
    assert post.posted_at == "2026-12-05T07:00:00.000Z"
    assert post.media == ("https://example.org/a.jpg", "https://example.org/b.jpg")


def test_keys_are_stable_across_reads_without_id_or_url(tmp_path):
    data = b"text,author,date\nWater in the cellar,Ana,2026-12-05 08:00\n"
    path = write(tmp_path, "t.csv", data)
    assert read_posts_file(path).posts[0].key == read_posts_file(path).posts[0].key
    assert read_posts_file(path).posts[0].posted_at == "2026-12-05T08:00:00.000Z"


def test_an_unreadable_date_stays_unknown(tmp_path):
    data = b"text;date\nRoute coupee;mardi matin\n"
    assert read_posts_file(write(tmp_path, "d.csv", data)).posts[0].posted_at is None


def test_wrong_columns_are_named(hostile):
    with pytest.raises(PostError) as error:
        read_posts_file(hostile("wrong_columns.csv"))
    assert error.value.kind == "wrong_columns"
    assert str(error.value) == (
        "wrong_columns.csv: expected a column text (or message, content, texte) or url "
        "(or link, lien); found: nom, latitude, longitude, commentaire"
    )


def test_a_row_with_a_bad_link_refuses_the_whole_file(tmp_path):
    data = b"text,url\nok,https://example.org/1\nbad,javascript:alert(1)\n"
    with pytest.raises(PostError) as error:
        read_posts_file(write(tmp_path, "bad.csv", data))
    assert str(error.value) == "bad.csv: row 3: 'javascript:alert(1)' is not a web link"


def test_control_characters_in_a_csv_are_cleaned(tmp_path):
    data = 'text\n"Alerte\x07 \u202eevil\u202c\x00 rue"\n'.encode()
    assert read_posts_file(write(tmp_path, "c.csv", data)).posts[0].text == "Alerte evil rue"


def test_a_saved_mastodon_answer_and_a_saved_feed_are_sniffed_not_named(tmp_path, sample):
    saved = write(tmp_path, "timeline.txt", sample("mastodon_tag_timeline_mastodon.json"))
    assert len(read_posts_file(saved).posts) == 20
    feed = write(tmp_path, "feed.csv", sample("rss2_fr_google_actualites_be.xml"))
    result = read_posts_file(feed)
    assert result.title == "À la une - Google Actualités" and len(result.posts) == 1


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(PostError) as error:
        read_posts_file(tmp_path / "nope.csv")
    assert str(error.value) == "nope.csv: cannot read the file: No such file or directory"


def test_a_pasted_testimony_is_its_own_post_each_time():
    one = paste_post("Eau dans la rue\x07 de la gare <b>vite</b>", author=" Marie ")
    two = paste_post("Eau dans la rue\x07 de la gare <b>vite</b>")
    assert one.key != two.key and one.key.startswith("urn:uuid:")
    assert one.text == "Eau dans la rue de la gare <b>vite</b>"  # typed text stays as typed
    assert one.author == "Marie" and one.posted_at is None and one.url == ""


def test_a_pasted_link_is_the_key_so_two_pastes_of_it_are_one_post():
    one = paste_post("", "https://example.org/p/9", posted_at="2026-12-05T09:00+01:00")
    assert one.key == "https://example.org/p/9" == paste_post("x", "https://example.org/p/9").key
    assert one.posted_at == "2026-12-05T08:00:00.000Z"


@pytest.mark.parametrize(
    ("text", "url", "posted_at", "words"),
    [("", "", None, "needs a text or a link"),
     ("x", "javascript:alert(1)", None, "is not a web link"),
     ("x", "", "yesterday", "is not a date and time")],
)  # fmt: skip
def test_a_bad_paste_says_what_is_wrong(text, url, posted_at, words):
    with pytest.raises(PostError) as error:
        paste_post(text, url, posted_at=posted_at)
    assert words in str(error.value) and str(error.value).startswith("paste: ")
