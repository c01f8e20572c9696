"""The archive itself, with no Scrapy inside: where its files are (`paths`), the one-run-at-a-
time lock (`lock`), the database (`db`), the WARC captures (`warc`) and re-extraction from them
(`reextract`). The crawl, the commands and the published side all use it."""
