"""`python -m portal_archive`: the `portal-archive` command."""

from portal_archive.cli import main

main()
