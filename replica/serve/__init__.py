"""Serve: the HTTP server on loopback, request routing, the page cache, conditional requests
(ETag / Last-Modified, 304) and the JSON request log.

:func:`replica.serve.http_server.make_server` binds a server for a site; faults plug in through
one hook (:class:`replica.serve.http_server.FaultHook`) and are never imported here.
"""
