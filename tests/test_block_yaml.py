"""The fast writer of plain YAML writes byte for byte what ruamel writes, or leaves the
document to ruamel; what it writes reads back as the same data."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.block_yaml import NotPlain, block_yaml
from generator.core.store import _yaml, _Yaml12Resolver, dumps, load_plain

ROOT = Path(__file__).resolve().parent.parent


def ruamel_text(data) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def fast_text(data) -> str | None:
    try:
        return block_yaml(data, _Yaml12Resolver())
    except NotPlain:
        return None


# Strings built from the characters that decide quoting: indicators, quotes, colons,
# hashes, dashes, spaces, digits, words that read as other types, and non-ASCII text.
PIECES = st.sampled_from(
    [
        "a",
        "Kyiv",
        "’s",
        "'",
        '"',
        ":",
        ": ",
        " #",
        "#",
        "-",
        "- ",
        "?",
        "? ",
        ",",
        "[",
        "]",
        "{",
        "}",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\\",
        " ",
        "1",
        "0o17",
        "0x1F",
        "1:30",
        "1e3",
        "2024-05-01",
        "true",
        "NO",
        "null",
        "~",
        "---",
        "...",
        ".5",
        "=",
        "<<",
        "é",
        "新华社",
        "\u00a0",
        "\t",
        "\n",
        "a" * 1200,
    ]
)
STRINGS = st.lists(PIECES, max_size=6).map("".join)
SCALARS = st.one_of(
    STRINGS,
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
KEYS = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
ITEMS = st.dictionaries(KEYS, st.one_of(SCALARS, st.lists(STRINGS, max_size=3)), max_size=4)
DOCUMENTS = st.dictionaries(
    KEYS, st.one_of(SCALARS, st.lists(st.one_of(ITEMS, STRINGS), max_size=3), ITEMS), min_size=1, max_size=5
)


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_random_plain_data_is_written_as_ruamel_writes_it(data):
    fast = fast_text(data)
    if fast is not None:
        assert fast == ruamel_text(data)
        assert load_plain(fast) == data


@settings(max_examples=300, deadline=None)
@given(STRINGS)
def test_every_string_is_written_as_ruamel_writes_it_or_left_to_ruamel(text):
    fast = fast_text({"text": text, "items": [{"id": "x", "text": text}]})
    if fast is not None:
        assert fast == ruamel_text({"text": text, "items": [{"id": "x", "text": text}]})
    elif text.isprintable() and len(text) <= 1000:
        pytest.fail(f"a printable one-line string left to ruamel: {text!r}")


@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*/*.yml")), ids=lambda p: p.name[:40])
def test_the_committed_briefs_and_bases_are_written_byte_for_byte(path):
    data = load_plain(path.read_text(encoding="utf-8"))
    assert fast_text(data) == ruamel_text(data)


def test_what_it_leaves_to_ruamel_is_still_written():
    data = {"evidence": "two\nlines", "value": 1e300, "nested": [[1, 2]]}
    assert fast_text(data) is None
    assert dumps(data) == ruamel_text(data) and load_plain(dumps(data)) == data
