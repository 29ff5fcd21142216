"""The judgments an article passes on a scenario ("untenable", "necessary", "likely"),
each with what it says about the scenario. Extraction reads the words; the site groups
who backs and who rejects a proposal by their polarity. Declared once, here."""

from __future__ import annotations

STANCE_POLARITY = {
    **dict.fromkeys(
        """acceptable viable realistic feasible necessary crucial essential vital best preferable
promising sensible reasonable""".split(),
        "backs",
    ),
    **dict.fromkeys(
        """untenable unacceptable unviable unrealistic infeasible impossible dangerous risky reckless
worst hopeless doomed unreasonable absurd naive""".split(),
        "rejects",
    ),
    **dict.fromkeys("possible likely".split(), "expects"),
    **dict.fromkeys("unlikely".split(), "doubts"),
}


def stance_polarity(stance: str | None) -> str | None:
    """ "backs", "rejects", "expects" or "doubts" for a known judgment word, else None."""
    return STANCE_POLARITY.get((stance or "").strip().lower())
