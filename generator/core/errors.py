"""The project's own error type: every failure names the file, the line and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Location = tuple[str | int, ...]
"""Where in a file a value stands: keys and list indexes, e.g. ``("claims", 2, "speaker")``."""
CROSS_REFERENCES = "cross_references"
"""The pydantic error type a model raises for problems between fields (unknown references,
duplicate ids); the model's ``cross_problems`` locates each one."""


def location_text(loc: Location) -> str:
    """``('claims', 2, 'speaker')`` → ``claims[2].speaker``, as a Problem's field."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def readable(text: str) -> str:
    """Text safe and legible on a terminal or in a log: bytes of a file name that are not
    UTF-8 (held as surrogates) become ``\\xNN``, control characters (an escape sequence
    in a file name would recolour or rewrite the terminal) their ``\\x..`` escapes."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 32 or 127 <= code < 160 or 0xD800 <= code <= 0xDFFF:
            out.append(repr(ch)[1:-1] if ch not in "\n\t" else " ")
        else:
            out.append(ch)
    return "".join(out)


def is_utf8_name(name: str) -> bool:
    """Whether a path (as Python decoded it from the file system) is valid UTF-8 text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, printed as ``file:line:col: field: message``."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    warning: bool = False
    """Nothing is lost and the rest builds, but someone should act (``--strict`` still fails)."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return readable(f"{where}: {what}")


class DigestError(Exception):
    """Raised for bad input; carries every problem found so all are reported at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(
        cls,
        file: str | Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> DigestError:
        return cls(Problem(str(file), message, line, column, field))
