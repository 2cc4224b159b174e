"""Decoding the bytes of real Arabic files, by a small deterministic rule.

Arabic news files come as UTF-8 (with or without a byte-order mark), as UTF-16 from
Windows tools, and as Windows-1256 (cp1256) from older sites and exports. :func:`decode`
tries, in this order:

1. a byte-order mark: UTF-8, UTF-16 LE or UTF-16 BE (the mark is stripped);
2. strict UTF-8, unless the bytes hold NULs (no text file does; UTF-16 does);
3. UTF-16 without a mark, when (nearly) all NUL bytes sit on one side of the byte pairs
   (the high byte of spaces, digits and Latin letters);
4. cp1256, when what it decodes to looks like Arabic: most non-ASCII characters are Arabic
   letters standing in words (ASCII reads the same in every candidate, so only the other
   bytes say anything; a Latin-1 French or German text fails here).

Anything else is rejected: NUL bytes or many control characters make a *binary file*,
the rest is *undecodable*. Apart from the stripped mark the text is exactly what the bytes
say (line ends included), so offsets into it are offsets into the file's text.
"""

from __future__ import annotations

import re

# Byte-order marks and the codec that reads what follows them.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
TRIED = "UTF-8, UTF-16 and Windows-1256 (cp1256)"

# Control characters that no text holds; tab, line feed, vertical tab, form feed and
# carriage return are text. A few strays are tolerated (old DOS files end with Ctrl-Z).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01

# UTF-16 without a mark: NULs on one side of the pairs, at most this share on the other.
_NUL_SIDE_RATIO = 0.05

# cp1256: the share of non-ASCII characters that must be Arabic letters in words (two
# letters or more, each with the harakat that follow it).
MIN_ARABIC_SHARE = 0.8
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ARABIC_WORD = re.compile(r"(?:[\u0621-\u064a][\u064b-\u0652]*){2,}")


# Halves of UTF-16 pairs standing alone: no bytes decode to them, but a JSON "\ud800"
# escape and an undecodable file name (Python's surrogateescape) give them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with what UTF-8 cannot encode (lone surrogates) replaced by U+FFFD:
    the tables, their parquet files and the page need text that encodes."""
    return _SURROGATE.sub("\ufffd", text)


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we read; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was read in.

    Raises :class:`DecodeError` for binary or undecodable data.
    """
    text, encoding = _decode(data)
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise DecodeError(f"binary file: {controls} control characters in {len(text)}")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec.removesuffix("-sig")), codec
            except UnicodeDecodeError as err:
                raise DecodeError(
                    f"undecodable: starts with a {codec} mark but {err.reason}"
                ) from err
    if b"\x00" in data:
        # No text holds NUL bytes; UTF-16 does, in the high byte of ASCII characters.
        codec = _utf16_side(data)
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
        raise DecodeError("binary file: holds NUL bytes")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        not_utf8 = f"byte 0x{data[err.start]:02x} at offset {err.start} is not UTF-8"
    text = data.decode("cp1256", errors="replace")
    if _looks_arabic(text):
        return text, "cp1256"
    raise DecodeError(f"undecodable: tried {TRIED}; {not_utf8}, and cp1256 gives no Arabic")


def _utf16_side(data: bytes) -> str | None:
    """The UTF-16 codec whose NUL pattern ``data`` shows, if any."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd and even <= _NUL_SIDE_RATIO * odd:
        return "utf-16-le"
    if even and odd <= _NUL_SIDE_RATIO * even:
        return "utf-16-be"
    return None


def _looks_arabic(text: str) -> bool:
    non_ascii = len(_NON_ASCII.findall(text))
    in_words = sum(len(w) for w in _ARABIC_WORD.findall(text))
    return non_ascii > 0 and in_words >= MIN_ARABIC_SHARE * non_ascii
