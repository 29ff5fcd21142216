import datetime as _dt
from pathlib import Path

import pytest

from generator.articles.ingest import read_article, strip_boilerplate
from generator.articles.metadata import infer_metadata
from generator.core.errors import DigestError
from generator.core.slugs import slugify


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_boilerplate_lines_and_linked_headlines_are_dropped():
    body = (
        "Ministers met on Monday.\n\nPrevious Article\n\nSome other story headline\n\nNext Article\n\n"
        "Yet another headline\n\nLeave a Comment\nStay tuned to example.org for more updates."
    )
    assert strip_boilerplate(body) == "Ministers met on Monday."


def test_front_matter_sets_metadata(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        "---\ntitle: Talks Resume\noutlet: Example Wire\nurl: https://example.org/a\n"
        "published: 2024-03-05\nauthor: A. Writer\n---\nThe talks resumed on Monday.\n",
    )
    article = read_article(path, tmp_path)
    assert (article.id, article.title, article.outlet, str(article.published)) == (
        "talks-resume",
        "Talks Resume",
        "Example Wire",
        "2024-03-05",
    )
    assert article.body == "The talks resumed on Monday."


def test_title_defaults_to_first_line(tmp_path):
    article = read_article(write(tmp_path, "b.txt", "Harbour Reopens\n\nThe harbour reopened today."), tmp_path)
    assert article.title == "Harbour Reopens" and article.id == "harbour-reopens"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "no text"),
        (b"  \n\t\n", "no text"),
        (b"abc\x00def", "binary"),
        ("---\ntitle: [broken\n---\nText here.", "front matter is not valid YAML"),
        ("---\npublished: next tuesday\n---\nText here.", "not an ISO date"),
        ("---\nurl: javascript:alert(1)\n---\nText here.", "must be an http(s) URL"),
    ],
)
def test_bad_articles_raise_named_errors(tmp_path, content, message):
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(DigestError) as info:
        read_article(path, tmp_path)
    assert "bad.txt" in str(info.value) and message in str(info.value)


def test_cp1252_and_bom_and_crlf_decode(tmp_path):
    article = read_article(
        write(tmp_path, "c.txt", "\ufeffCaf\u00e9 talks\r\n\r\nThey met.\r\n".encode("utf-8")), tmp_path
    )
    assert article.title == "Café talks" and "\r" not in article.body
    article = read_article(write(tmp_path, "d.txt", "Na\u00efve \u201cplan\u201d\n".encode("cp1252")), tmp_path)
    assert article.title == "Naïve “plan”"


def test_slugs_never_escape_their_folder():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Kyiv’s “Plan” — 2024") == "kyivs-plan-2024"


def test_front_matter_is_yaml_1_2_with_duplicate_keys_refused(tmp_path):
    """One loader for front matter and briefs: "NO" (Norway's code) and "Yes" stay text,
    "1:30" is not 90, and a key given twice is an error naming its line."""
    import pytest

    from generator.core.errors import DigestError

    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Yes\noutlet: NO\nauthor: 1:30\n---\nText of it.\n", encoding="utf-8")
    read = read_article(article, tmp_path)
    assert (read.title, read.outlet, read.author) == ("Yes", "NO", "1:30")
    article.write_text("---\ntitle: One\nurl: https://a.example/\ntitle: Two\n---\nText.\n", encoding="utf-8")
    with pytest.raises(DigestError, match=r"a.md:4:1: front matter is not valid YAML: duplicate key 'title'"):
        read_article(article, tmp_path)


# --- what an article says about itself (issue 11: outlet, date, author) -------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("OSLO, June 3 (Reuters) - Ferry fares rose on Monday.", {"outlet": "Reuters"}),
        ("NAIROBI (AP) — Rains flooded the valley.", {"outlet": "AP"}),
        ("The valley flooded.\n\nStay tuned to harbour-news.example for updates.", {"outlet": "harbour-news.example"}),
        ("The valley flooded.\n\n© 2023 Valley Media Group. All rights reserved.", {"outlet": "Valley Media Group"}),
        (
            "Floods in the valley\nBy Amina Yusuf\nPublished: 14 May 2023\n\nRains flooded the valley.",
            {"author": "Amina Yusuf", "published": _dt.date(2023, 5, 14)},
        ),
        ("Floods in the valley\n2023-05-14\n\nRains flooded the valley.", {"published": _dt.date(2023, 5, 14)}),
    ],
)
def test_an_article_states_its_outlet_date_and_author(text, expected):
    assert infer_metadata(text) == expected


def test_a_date_in_the_story_or_an_impossible_date_is_not_its_publication_date():
    prose = (
        "Shares had their best day since they rose a record 18% on Oct. 6, 1999, a gain no analyst expected "
        "at the time.\n\nThe company said more."
    )
    assert "published" not in infer_metadata(prose)
    assert "published" not in infer_metadata("Floods\nUpdated 2023-02-30\n\nText.")


def test_front_matter_wins_over_what_the_text_says(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\noutlet: Valley Herald\n---\nOSLO, June 3 (Reuters) - Ferry fares rose.\n", encoding="utf-8")
    assert read_article(path, tmp_path).outlet == "Valley Herald"
    path.write_text("OSLO, June 3 (Reuters) - Ferry fares rose.\n", encoding="utf-8")
    assert read_article(path, tmp_path).outlet == "Reuters"


def test_large_html_pages_ingest_in_linear_time_and_are_bounded():
    """20k paragraphs took 10 s and 80k over 300 s: the parser's time grows at most linearly
    by ratio, and past MAX_HTML_CHARS the page is cut before any parser sees it."""
    import time

    from generator.articles.ingest import MAX_HTML_CHARS, html_to_text

    def page(n: int) -> str:
        return (
            "<html><body>"
            + "".join(f"<div><p>Paragraph {i} says the council met.</p></div>" for i in range(n))
            + "</body></html>"
        )

    def seconds(n: int) -> float:
        started = time.perf_counter()
        html_to_text(page(n), "big.html")
        return time.perf_counter() - started

    small, large = seconds(2000), seconds(8000)
    assert large / small < 10  # 4x the page: linear is 4x, quadratic 16x
    huge = page(MAX_HTML_CHARS // 40)  # well past the bound
    assert len(huge) > MAX_HTML_CHARS
    _meta, body = html_to_text(huge, "huge.html")
    assert body and len(body) < MAX_HTML_CHARS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_articles_are_read_not_refused_as_binary(tmp_path, encoding):
    from generator.articles.ingest import read_article

    text = "Harbour Deal\n\nMayor Ines Dahl said the harbour would reopen in May. Café prices rose 3%.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path, tmp_path)
    assert article.title == "Harbour Deal" and "Café prices rose 3%" in article.body
