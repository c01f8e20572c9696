"""Generate: the site made from a seed (metadata, calendar, bodies, files, edits, planted content).

:func:`replica.generate.build.build_site` is the entry point; everything is deterministic and
prefix-stable in the number of articles.
"""
