"""The NukeViet example on loopback: ``portal-archive replica --site nukeviet-example``."""

from __future__ import annotations

import itertools

from replica.generate.build import build_site
from replica.model.site import Site
from replica.nukeviet.pages import answer, article_path
from replica.serve.http_server import LoggedHandler, LoggedServer
from replica.serve.lifecycle import serve_until_stopped
from replica.serve.request_log import RequestLog


class ExampleHandler(LoggedHandler):
    server_version = "Apache"
    server: ExampleServer

    def _respond(self, send_body: bool) -> None:
        address, port = self.server.server_address[:2]
        host = self.headers.get("Host") or f"{address}:{port}"
        found = answer(self.server.site, self.server.by_path, self.path, host,
                       next(self.server.views))  # fmt: skip
        self.send_response(found.status)
        self.send_header("Content-Type", found.content_type)
        self.send_header("Content-Length", str(len(found.body)))
        for name, value in found.extra:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(found.body)


class ExampleServer(LoggedServer):
    def __init__(self, site: Site, port: int, log_path: str | None) -> None:
        self.site = site
        self.by_path = {article_path(a): a for a in site.articles}
        self.views = itertools.count(100)  # "Lượt xem: N" changes on every request
        self.request_log = RequestLog(log_path)
        super().__init__(("127.0.0.1", port), ExampleHandler)


def make_example_server(
    articles: int, seed: int = 1, port: int = 0, log_path: str | None = None
) -> ExampleServer:
    """Bind (not start) the example on 127.0.0.1; ``server_address[1]`` is the real port."""
    return ExampleServer(build_site(articles, seed), port, log_path)


def run_example_server(port: int, articles: int, seed: int, log_path: str | None = None) -> None:
    """Serve the example until SIGINT/SIGTERM, after one ready line with its URL."""
    server = make_example_server(articles, seed, port, log_path)
    serve_until_stopped(
        server,
        f"Replica (nukeviet-example) serving {len(server.site.articles)} articles at "
        f"http://127.0.0.1:{server.server_address[1]}/",
    )
