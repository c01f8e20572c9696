"""Render: the portal's HTML (page chrome, article, print, listing and fixed pages) as templates.

Pure functions of the site model; per-request values (counters, view counts, the host) are
template slots filled when a page is served.
"""
