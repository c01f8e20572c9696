"""The archive database: `schema` owns every table and column (and migrations); the other
modules write one kind of row each (`articles`, `attachments`, `runs`, `search`) or read what
a harvest needs (`frontier`). Plain functions over a sqlite-utils `Database`."""
