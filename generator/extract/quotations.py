"""Quotations: the passages an article puts in quotation marks, found once and read
by claims (who said it), scenarios (units of text) and judgments (the author's own
voice is what lies outside them).

News quotes run over several sentences, and a quotation that runs over several
paragraphs opens each paragraph with a mark and closes only at its end; a passage
of fewer than three words is a scare quote ("reset"), not a quotation."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

# Each opening mark and the marks that may close it: typed text mixes straight and
# curly marks ("I don’t think so,” he said), so either closes the other.
QUOTE_PAIRS = {"“": '”"', '"': '"”', "«": "»", "„": '“"'}
MIN_QUOTE_WORDS = 3
# What may stand just before a quotation that is direct speech (not a phrase quoted
# inside the reporter's own sentence): a paragraph or sentence start, a colon, a comma.
DIRECT_SPEECH_BEFORE = frozenset("\n:,.!?;—–-(")


@dataclass(frozen=True)
class Quotation:
    start: int  # character offsets of the quoted words, inside the marks
    end: int
    direct: bool  # direct speech, not a phrase quoted inside the reporter's sentence

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())

    def covers(self, char: int) -> bool:
        return self.start <= char < self.end


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _is_direct(text: str, opener: int) -> bool:
    before = text[:opener].rstrip(" \t")
    return not before or before[-1] in DIRECT_SPEECH_BEFORE


def find_quotations(text: str) -> list[Quotation]:
    """Quoted passages of three words or more, in order. A mark that opens a paragraph
    and is not closed in it quotes the rest of the paragraph (multi-paragraph quotes)."""
    quotations: list[Quotation] = []
    i = 0
    while i < len(text):
        closers = QUOTE_PAIRS.get(text[i])
        if closers is None:
            i += 1
            continue
        paragraph_end = _paragraph_end(text, i)
        end = min((at for c in closers if (at := text.find(c, i + 1, paragraph_end)) != -1), default=-1)
        if end == -1:
            if not _opens_paragraph(text, i):
                i += 1
                continue
            end = paragraph_end
        quotation = Quotation(i + 1, end, _is_direct(text, i))
        if quotation.words(text) >= MIN_QUOTE_WORDS:
            quotations.append(quotation)
        i = end + 1
    return quotations


def _opens_paragraph(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip()


def quotation_at(char: int, quotations: list[Quotation]) -> Quotation | None:
    """The quotation around ``char``, by binary search (quotations are in order and apart)."""
    index = bisect_right(quotations, char, key=lambda q: q.start) - 1
    return quotations[index] if index >= 0 and quotations[index].covers(char) else None


def overlaps(start: int, end: int, quotations: list[Quotation]) -> bool:
    """Does any quotation touch the characters [start, end)?"""
    if quotation_at(start, quotations) is not None:
        return True
    index = bisect_right(quotations, start, key=lambda q: q.start)
    return index < len(quotations) and quotations[index].start < end
