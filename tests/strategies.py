"""Hypothesis strategies for hostile and careless input, shared by the property tests
and the long fuzz run (``benchmarks/fuzz_inputs.py``): random text and YAML, article
front matter, and the three registries in shapes close enough to the real ones that
the fuzz reaches the validators, not only the parser."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

from generator.articles.ingest import FRONT_MATTER_KEYS
from generator.core.model import Outlet, RegistryActor, Topic

news_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)

# Plain scalars that YAML 1.1 and 1.2 read differently, impossible dates, and the like.
tricky_scalars = st.sampled_from(
    [
        "NO",
        "Yes",
        "off",
        "~",
        "null",
        "1:30",
        "012",
        "0x1F",
        "1e3",
        ".inf",
        "2024-02-30",
        "2024-13-01",
        "0000-00-00",
        "2024-02-29",
        "1999-12-31T25:61:00",
        "'",
        '"',
        "[",
        "{",
        "&a",
        "*a",
        "!!python/object:os.system",
        "- a",
        "? b",
        "|",
        ">",
        "%TAG",
        "@x",
        "`x`",
        "a: b",
        "#x",
        "https://a.example/\n[x]: y",
        "javascript:alert(1)",
        "ТАСС",
        "新华社",
        "İndex",
        "ＩＮＤＥＸ",
        "index",
        "\u202e",
        "\x00",
        "",
    ]
)

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30) | tricky_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def _fields_of(*models) -> list[str]:
    return sorted({name for model in models for name in model.model_fields})


def _entry(valid: dict, keys: list[str]) -> st.SearchStrategy[dict]:
    """A valid entry with a few of its model's fields (rarely a stranger) set to any value,
    so most cases get past the parser and the required fields to the validators."""
    changes = st.dictionaries(
        st.sampled_from(keys) | st.text(max_size=8).filter(lambda k: k not in keys),
        tricky_scalars | st.text(max_size=40) | yaml_values,
        max_size=2,
    )
    return changes.map(lambda change: {**valid, **change})


def _plain_line(key: str, value: str) -> str:
    return f"{key}: {value}"


front_matter_mapping = st.dictionaries(
    st.sampled_from(sorted(FRONT_MATTER_KEYS)), tricky_scalars | st.text(max_size=40) | yaml_values, max_size=6
)
front_matter_lines = st.lists(
    st.builds(_plain_line, st.sampled_from(sorted(FRONT_MATTER_KEYS)), tricky_scalars | st.text(max_size=40)),
    max_size=6,
)


@st.composite
def front_matter_articles(draw) -> str:
    """An article with front matter: dumped structures, raw ``key: value`` lines, or any text."""
    block = draw(
        st.one_of(
            front_matter_mapping.map(lambda m: yaml.safe_dump(m, allow_unicode=True)),
            front_matter_lines.map("\n".join),
            news_text,
        )
    )
    body = draw(st.sampled_from(["Harbour talks stall\n\nThe council said the port would close.", "", "---", "x"]))
    return f"---\n{block}\n---\n{body}"


REGISTRY_SHAPES = {
    "actors.yml": ("actors", {"id": "ines-dahl", "name": "Ines Dahl", "type": "person"}, _fields_of(RegistryActor)),
    "topics.yml": ("topics", {"id": "harbour", "title": "Harbour", "terms": ["port"]}, _fields_of(Topic)),
    "sources.yml": ("sources", {"id": "daily-wire", "name": "Daily Wire"}, _fields_of(Outlet)),
}


@st.composite
def registry_documents(draw) -> tuple[str, str]:
    """(file name, YAML text) for one registry: its list of near-real entries, any YAML
    structure, or any text."""
    name = draw(st.sampled_from(sorted(REGISTRY_SHAPES)))
    key, valid, fields = REGISTRY_SHAPES[name]
    shaped = st.lists(_entry(valid, fields), max_size=4).map(lambda entries: {key: entries})
    document = draw(
        st.one_of(
            shaped.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
            yaml_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
            news_text,
        )
    )
    return name, document
