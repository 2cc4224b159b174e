"""Security events: the incidents an Arabic article reports, with their type, place, date,
sides and casualties (the format of EVENTS.md).

    >>> from gazetteer import Document, Extractor
    >>> doc = Document("post.txt", "post.txt", "انفجار عبوة ناسفة في قضاء الفلوجة")
    >>> [(e.type, e.place.text) for e in Extractor().extract(doc).events]
    [('explosion', 'الفلوجة')]

The words that report incidents live in ``data/events.toml``; :mod:`.reports` finds the
clauses that report one and types them, :mod:`.scene` chooses where it happened among the
article's place mentions, :mod:`.casualties` counts the dead and wounded, and
:mod:`.extract` groups an article's reports of one incident.
"""

from .extract import EventExtractor
from .record import Event

__all__ = ["Event", "EventExtractor"]
