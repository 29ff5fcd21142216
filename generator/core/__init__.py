"""The floor under every stage: knowledge several stages read, declared once.

The brief and registry models with the section registry (``model``), their JSON Schemas
(``schema``), errors that name file and line (``errors``), slugs and name keys, units and
stance words, the relevance rules, the regular-expression guard for article text
(``textpatterns``), sections from other packages (``section_plugins``), YAML on disk
(``store``, ``block_yaml``), file digests (``fingerprint``) and where a project keeps its
files (``project``). Nothing here imports a stage.
"""
