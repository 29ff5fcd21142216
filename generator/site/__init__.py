"""The site. Enters: the content store's briefs and registries, merged into a ``Digest``.

``render`` turns it into Markdown pages through the Jinja templates (with ``key_points``,
``changes``, ``display``, ``actor_map`` and ``escaping`` deciding what is shown and how);
``feeds`` and ``exports`` add Atom feeds, CSV and JSON; ``pages`` collects every file of the
site (``site_files``) or writes it as Markdown (``write_markdown``, ``digest render``);
``publish`` runs MkDocs and Pagefind (``build_site``); ``sanitize`` is the second wall on
the HTML. Leaves: ``site/``.
"""
