"""Documents in, located and dated mentions and the incidents they report out: what
``extract`` prints.

Each mention gets the segment it sits in (body, boilerplate, comment) and an event date
when its sentence states one, or, inside a "اقرأ أيضاً" block, the date that block gives
(such a block carries another article, of another day).
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import (
    DateMention,
    dates_at,
    find_dates,
    historical,
    latest_written,
    period,
    publication_date,
    starting_in,
)
from .documents import Document
from .events import Event, EventExtractor
from .geoparse import Geoparser
from .mentions import Mention
from .segments import Segment, segment_holding


@dataclass(frozen=True, slots=True)
class Extraction:
    """One document's publication date, mentions and events; ``present``: the date it
    speaks from, its publication, else the latest date its text writes (which it cannot
    precede)."""

    document: Document
    published: str | None
    published_precision: str | None
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...] = ()
    present: str | None = None

    def dated(self, value: str | None, precision: str | None
              ) -> tuple[str | None, str | None]:
        """The date a mention or an event whose text states ``value`` is filed under (the
        tables' ``date``) and its precision: ``value``, unless it is
        :func:`~gazetteer.dates.historical` against ``present``; else the publication
        date."""
        if value and not (self.present and historical(value, self.present)):
            return value, precision
        return self.published, self.published_precision

    def to_json(self) -> dict:
        """The object ``python -m gazetteer extract`` prints for the document."""
        return {
            "doc": self.document.doc_id,
            "published": self.published,
            "published_precision": self.published_precision,
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
        }


def _event_date(dates: list[DateMention], segment: Segment | None) -> DateMention | None:
    """The date of a mention whose sentence states none: inside a "اقرأ أيضاً" block,
    the block's date (the first one written with a day or year in figures, "الجمعة 22
    نوفمبر", rather than a bare weekday, "في بيان، الجمعة")."""
    if segment is None or segment.kind != "boilerplate":
        return None
    block = starting_in(dates, segment.start, segment.end)
    written = [d for d in block if any(ch.isdigit() for ch in d.text)]
    return (written or block or [None])[0]


class Extractor:
    """Runs the geoparser, the date rules and (unless ``events`` is False: places and
    dates only) the event extractor over documents."""

    def __init__(self, parser: Geoparser | None = None, events: bool = True):
        self.parser = parser or Geoparser()
        self.events = EventExtractor(self.parser.gazetteer) if events else None

    def extract(self, doc: Document) -> Extraction:
        if doc.published:  # metadata wins over the text
            published, precision = doc.published, period(doc.published)[2]
        else:
            published, precision = publication_date(doc.text)
        dates = find_dates(doc.text, anchor=published)
        mentions = self.parser.parse(doc.text)
        stated = dates_at(dates, doc.text, [(m.start, m.end) for m in mentions])
        for m, event in zip(mentions, stated, strict=True):  # the parser's records, filled in
            segment = segment_holding(doc.segments, m.start) if doc.segments else None
            event = event or _event_date(dates, segment)
            m.segment = segment.kind if segment else "body"
            if event:
                m.event_date, m.event_precision = event.value, event.precision
        present = published or latest_written(doc.text)
        events = (self.events.extract(doc.text, mentions, dates, doc.segments, present)
                  if self.events else [])
        return Extraction(doc, published, precision, tuple(mentions), tuple(events), present)
