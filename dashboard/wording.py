"""Counts in words, as the page's labels say them: the library's wording."""

from gazetteer.wording import counted

__all__ = ["counted"]
