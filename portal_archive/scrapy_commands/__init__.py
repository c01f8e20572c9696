"""Scrapy commands of the project (settings COMMANDS_MODULE): `scrapy crawl portal|harvest`
runs through the same runner as `portal-archive crawl|harvest` (lock, frontier, exit status)."""
