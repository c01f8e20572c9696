"""The Datasette side of the archive: query routing, article pages and charts.

Plain functions and values; `plugins/archive.py` wires them into Datasette's hooks.
"""
