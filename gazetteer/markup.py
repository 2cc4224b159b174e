"""How much markup an html page holds, counted before any parser sees it.

The parsers behind the html reader (lxml's libxml2, then trafilatura, justext and
htmldate over its tree) take time that grows faster than the page with its tags and
attributes: 40,000 attributes in one tag (0.4 MB) take minutes, and so do 100,000 short
paragraphs. :func:`within_markup` walks the page once, as an html tokenizer does (tags,
their attributes with quoted values, comments, the raw text of scripts and styles), and
cuts it before the first tag that passes a limit of :class:`~gazetteer.limits.Limits`;
the cut page is then parsed as any page with its end missing. The walk costs one step
per tag and attribute up to the limits, and one pass of regular expressions over the
text between them.
"""

from __future__ import annotations

import re

from .limits import TAG_ATTRIBUTES, Limits

_OPEN = re.compile(r"<(?=[A-Za-z/!?])")  # a tag, a comment or a declaration starts
_NAME = re.compile(r"(/?)([A-Za-z][^\s/>]*)?")
# Between attributes: white space and stray slashes; an attribute's name; "=" before a value.
_SPACE = re.compile(r"[\s/]*")
_ATTRIBUTE = re.compile(r"[^\s/>][^\s/>=]*\s*(=\s*)?")
_UNQUOTED = re.compile(r"[^\s>]*")
# Elements whose content is text up to their end tag, whatever it holds.
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
            "noscript", "plaintext"}


def within_markup(html: str, limits: Limits) -> tuple[str, str]:
    """``html`` cut before its first tag that passes ``limits.html_tags`` tags,
    ``limits.html_attributes`` attributes, or holds more than :data:`TAG_ATTRIBUTES`
    itself; and the report's note ("" when the page is whole)."""
    tags = attributes = 0
    at = 0
    while (found := _OPEN.search(html, at)) is not None:
        start = found.start()
        if html.startswith("<!--", start):
            at = html.find("-->", start + 4)
        elif html[start + 1] in "!?":  # a declaration or a processing instruction
            at = html.find(">", start)
        else:
            tags += 1
            if tags > limits.html_tags:
                return _cut(html, start, f"its tag number {tags:,} (the limit is "
                                         f"{limits.html_tags:,} tags per page)")
            at, count, name = _tag(html, start)
            attributes += count
            if count > TAG_ATTRIBUTES:
                return _cut(html, start, f"a tag of more than {TAG_ATTRIBUTES} attributes "
                                         "(the limit per tag)")
            if attributes > limits.html_attributes:
                return _cut(html, start, "the tag that passes the limit of "
                                         f"{limits.html_attributes:,} attributes per page")
            if name in RAW_TEXT and at > 0:
                end = re.compile(rf"</{name}", re.I).search(html, at)
                at = end.start() if end else -1
        if at < 0:  # unclosed to the end: the rest is inside it
            break
    return html, ""


def _tag(html: str, start: int) -> tuple[int, int, str]:
    """Where the tag at ``start`` ends (-1: never), how many attributes it holds (counted
    up to one more than :data:`TAG_ATTRIBUTES`) and its lower-case name ("" for an end
    tag)."""
    name_match = _NAME.match(html, start + 1)
    end_tag, name = name_match.groups()
    name, at, count = "" if end_tag else (name or "").lower(), name_match.end(), 0
    while count <= TAG_ATTRIBUTES:
        at = _SPACE.match(html, at).end()
        if at >= len(html):
            return -1, count, name
        if html[at] == ">":
            return at + 1, count, name
        attribute = _ATTRIBUTE.match(html, at)
        count, at = count + 1, attribute.end()
        if attribute.group(1) and at < len(html):  # a value
            quote = html[at]
            if quote in "\"'":
                at = html.find(quote, at + 1)
                if at < 0:
                    return -1, count, name
                at += 1
            else:
                at = _UNQUOTED.match(html, at).end()
    return at, count, name


def _cut(html: str, start: int, before: str) -> tuple[str, str]:
    return html[:start], f"page cut at character {start:,}, before {before}"
