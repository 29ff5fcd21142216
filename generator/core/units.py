"""Units that more than one stage reads: the currency signs extraction recognises and
rendering writes back ("$", "£"), declared once."""

from __future__ import annotations

CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR", "₩": "KRW"}
"""Currency sign → ISO 4217 code. A sign several currencies share ("$") reads as the
most common one; a prefix ("A$", "C$") is in the extractor's lexicon."""

CURRENCY_SIGNS = {code: sign for sign, code in CURRENCY_SYMBOLS.items()}
"""ISO 4217 code → the sign a reader expects in front of the amount."""


def is_money(unit: str | None) -> bool:
    """A currency code, alone or per something ("USD", "USD/ton")."""
    code = (unit or "").split("/", 1)[0]
    return len(code) == 3 and code.isalpha() and code.isupper()


HARM_UNITS = frozenset(
    """people persons civilians children women men deaths dead killed wounded injured casualties
victims hostages prisoners detainees refugees displaced evacuees missing""".split()
)
"""Counted nouns of people harmed or held: a figure in one of them is a headline number."""
