"""A deterministic replica of the Phú Thọ political school portal, served on loopback only.

``replica.site.build_site`` makes the site model, ``replica.server.make_server`` / ``run`` serve
it, ``python -m replica`` runs it from the command line.
"""
