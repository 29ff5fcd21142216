"""Atom feeds: one for the whole digest, one per topic and one per actor, so an analyst
follows a subject in a feed reader instead of revisiting pages.

Built with feedgen. An entry is a brief: its title, summary, outlet, topics and whether an
editor reviewed it. Dates come from the briefs alone (an undated brief takes the newest
date the digest knows), so two builds of the same content give the same bytes. Text from
articles and YAML is untrusted: feedgen escapes it for XML, and characters XML cannot
carry at all are dropped first."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

from feedgen.feed import FeedGenerator

from generator.content.merge import Digest
from generator.core.fingerprint import digest_of, site_code_digest
from generator.core.model import Brief
from generator.core.store import ResultCache

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
EPOCH = dt.date(1970, 1, 1)
FEED_ID_NAMESPACE = uuid.UUID("9b7c2f0e-6a51-4c1e-9a57-1f6c8e0d2b44")  # this project's, for stable ids


def xml_text(value: object) -> str:
    """Text XML 1.0 can carry: control characters and lone surrogates dropped."""
    return NOT_XML.sub("", " ".join(str(value or "").split()))


def _stable_id(kind: str, key: str) -> str:
    return uuid.uuid5(FEED_ID_NAMESPACE, f"{kind}/{key}").urn


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _newest_first(briefs: list[Brief]) -> list[Brief]:
    return sorted(briefs, key=lambda b: (b.shown_date()[0] or EPOCH, b.id), reverse=True)


FEED_ENTRIES = 100
"""Briefs in one feed, the newest: a feed reader polls for what is new, and remembers what
it saw. The whole digest of a year in every poll of every actor's feed would be megabytes
each time (40 MB of feeds at 2,000 briefs), and the site lists everything anyway."""


def newest_day(digest: Digest) -> dt.date:
    """The newest date of the digest: what an undated brief's entry is dated."""
    return max((day for b in digest.briefs if (day := b.shown_date()[0])), default=EPOCH)


def feed_xml(
    digest: Digest,
    briefs: list[Brief],
    path: str,
    title: str,
    subtitle: str,
    site_url: str | None,
    newest: dt.date | None = None,
    cache: ResultCache | None = None,
) -> str:
    """One Atom feed at ``path`` (under the site) of the newest :data:`FEED_ENTRIES` of
    ``briefs``; ``newest``: :func:`newest_day`, when the caller knows it already. With
    ``cache``, a feed whose entries show what they showed before is read back: a claim
    edited changes no feed, and building the XML is most of the feeds' time."""
    base = site_url.rstrip("/") + "/" if site_url else "../" * path.count("/")
    newest = newest or newest_day(digest)
    ordered = _newest_first(briefs)[:FEED_ENTRIES]
    key = _feed_key(digest, ordered, path, title, subtitle, base, newest) if cache is not None else None
    if cache is not None and key is not None and (cached := cache.get(key)) is not None:
        return cached
    xml = _feed(digest, ordered, path, title, subtitle, base, newest)
    if cache is not None and key is not None:
        cache.put(key, xml)
    return xml


def _feed_key(
    digest: Digest, ordered: list[Brief], path: str, title: str, subtitle: str, base: str, newest: dt.date
) -> str:
    """All a feed shows: its own title and links, and of each entry's brief what
    :func:`_add_entry` reads (title, summary, date, outlet, topics, review)."""
    from importlib.metadata import version

    entries = []
    for brief in ordered:
        source = digest.source_of(brief)
        topics = [f"{t}\0{digest.topics[t].topic.title}" for t in brief.topics if t in digest.topics]
        shown = [brief.id, brief.title, brief.summary, str(brief.shown_date()[0]), brief.reviewed, topics]
        entries.append(json.dumps([*shown, source.name if source else brief.source.author]))
    return digest_of(site_code_digest(), version("feedgen"), path, title, subtitle, base, newest.isoformat(), *entries)


def _feed(
    digest: Digest, ordered: list[Brief], path: str, title: str, subtitle: str, base: str, newest: dt.date
) -> str:
    feed = FeedGenerator()
    feed.id(_stable_id("feed", path))
    feed.title(xml_text(title))
    feed.subtitle(xml_text(subtitle))
    feed.link(href=f"{base}{path}", rel="self", type="application/atom+xml")
    feed.link(href=base, rel="alternate", type="text/html")
    feed.generator("Briefing Digest")
    feed.updated(_moment(max((b.shown_date()[0] or newest for b in ordered), default=newest)))
    for brief in ordered:
        _add_entry(feed, digest, brief, base, newest)
    return feed.atom_str(pretty=True).decode("utf-8")


def _add_entry(feed: FeedGenerator, digest: Digest, brief: Brief, base: str, newest: dt.date) -> None:
    entry = feed.add_entry(order="append")
    entry.id(_stable_id("brief", brief.id))
    entry.title(xml_text(brief.title))
    entry.link(href=f"{base}briefs/{brief.id}/", rel="alternate", type="text/html")
    day, _ = brief.shown_date()  # the article's date, else the day it entered the digest
    entry.updated(_moment(day or newest))
    if day:
        entry.published(_moment(day))
    source = digest.source_of(brief)
    entry.author(name=xml_text(source.name if source else brief.source.author or "Unknown outlet"))
    label = "" if brief.reviewed else "Machine brief, not reviewed by an editor. "
    entry.summary(xml_text(label + brief.summary) or xml_text(brief.title))
    for topic_id in brief.topics:
        if topic_id in digest.topics:
            entry.category(term=topic_id, label=xml_text(digest.topics[topic_id].topic.title))
    entry.category(term="reviewed" if brief.reviewed else "unreviewed")


def feed_files(digest: Digest, site_url: str | None = None, cache: ResultCache | None = None) -> dict[str, str]:
    """Every feed, path under the site → Atom XML; ``cache``: see :func:`feed_xml`."""
    newest = newest_day(digest)
    files = {
        "feeds/digest.xml": feed_xml(
            digest,
            digest.briefs,
            "feeds/digest.xml",
            "Briefing Digest",
            f"The newest {FEED_ENTRIES} briefs of the digest",
            site_url,
            newest,
            cache,
        )
    }
    for topic_id, topic in sorted(digest.topics.items()):
        if topic.briefs:
            path = f"feeds/topics/{topic_id}.xml"
            files[path] = feed_xml(
                digest,
                topic.briefs,
                path,
                f"Briefing Digest: {topic.topic.title}",
                f"The newest {FEED_ENTRIES} briefs on {topic.topic.title}",
                site_url,
                newest,
                cache,
            )
    for actor_id, actor in sorted(digest.actors.items()):
        if actor.briefs:
            path = f"feeds/actors/{actor_id}.xml"
            files[path] = feed_xml(
                digest,
                actor.briefs,
                path,
                f"Briefing Digest: {actor.name}",
                f"The newest {FEED_ENTRIES} briefs that name {actor.name}",
                site_url,
                newest,
                cache,
            )
    if cache is not None:
        cache.keep_only_used()
    return files
