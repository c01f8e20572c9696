"""The successor site: the school's portal after the 1 July 2025 merger of Phú Thọ, Vĩnh Phúc
and Hòa Bình provinces, at ``https://truongchinhtri.phutho.gov.vn/`` on a DotNetNuke (DNN)
platform shared with other Phú Thọ party portals, and one such sister portal (``danguykhoi``)
that republishes school news.

One room on top of the others (it may import all of them): ``portal`` (the platform's URL forms
and the two portals' tables), ``model`` (articles and the site's queries), ``build`` (the sites
from a seed: migrated old articles, new ones, cross-posts), ``chrome`` and ``pages`` (the DNN
HTML), ``routing``, ``tls`` and ``server`` (HTTPS on loopback), ``faults`` and ``launch``.

URL forms (the platform's friendly URLs: every query parameter becomes a ``/name/value/``
path segment before ``Default.aspx``):

- home ``/`` (linked everywhere); aliases ``/Default.aspx`` and ``/Trang-chu/tabid/36/Default.aspx``
  serve the same page and are never linked;
- category ``/Chuyen-muc-tin/tabid/91/ctitle/{category id}/Default.aspx``; page n > 1 of it
  ``/Chuyen-muc-tin/tabid/91/ctitle/{category id}/pageid/{n}/Default.aspx``. Paging is a path
  segment because the friendly-URL provider writes a module's query parameters as segments, as
  it does ``title`` and ``ctitle``; the query form ``…/ctitle/3/Default.aspx?pageid=2`` is
  answered too (the provider reads both) but never linked;
- article (the observed form)
  ``/Chuyen-muc-tin/Chi-tiet-tin/tabid/92/title/{article id}/ctitle/{category id}/Default.aspx``;
- print view: the platform's module print action, the article URL with
  ``/mid/{module id}/dnnprintmode/true/`` before ``Default.aspx`` and the no-skin query
  (``?SkinSrc=[G]Skins/_default/No Skin&ContainerSrc=[G]Containers/_default/No Container``,
  URL-encoded): the module's content without skin, panes or counters. This is DNN core's
  container "Print" action as we know it; the search tools found no page confirming what the
  real site links, so treat the form as INFERRED;
- login ``/Dang-nhap/tabid/99/Default.aspx?returnurl=…`` (disallowed in robots.txt; a form).

Dates: ``Cập nhật ngày: 15/06/2025 10:22`` on article pages, ``(15/06/2025)`` in listings.
INFERRED: no DNN news-module date display of the real site was found; this is a plausible form.
"""
