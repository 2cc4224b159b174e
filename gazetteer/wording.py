"""Counts in words, as the library's messages and the page's labels say them."""


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one: "1 document", "1,234 documents"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
