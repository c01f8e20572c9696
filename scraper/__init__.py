"""portal-archive: an archival crawler for Vietnamese provincial school portals."""

__version__ = "0.1.0"
