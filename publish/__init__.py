"""The Datasette side of the archive: query routing, article pages and charts.

Plain functions and values; `plugins/archive.py` wires them into Datasette's hooks and
`serve.py` starts Datasette with them. The package carries the whole Datasette side
(`datasette.yml`, `plugins/`, `templates/`), so an installed wheel serves the archive as a
checkout does.
"""
