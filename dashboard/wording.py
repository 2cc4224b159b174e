"""Counts in words, as the page's labels say them."""


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one: "1 mention", "1,234 mentions"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
