"""Briefing Digest: news articles → YAML briefs → a searchable MkDocs site.

Stages, one module each, data flowing one way:
ingest → extract → briefs (YAML) → digest (merge) → render → plugin (publish).
"""

__version__ = "0.1.0"
