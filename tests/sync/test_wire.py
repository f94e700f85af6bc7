"""The wire protocol's shapes (fieldapp/sync/protocol/wire.py), checked without a server:
what a device sends parses back to itself, and each malformed body is refused by name."""

from __future__ import annotations

import gzip

import pytest

from fieldapp.sync.protocol import wire

TOO_BIG = "must be a whole number from 0 to 4611686018427387904"
ID = "must be an id (1-100 of A-Z a-z 0-9 . _ : -), got"

S1, S2, S3 = "1764000000000-0000-node1", "1764000000001-0000-node2", "1764000000002-0001-node1"


def _entry(**extra):
    return {
        "op_id": "op-1",
        "entity": "report",
        "id": "r-1",
        "operation_id": "o-1",
        "fields": {"title": {"v": "Bridge closed", "s": S1, "b": None}},
        **extra,
    }


def test_a_push_parses_back_to_what_was_sent():
    entry = _entry(resolves=["c-1"])
    request = wire.parse_push(wire.push_body("batch-1", 1764000000000, [entry]))
    assert (request.batch_key, request.device_time) == ("batch-1", 1764000000000)
    [parsed] = request.entries
    assert parsed.problem is None and parsed.resolves == ("c-1",)
    assert parsed.fields["title"] == wire.FieldWrite("Bridge closed", S1, None)
    assert wire.entry_json(parsed) == entry
    assert "resolves" not in wire.entry_json(wire.parse_entry(_entry(), "e"))


def test_entry_level_stamps_are_defaults_for_its_fields():
    item = {**_entry(s=S1, b=S2), "fields": {"title": {"v": "x"}, "place": {"v": "y", "s": S3}}}
    fields = wire.parse_entry(item, "e").fields
    assert fields["title"] == wire.FieldWrite("x", S1, S2)
    assert fields["place"] == wire.FieldWrite("y", S3, S2)


def test_an_entry_of_unknown_content_is_rejected_alone():
    entry = wire.parse_entry({**_entry(), "entity": "spaceship"}, "e")
    assert entry.problem is not None and "unknown entity" in entry.problem


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "body must be an object, not list"),
        ({"batch_key": "b", "device_time": 1, "entries": [], "x": 1}, "body has unknown keys: x"),
        ({"device_time": 1, "entries": []}, "body.batch_key is missing"),
        (
            {"batch_key": "b c", "device_time": 1, "entries": []},
            "body.batch_key must be an id (1-100 of A-Z a-z 0-9 . _ : -), got 'b c'",
        ),
        (
            {"batch_key": "b", "device_time": -1, "entries": []},
            "body.device_time must be a whole number from 0 to 4611686018427387904, got -1",
        ),
        (
            {"batch_key": "b", "device_time": True, "entries": []},
            "body.device_time must be a whole number from 0 to 4611686018427387904, got True",
        ),
        ({"batch_key": "b", "device_time": 1, "entries": {}}, "body.entries must be a list"),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(op_id=None)]},
            "entries[0].op_id must be an id (1-100 of A-Z a-z 0-9 . _ : -), got None",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(entity=3)]},
            "entries[0].entity must be text",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(s="yesterday")]},
            "entries[0].s is not a clock stamp: 'yesterday'",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(fields={})]},
            "entries[0].fields is empty",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(fields={"title": {"v": 1}})]},
            "entries[0].fields.title.s is missing (and the entry has no default s)",
        ),
        (
            {
                "batch_key": "b",
                "device_time": 1,
                "entries": [_entry(fields={"title": {"v": [1], "s": S1}})],
            },
            "entries[0].fields.title.v must be text, a number, true/false or null",
        ),
        (
            {
                "batch_key": "b",
                "device_time": 1,
                "entries": [_entry(fields={"title": {"v": 1, "s": S1, "z": 0}})],
            },
            "entries[0].fields.title has unknown keys: z",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(resolves="c-1")]},
            "entries[0].resolves must be a list of at most 100 conflict ids",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(resolves=["c"] * 101)]},
            "entries[0].resolves must be a list of at most 100 conflict ids",
        ),
        (
            {"batch_key": "b", "device_time": 1, "entries": [_entry(resolves=["c d"])]},
            "entries[0].resolves[0] must be an id (1-100 of A-Z a-z 0-9 . _ : -), got 'c d'",
        ),
    ],
)
def test_each_malformed_push_is_refused_by_name(body, message):
    with pytest.raises(wire.WireError) as caught:
        wire.parse_push(body)
    assert str(caught.value) == message


def test_too_many_entries_or_too_long_a_value_is_too_large():
    with pytest.raises(wire.TooLargeError, match="2001 entries in one push; at most 2000"):
        wire.parse_push({"batch_key": "b", "device_time": 1, "entries": [{}] * 2001})
    long = {"title": {"v": "x" * (wire.MAX_VALUE_CHARS + 1), "s": S1}}
    with pytest.raises(wire.TooLargeError, match="longer than 1000000 characters"):
        wire.parse_entry(_entry(fields=long), "e")
    exact = {"title": {"v": "x" * wire.MAX_VALUE_CHARS, "s": S1}}
    assert wire.parse_entry(_entry(fields=exact), "e").fields["title"].value == exact["title"]["v"]


def test_a_body_goes_through_gzip_and_json_and_back():
    value = {"title": "Inondé", "n": [1, 2.5, None, True]}
    data = wire.encode_body(value)
    assert gzip.decompress(data) == b'{"title":"Inond\xc3\xa9","n":[1,2.5,null,true]}'
    assert wire.encode_body(value) == data  # no time stamp inside: the same bytes each time
    assert wire.decode_body(data, gzipped=True) == value
    assert wire.decode_body(gzip.decompress(data), gzipped=False) == value


def test_bad_bodies_are_named():
    with pytest.raises(wire.WireError, match="body is not valid JSON"):
        wire.decode_body(b"{", gzipped=False)
    with pytest.raises(wire.WireError, match="body is not valid gzip data"):
        wire.decode_body(b"not gzip", gzipped=True)
    with pytest.raises(wire.WireError, match=r"^body is truncated gzip data$"):
        wire.decode_body(wire.encode_body({"a": "b" * 100})[:-8], gzipped=True)
    with pytest.raises(wire.TooLargeError, match=r"^body decompresses to more than 10 bytes$"):
        wire.gunzip_limited(gzip.compress(b"x" * 11), 10)
    assert wire.gunzip_limited(gzip.compress(b"x" * 10), 10) == b"x" * 10
    big = b"x" * (wire.MAX_BODY_BYTES + 1)
    with pytest.raises(wire.TooLargeError, match=f"body of {len(big)} bytes is over the limit"):
        wire.decode_body(big, gzipped=False)


def test_a_record_is_pulled_with_its_most_common_stamp_and_expands_back():
    state = {"title": ("a", S1), "place": ("b", S1), "severity": (3, S2)}
    record = wire.compact_record("report", "r-1", "o-1", state)
    assert record == {
        "entity": "report", "id": "r-1", "operation_id": "o-1", "s": S1,
        "fields": {"title": "a", "place": "b", "severity": 3}, "stamps": {"severity": S2},
    }  # fmt: skip
    assert wire.expand_record(record) == state
    same = wire.compact_record("report", "r-1", "o-1", {"title": ("a", S1)})
    assert "stamps" not in same
    tie = wire.compact_record("report", "r-1", "o-1", {"title": ("a", S1), "place": ("b", S2)})
    assert tie["s"] == S2  # on a tie, the greater stamp: the same answer on every server


def _answer(**extra):
    record = wire.compact_record("report", "r-1", "o-1", {"title": ("a", S1)})
    return {"records": [record], "conflicts": [], "next": 5, "server_time": 9, "more": False,
            **extra}  # fmt: skip


def test_a_pull_answer_is_checked_before_use():
    assert wire.parse_pull_answer(_answer()) == _answer()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (_answer(records={}), "answer.records must be a list"),
        (_answer(conflicts=None), "answer.conflicts must be a list"),
        (_answer(next=-1), f"answer.next {TOO_BIG}, got -1"),
        (
            _answer(server_time="9"),
            "answer.server_time must be a whole number from 0 to 4611686018427387904, got '9'",
        ),
        (_answer(more=0), "answer.more must be true or false"),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "fields": {"title": "a"}}]),
            "answer.records[0].fields.title has no stamp",
        ),
        (
            _answer(
                records=[
                    {
                        "id": "r",
                        "operation_id": "o",
                        "fields": {"title": "a"},
                        "stamps": {"title": "x"},
                    }
                ]
            ),
            "answer.records[0].stamps.title is not a clock stamp: 'x'",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "s": S1, "fields": {"title": [1]}}]),
            "answer.records[0].fields.title must be text, a number, true/false or null",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "s": S1, "fields": {}}]),
            "answer.records[0].entity is missing",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o c", "s": S1, "fields": {}}]),
            f"answer.records[0].operation_id {ID} 'o c'",
        ),
    ],
)
def test_each_malformed_pull_answer_is_refused_by_name(answer, message):
    with pytest.raises(wire.WireError) as caught:
        wire.parse_pull_answer(answer)
    assert str(caught.value) == message


def test_a_pulled_record_of_the_wrong_kind_is_left_to_the_apply_not_the_page():
    bad = {"entity": "report", "id": "r", "operation_id": "o", "s": S1, "fields": {"title": 3}}
    assert wire.parse_pull_answer(_answer(records=[bad]))["records"] == [bad]  # set aside there
    with pytest.raises(wire.WireError, match=r"^answer\.records\[0\]\.entity must be text$"):
        wire.parse_pull_answer(_answer(records=[{**bad, "entity": 3}]))


def test_pull_parameters_and_the_batches_a_device_has():
    assert wire.pull_params(0, 1) == (0, 1) and wire.pull_params(7, 2000) == (7, 2000)
    for since, limit in ((0, 0), (0, 2001), (-1, 5)):
        with pytest.raises(wire.WireError):
            wire.pull_params(since, limit)
    assert wire.parse_have("") == frozenset() and wire.parse_have("12,40") == {12, 40}
    for bad in ("1,", "a", None, ",".join(["1"] * 101)):
        with pytest.raises(wire.WireError, match="have must be at most 100 batch numbers"):
            wire.parse_have(bad)
    assert wire.have_param([40, 12, 7]) == "7,12,40"
    assert wire.have_param(list(range(150, 0, -1))) == ",".join(map(str, range(1, 101)))


def test_stamps_and_digests_are_checked():
    assert wire.check_stamp(S1) == S1
    with pytest.raises(wire.WireError, match=r"^stamp is not a clock stamp: None$"):
        wire.check_stamp(None)  # a stamp is never optional unless said so
    with pytest.raises(wire.WireError, match=r"^e\.fields\.title\.s is not a clock stamp: None$"):
        wire.parse_entry({**_entry(s=S1), "fields": {"title": {"v": 1, "s": None}}}, "e")
    with pytest.raises(wire.WireError, match=r"^stamp is not a clock stamp: '1-2-3'$"):
        wire.check_stamp("1-2-3")
    digest = "a" * 64
    assert wire.check_sha256(digest) == digest
    with pytest.raises(wire.WireError, match="is not a sha256"):
        wire.check_sha256("A" * 64)


def _push(*entries, **body):
    return {"batch_key": "b", "device_time": 1, "entries": list(entries), **body}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"batch_key": "b", "entries": []}, "body.device_time is missing"),
        ({"batch_key": "b", "device_time": 1}, "body.entries is missing"),
        (_push(7), "entries[0] must be an object, not int"),
        (_push({**_entry(), "zz": 1, "yy": 2}), "entries[0] has unknown keys: yy, zz"),
        (_push({k: v for k, v in _entry().items() if k != "op_id"}), "entries[0].op_id is missing"),
        (
            _push({k: v for k, v in _entry().items() if k != "entity"}),
            "entries[0].entity is missing",
        ),
        (_push({k: v for k, v in _entry().items() if k != "id"}), "entries[0].id is missing"),
        (
            _push({k: v for k, v in _entry().items() if k != "operation_id"}),
            "entries[0].operation_id is missing",
        ),
        (
            _push({k: v for k, v in _entry().items() if k != "fields"}),
            "entries[0].fields is missing",
        ),
        (_push(_entry(id="a b")), f"entries[0].id {ID} 'a b'"),
        (_push(_entry(operation_id="a b")), f"entries[0].operation_id {ID} 'a b'"),
        (_push(_entry(b="x")), "entries[0].b is not a clock stamp: 'x'"),
        (_push(_entry(fields=[])), "entries[0].fields must be an object, not list"),
        (
            _push(_entry(fields={"title": "x"})),
            "entries[0].fields.title must be an object, not str",
        ),
        (_push(_entry(fields={"title": {"s": S1}})), "entries[0].fields.title.v is missing"),
        (
            _push(_entry(fields={"title": {"v": 1, "s": "x"}})),
            "entries[0].fields.title.s is not a clock stamp: 'x'",
        ),
        (
            _push(_entry(fields={"title": {"v": 1, "s": S1, "b": "x"}})),
            "entries[0].fields.title.b is not a clock stamp: 'x'",
        ),
    ],
)
def test_each_missing_or_malformed_part_of_a_push_is_named_where_it_is(body, message):
    with pytest.raises(wire.WireError) as caught:
        wire.parse_push(body)
    assert str(caught.value) == message


def test_unknown_keys_are_named_up_to_200_characters():
    keys = {f"k{n:03d}": 1 for n in range(100)}
    with pytest.raises(wire.WireError) as caught:
        wire.parse_push({**_push(), **keys})
    assert str(caught.value) == "body has unknown keys: " + ", ".join(sorted(keys))[:200]


def test_a_fields_own_base_wins_over_the_entrys():
    item = {**_entry(b=S3), "fields": {"title": {"v": "x", "s": S1, "b": S2}}}
    assert wire.parse_entry(item, "e").fields["title"] == wire.FieldWrite("x", S1, S2)


def test_the_limits_themselves_are_allowed():
    assert len(wire.parse_push(_push(*[_entry()] * wire.MAX_ENTRIES)).entries) == 2000
    resolves = [f"c{n}" for n in range(100)]
    assert len(wire.parse_entry(_entry(resolves=resolves), "e").resolves) == 100
    body = b'"' + b"x" * (wire.MAX_BODY_BYTES - 2) + b'"'
    assert len(wire.decode_body(body, gzipped=False)) == wire.MAX_BODY_BYTES - 2


def test_a_lone_surrogate_is_refused_as_not_unicode_and_a_pair_is_text():
    for escape in (rb"\ud800", rb"\udc00", rb"a\ud800b"):
        with pytest.raises(wire.WireError, match=r"^body holds text that is not Unicode \(a lone"):
            wire.decode_body(b'{"title": "' + escape + b'"}', gzipped=False)
    assert wire.decode_body(rb'{"title": "\ud83c\udf0a"}', gzipped=False) == {"title": "\U0001f30a"}


def test_only_gzip_is_taken_and_nothing_that_json_cannot_say_is_sent():
    import zlib

    with pytest.raises(wire.WireError, match="not valid gzip"):
        wire.decode_body(zlib.compress(b"{}"), gzipped=True)
    # a NaN is not JSON: it goes as null, and a body that says NaN or Infinity is refused
    assert wire.decode_body(wire.encode_body({"depth": float("nan")}), True) == {"depth": None}
    for text in (b'{"depth": NaN}', b'{"depth": Infinity}', b'{"depth": 1e400}'):
        with pytest.raises(wire.WireError, match="not valid JSON"):
            wire.decode_body(text, gzipped=False)
    assert wire.encode_body({})[4:8] == b"\0\0\0\0"  # no time in the header


def test_a_record_pulled_without_other_stamps_expands():
    record = wire.compact_record("report", "r-1", "o-1", {"title": ("a", S1)})
    assert wire.expand_record(record) == {"title": ("a", S1)}


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ([], "answer must be an object, not list"),
        ({k: v for k, v in _answer().items() if k != "records"}, "answer.records is missing"),
        ({k: v for k, v in _answer().items() if k != "next"}, "answer.next is missing"),
        (
            {k: v for k, v in _answer().items() if k != "server_time"},
            "answer.server_time is missing",
        ),
        (_answer(records=[3]), "answer.records[0] must be an object, not int"),
        (_answer(records=[{"operation_id": "o", "fields": {}}]), "answer.records[0].id is missing"),
        (_answer(records=[{"id": "r", "fields": {}}]), "answer.records[0].operation_id is missing"),
        (
            _answer(records=[{"id": "r c", "operation_id": "o", "fields": {}}]),
            f"answer.records[0].id {ID} 'r c'",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o"}]),
            "answer.records[0].fields is missing",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "fields": []}]),
            "answer.records[0].fields must be an object, not list",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "fields": {}, "stamps": []}]),
            "answer.records[0].stamps must be an object, not list",
        ),
        (
            _answer(records=[{"id": "r", "operation_id": "o", "fields": {}, "s": "x"}]),
            "answer.records[0].s is not a clock stamp: 'x'",
        ),
    ],
)
def test_each_missing_part_of_a_pull_answer_is_named(answer, message):
    with pytest.raises(wire.WireError) as caught:
        wire.parse_pull_answer(answer)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("since", "limit", "message"),
    [
        (-1, 5, f"since {TOO_BIG}, got -1"),
        (0, 0, "limit must be a whole number from 1 to 2000, got 0"),
    ],
)
def test_bad_pull_parameters_are_named(since, limit, message):
    with pytest.raises(wire.WireError) as caught:
        wire.pull_params(since, limit)
    assert str(caught.value) == message
