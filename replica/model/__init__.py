"""Model: the site's values (categories, articles, body blocks, files) and the site's queries.

Plain values and lookups: the model never generates, renders or serves anything.
"""
