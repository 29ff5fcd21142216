"""One meaning for a YAML file, whichever path reads it: the fast C path and the
round-trip path (used for errors and merges) both follow YAML 1.2."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.core.model import Brief
from generator.core.store import load_model, load_plain

SCALARS = [
    "1:30",
    "NO",
    "no",
    "yes",
    "On",
    "off",
    "y",
    "017",
    "010",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "-12",
    "+3",
    "3.5",
    ".5",
    "1e3",
    "-.inf",
    ".nan",
    "~",
    "null",
    "",
    "true",
    "True",
    "TRUE",
    "tRuE",
    "2024-03-05",
    "12:30:45",
    "1.",
    "+.5",
    "=",
    "<<",
]


def round_trip(text: str):
    return YAML(typ="rt").load(io.StringIO(text))


def same(a, b) -> bool:
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    return a == b and isinstance(a, bool) == isinstance(b, bool) and isinstance(a, str) == isinstance(b, str)


@pytest.mark.parametrize("scalar", SCALARS)
def test_fast_and_round_trip_paths_read_a_scalar_alike(scalar):
    text = f"x: {scalar}\n"
    try:
        fast = load_plain(text)["x"]
    except Exception:
        return
    assert same(fast, round_trip(text)["x"]), scalar


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789._-+:eEoxbOnNyYsStTrRuUfFaAlL~", min_size=1, max_size=8))
def test_any_short_scalar_reads_alike(scalar):
    text = f"x: {scalar}\n"
    try:
        fast = load_plain(text)["x"]
        careful = round_trip(text)["x"]
    except Exception:
        return
    if type(careful).__name__ in ("TaggedScalar",):
        return
    assert same(fast, careful), scalar


def test_a_brief_with_yaml_1_1_traps_reads_as_written(tmp_path):
    path = tmp_path / "clock.yml"
    path.write_text(
        "id: clock\ntitle: 1:30\nsource:\n  file: content/articles/clock.txt\n  sha256: '" + "0" * 64 + "'\n"
        "actors:\n  - id: norway\n    name: Norway\n    type: country\n    aliases: [NO, Norge]\n",
        encoding="utf-8",
    )
    brief = load_model(path, Brief)
    assert brief.title == "1:30" and brief.actors[0].aliases == ["NO", "Norge"]


def test_a_sexagesimal_number_is_text_and_refused_where_a_number_belongs(tmp_path):
    """YAML 1.1 (PyYAML's default) read ``1:30`` as 90, so the fast path accepted this figure
    with a value nobody wrote, while the careful path refused it."""
    from generator.core.errors import DigestError

    path = tmp_path / "clock.yml"
    path.write_text(
        "id: clock\ntitle: Clock\nsource:\n  file: content/articles/clock.txt\n  sha256: '" + "0" * 64 + "'\n"
        "figures:\n  - id: f-1\n    text: '1:30'\n    value: 1:30\n    evidence: It took 1:30.\n",
        encoding="utf-8",
    )
    with pytest.raises(DigestError) as raised:
        load_model(path, Brief)
    assert "figures[0].value" in str(raised.value) and ":9:" in str(raised.value)
