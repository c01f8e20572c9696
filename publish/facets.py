"""The site facet of the articles table: shown only when the archive holds more than one site.

An archive holds one portal, or a portal and its successor. With one site the facet says
nothing ("phutho 100,000") and still costs a query over every match of a table search (about
a tenth of a broad search's page at 100,000 articles), so it answers only when the column
holds two values or more. Configured in datasette.yml as `- sites: site`; `?_facet=site`
still asks Datasette's own column facet for it on any archive.
"""

from __future__ import annotations

from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite


class SitesFacet(ColumnFacet):
    type = "sites"

    async def facet_results(self):
        if not self.table or not await self._several_values():
            return [], []
        return await super().facet_results()

    async def _several_values(self) -> bool:
        """Whether any configured column holds two values or more in the whole table: the
        lowest and the highest value, each one step of the column's index."""
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = escape_sqlite(config.get("column") or config["simple"])
            table = escape_sqlite(self.table)
            rows = await self.ds.execute(
                self.database,
                f"select (select min({column}) from {table}) is not "
                f"(select max({column}) from {table})",
            )
            if rows.first()[0]:
                return True
        return False
