"""The one error a profile can raise (its own module, so validation and loading share it)."""

from __future__ import annotations


class ProfileError(ValueError):
    """A profile file is missing or malformed; the message says which field and what is expected."""
