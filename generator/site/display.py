"""Numbers as readers write them: "$350bn", "£8bn", "3.7%", "31,680 troops".

A brief stores a figure's value fully expanded (3.5e11, unit USD) so that figures can be
compared, sorted and exported; a page shows it the way a newspaper would."""

from __future__ import annotations

import datetime as dt

from generator.core.model import Figure
from generator.core.units import CURRENCY_SIGNS, is_money

MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
COUNT_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))


def plain_number(value: float, decimals: int = 2) -> str:
    """Thousands separated, no exponent, no trailing zeros: 31680 → "31,680", 3.70 → "3.7"."""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(value: float, scales: tuple[tuple[float, str], ...]) -> str:
    for size, suffix in scales:
        if abs(value) >= size:
            return plain_number(value / size) + suffix
    return plain_number(value)


def amount(value: float, unit: str | None) -> str:
    """One value in its unit, as written in prose."""
    if unit == "percent":
        return f"{plain_number(value)}%"
    if unit == "fraction":
        return f"{plain_number(value * 100, 1)}%"
    if unit == "ratio":
        return f"{plain_number(value)} to 1"
    if unit == "times":
        return f"{plain_number(value)}×"
    if is_money(unit):
        code, _, denominator = (unit or "").partition("/")
        sign = CURRENCY_SIGNS.get(code)
        number = _scaled(value, MONEY_SCALES) if abs(value) >= 1e6 else plain_number(value)
        text = f"{sign}{number}" if sign else f"{code} {number}"
        return f"{text} per {denominator}" if denominator else text
    number = _scaled(value, COUNT_SCALES)
    return f"{number} {unit}" if unit else number


def figure_value(figure: Figure) -> str:
    """A figure's value for a page: its range, hedge and rate included ("about $5bn–$8bn
    a year" reads "≈ $5bn–$8bn per year")."""
    text = amount(figure.value, figure.unit)
    if figure.value_max is not None:
        high, bare = amount(figure.value_max, figure.unit), amount(figure.value_max, None)
        unit_after = high[len(bare) :] if high.startswith(bare) else ""  # " years", "%"; none for "$8bn"
        low = text[: -len(unit_after)] if unit_after and text.endswith(unit_after) else text
        text = f"{low}–{high}"  # "10–20 years", "2–3%", but "$5bn–$8bn"
    if figure.per:
        text = f"{text} per {figure.per}"
    return f"≈ {text}" if figure.approx else text


def evidence_adds(text: str, evidence: str) -> bool:
    """Whether a claim's evidence sentence tells a reader more than the claim's own text:
    not when it is the same words, or those words with only an attribution around them
    ("…,” she said), so a quotation is never printed twice."""
    said = set(_words(text))
    extra = [w for w in _words(evidence) if w not in said]
    return (bool(said) and len(extra) > EVIDENCE_EXTRA_WORDS) or not said


EVIDENCE_EXTRA_WORDS = 4
"""Words beyond the claim's own an evidence sentence needs before it is shown beside it."""


def _words(text: str) -> list[str]:
    return "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()


def long_date(day: dt.date) -> str:
    """A date as a reader writes it, the same in every locale: "4 March 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
