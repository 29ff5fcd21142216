"""The content store: briefs and registries on disk, as editors and the site see them.

Enters: articles and the extractor. ``refresh.extract_project`` extracts what is missing
or stale and writes briefs with editors' edits kept (``briefs``, ``comments``) and new
actors recorded (``registry``). ``check`` validates every file and reference; ``merge``
turns the registries and briefs into one in-memory ``Digest``. Leaves: YAML in
``content/`` and the ``Digest`` the site renders.
"""
