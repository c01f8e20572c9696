"""A NukeViet-style sibling portal: the example site the README's "Adding a portal" follows.

Another provincial school on NukeViet 4 (as truongchinhtri.dongthap.gov.vn is), serving the
replica's own articles (same model, words and bodies: ``replica.generate.build.build_site``) in
that CMS's shapes, each a trap for a profile written for the Phú Thọ portal:

- article ``/vi/news/{category}/{slug}-{id}.html`` (``id`` is the article's print id);
- listing ``/vi/news/{category}/``, page n > 1 ``/vi/news/{category}/page-{n}/``;
- attachments ``/vi/news/{category}/{slug}-{id}.html?download=1&id={n}`` (the article's URL
  with a query: only the query tells them apart);
- RSS 2.0 at ``/vi/news/rss/`` (the newest items);
- the date line ``Thứ ba - 27/06/2023 00:42``, then the publisher as schema.org
  ``Organization`` microdata (hidden, its name and logo URL as text) between the heading and
  the body, ``Tác giả: {author}`` under the body and a ``Lượt xem: N`` counter after it.

One room on top of the others (it may import all of them): ``pages`` (the HTML, RSS and
routes) and ``server`` (HTTP on loopback, ``run_example_server``).
"""

from replica.nukeviet.pages import article_path, download_path
from replica.nukeviet.server import make_example_server, run_example_server

__all__ = ["article_path", "download_path", "make_example_server", "run_example_server"]
