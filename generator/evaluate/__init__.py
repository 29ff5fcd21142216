"""Evaluation, last: briefs (from the content store) against gold annotations, in the
terms of the project scorer (``score``). Each section's scorer is registered with
``@scorer`` and the evaluation loops over them; no other stage imports this one.
"""
