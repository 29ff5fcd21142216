"""Ingest: read an article file, decode it, split its front matter, and drop site
boilerplate, so extraction sees only the article's own words."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from generator.articles.metadata import infer_metadata
from generator.core.errors import DigestError, Problem, is_utf8_name
from generator.core.model import normalise_http_url
from generator.core.slugs import has_word, slugify
from generator.core.store import parse_yaml, read_input, to_plain, write_bytes_atomic
from generator.core.textpatterns import article_pattern

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
FRONT_MATTER_KEYS = {"id", "title", "outlet", "url", "published", "author"}

# Lines that belong to the page around an article, not to the article: navigation,
# comment forms, share buttons and sign-offs of news sites.
BOILERPLATE_LINE = article_pattern(
    r"""^\s*(
        (previous|next)\s+(article|post|story)
      | (write|leave|post|add)\s+a\s+(comment|reply)
      | comments?\s*(\(\d+\))?
      | share\s+(this|on)\b.*
      | (related|recommended|popular)\s+(articles|posts|stories|news)
      | read\s+(more|also)\s*:?
      | (sign\s+up|subscribe)\b.*newsletter.*
      | stay\s+tuned\s+(to|for)\b.*
      | follow\s+us\s+on\b.*
      | advertisement
      | (all\s+rights\s+reserved|copyright\s+©).*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# After "Previous Article"/"Next Article" the next line is the linked headline of another story.
LINKED_HEADLINE_AFTER = article_pattern(r"^\s*(previous|next)\s+(article|post|story)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One decoded article: the text extraction reads and the metadata a brief records."""

    id: str
    file: str
    sha256: str
    title: str
    body: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    meta: dict = field(default_factory=dict)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer detects
    (Windows-1252, Latin-1, …); binary data is refused."""
    wide = _wide_encoding(raw)
    if wide is None and b"\x00" in raw:
        raise DigestError.at(name, "binary file (NUL bytes): not an article")
    try:
        text = raw.decode(wide or "utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = _legacy_decode(raw)
        if legacy is None:
            raise DigestError.at(
                name, f"cannot decode: not UTF-8 (byte {exc.start}) and no other encoding fits"
            ) from exc
        text = legacy
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise DigestError.at(name, f"binary file ({controls} control characters): not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 (Windows tools save text so): by its byte-order mark, or, without
    one, by NUL bytes on every other position of mostly-ASCII text. None for anything else."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return encoding
    sample = raw[:4000]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return None


def _legacy_decode(raw: bytes) -> str | None:
    """Mostly-ASCII text with a few special bytes is Windows-1252 (the usual legacy encoding
    of Western news, which detectors confuse with others on short texts); anything else
    is left to charset-normalizer."""
    ascii_share = sum(b < 128 for b in raw) / max(1, len(raw))
    if ascii_share > 0.6:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    guess = charset_normalizer.from_bytes(raw).best()
    return None if guess is None else str(guess)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or (head.startswith("<") and "<body" in text[:20000].lower())


MAX_HTML_CHARS = 2_000_000
"""An HTML page is cut to this many characters (at a tag) before any parser sees it: news
pages are far smaller, and the parser's time must not grow without bound with one file."""


def html_to_text(text: str, name: str) -> tuple[dict, str]:
    """An HTML page instead of plain text: its article text and metadata, via trafilatura."""
    import trafilatura

    if len(text) > MAX_HTML_CHARS:
        cut = text.rfind("<", 0, MAX_HTML_CHARS)
        text = text[: cut if cut > MAX_HTML_CHARS // 2 else MAX_HTML_CHARS]
    document = trafilatura.bare_extraction(text, with_metadata=True, favor_precision=True)
    body = getattr(document, "text", None) or ""
    if not re.search(r"\w", body):
        raise DigestError.at(name, "HTML page with no article text in it")
    meta = {key: getattr(document, key, None) for key in ("title", "author", "url")}
    meta["published"] = getattr(document, "date", None)
    meta["outlet"] = getattr(document, "sitename", None)
    return {k: v for k, v in meta.items() if v}, body


def split_front_matter(text: str, name: str) -> tuple[dict, str, int]:
    """Split ``---``-fenced YAML front matter; returns (meta, body, lines before body)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---", 4)
    if end == -1:
        raise DigestError.at(name, "front matter opened with '---' is never closed", 1, 1)
    block = text[4:end]
    try:
        meta = to_plain(parse_yaml(block, name, first_line=2)) or {}
    except DigestError as exc:
        problem = exc.problems[0]
        if problem.line is None:  # a value the loader could not build ("2024-02-30")
            raise DigestError.at(
                name, f"front matter: {problem.message.removeprefix('YAML: ')}", _front_matter_line(text, "published")
            ) from exc
        message = problem.message.removeprefix("YAML syntax: ").removeprefix("YAML: ")
        raise DigestError.at(name, f"front matter is not valid YAML: {message}", problem.line, problem.column) from exc
    if not isinstance(meta, dict):
        raise DigestError.at(name, "front matter must be a mapping of keys to values", 2)
    unknown = sorted(str(k) for k in meta if k not in FRONT_MATTER_KEYS)
    if unknown:
        raise DigestError.at(
            name,
            f"unknown front matter key(s): {', '.join(unknown)}; allowed: {', '.join(sorted(FRONT_MATTER_KEYS))}",
            2,
        )
    rest = text[end + 4 :]
    rest = rest.split("\n", 1)[1] if "\n" in rest else ""
    return meta, rest, text[: len(text) - len(rest)].count("\n")


def _front_matter_line(text: str, key: str) -> int:
    """The line of ``key:`` in the front matter, for error messages (2 when not found)."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 2


def strip_boilerplate(body: str) -> str:
    """Drop navigation, comment and sign-off lines; keep every other line verbatim."""
    kept: list[str] = []
    skip_next_headline = False
    for line in body.split("\n"):
        if skip_next_headline and line.strip():
            skip_next_headline = False
            continue
        if LINKED_HEADLINE_AFTER.match(line):
            skip_next_headline = True
            continue
        if BOILERPLATE_LINE.match(line):
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def _date(value: object, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise DigestError.at(name, f"front matter 'published': {value!r} is not an ISO date (YYYY-MM-DD)", 2) from exc


def _title(meta: dict, body: str) -> str:
    """Front matter title, else the first line when it reads like a headline."""
    if meta.get("title"):
        return " ".join(str(meta["title"]).split())
    for line in body.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 120 else line[:100].rsplit(" ", 1)[0] + "…"
    return ""


def read_article(path: Path, root: Path) -> Article:
    """Read one article file into an :class:`Article`; bad input raises :class:`DigestError`."""
    name = _relative(path, root)
    if not is_utf8_name(name):
        raise DigestError.at(name, "the file name is not valid UTF-8 (shown with \\x escapes); rename the file")
    raw = read_input(path, name, MAX_ARTICLE_BYTES)
    text = decode(raw, name)
    meta, body, _ = split_front_matter(text, name)
    if looks_like_html(body):
        html_meta, body = html_to_text(body, name)
        meta = {**{k: v for k, v in html_meta.items() if v is not None}, **meta}
    meta = {**infer_metadata(body), **meta}  # what the text says of itself, unless metadata says it
    body = strip_boilerplate(body)
    if not re.search(r"\w", body):
        raise DigestError.at(name, "article has no text")
    title = _title(meta, body)
    named = str(meta.get("id") or title)
    article_id = slugify(named if has_word(named) or not has_word(path.stem) else path.stem)
    if not article_id:
        raise DigestError.at(name, "cannot make an id from the title or file name; set 'id' in front matter")
    url = meta.get("url")
    if url is not None:
        try:
            url = normalise_http_url(str(url))
        except ValueError as exc:
            raise DigestError.at(name, f"front matter 'url': {exc}", _front_matter_line(text, "url")) from None
    return Article(
        id=article_id,
        file=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=title,
        body=body,
        outlet=_optional_str(meta.get("outlet")),
        url=_optional_str(url),
        published=_date(meta.get("published"), name),
        author=_optional_str(meta.get("author")),
        meta=meta,
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def find_articles(paths: list[Path]) -> list[Path]:
    """Expand files and folders into article files, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and _is_regular(p))
        elif path.is_symlink():
            raise DigestError.at(path, "is a symbolic link; copy the article itself into content/articles")
        elif path.is_file():
            found.add(path)
        else:
            raise DigestError.at(path, "no such file or folder")
    return sorted(found)


def import_articles(paths: list[Path], articles: Path) -> tuple[list[Path], list[Problem]]:
    """The articles under ``paths``, each inside ``articles``: a file from elsewhere (an
    inbox, a download folder) is copied in first, so a brief's ``source.file`` always
    points inside the project and check, build and the site find it. A different file
    of the same name already there is refused, never overwritten, and reported; the
    others go on. The same file again is a no-op."""
    inside = articles.resolve()
    imported: list[Path] = []
    refused: list[Problem] = []
    for path in find_articles(paths):
        if path.resolve().is_relative_to(inside):
            imported.append(path)  # already the project's: nothing to read or copy
            continue
        target, data = articles / path.name, path.read_bytes()
        if target.exists() and target.read_bytes() != data:
            refused.append(
                Problem(
                    str(path),
                    f"cannot be copied into the project's articles: a different "
                    f"{path.name} is already there; rename one of them",
                )
            )
        else:
            write_bytes_atomic(target, data)
            imported.append(target)
    return imported, refused


def _is_regular(path: Path) -> bool:
    """A regular file, not a link: a link in content/articles could publish a file from
    anywhere on the machine (/etc/passwd, a private note) as an article."""
    return path.is_file() and not path.is_symlink()
