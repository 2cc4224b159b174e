"""All the text of an HTML page, however broken: what the html reader falls back on.

trafilatura finds a page's article through lxml, which gives up on a page nested deeper
than libxml2's 256 levels and on some broken markup. The standard library's tolerant
parser reads any page, so such a page still yields its words, with a line per block.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is not text a reader sees.
HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
# Elements that start a new line.
BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
          "section", "article", "header", "footer", "aside", "nav", "blockquote", "pre",
          "ul", "ol", "table", "hr", "dd", "dt", "figcaption", "main", "title", "body"}
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0  # depth inside hidden elements

    def handle_starttag(self, tag, attrs):
        self._tag(tag, 1)

    def handle_endtag(self, tag):
        self._tag(tag, -1)

    def _tag(self, tag: str, step: int) -> None:
        if tag in HIDDEN:
            self.hidden = max(self.hidden + step, 0)
        if tag in BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.pieces.append(data)


def page_text(html: str) -> str:
    """The text of ``html`` outside scripts, styles and the head, a line per block."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.pieces).split("\n"))
    return "\n".join(line for line in lines if line)
