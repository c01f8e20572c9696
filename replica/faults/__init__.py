"""Faults: the replica misbehaving on purpose, off by default.

- ``plan``: the fault names (``FAULT_NAMES``, ``parse_names``) and ``FaultPlan``, which installs
  the chosen faults, serves them through the server's fault hook and lists them
  (``python -m replica --list-faults``).
- ``registry``: a fault's record (``Fault``), its behaviour (``Action``) and the register of the
  URLs the chosen faults own.
- One module per kind, each with its behaviours and the URLs that carry them: ``server_faults``,
  ``navigation_faults``, ``content_faults`` (with the damaged pages in ``content_pages``).
- ``responses``: answering by hand, or as the site would, through the request handler.
"""
