"""Strict query-string decoding: raw QUERY_STRING -> list of (name, value).

``urllib.parse.parse_qsl`` silently replaces invalid UTF-8 and bad percent
escapes; a chart server must instead say what was wrong, so this module
decodes by hand and raises :class:`SpecError` on anything malformed.
"""

from .errors import SpecError, shown

# String methods, not regular expressions: ``re`` costs ~4 ms per CGI process (docs/performance.md).
_HEX = frozenset(b"0123456789abcdefABCDEF")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NAME_CHARS = _LETTERS | frozenset("0123456789_:.-")
MAX_NAME_LENGTH = 32


def is_name(text):
    """A parameter name: an ASCII letter, then at most 31 ASCII letters, digits, ``_``, ``:``, ``.`` or ``-``."""
    return 0 < len(text) <= MAX_NAME_LENGTH and text[0] in _LETTERS and _NAME_CHARS.issuperset(text)


def unquote_strict(raw, param, *, lone_percent=False):
    """Decode one percent-encoded component, '+' as space, strict UTF-8.

    A ``%`` not followed by two hex digits is a 400, or with ``lone_percent`` a literal ``%``
    (Google's reading: ``chl=25%|75%``)."""
    data = raw.encode("latin-1") if isinstance(raw, str) else raw
    data = data.replace(b"+", b" ")
    if b"%" in data:
        first, *escaped = data.split(b"%")
        out = [first]
        for part in escaped:  # each began with a %: two hex digits, then plain bytes
            pair = part[:2]
            if len(pair) == 2 and _HEX.issuperset(pair):
                out += (bytes((int(pair, 16),)), part[2:])
            elif lone_percent:
                out += (b"%", part)
            else:
                raise SpecError(param, "invalid percent-encoding (use %XX with two hex digits)")
        data = b"".join(out)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError(param, "must be valid UTF-8 text") from None


def split_query(query_string, *, max_length, max_params):
    """Split a query string into decoded (name, value) pairs, in order.

    Empty segments (a leading, trailing or doubled ``&``) are skipped, as
    every browser and server does. The length is checked first (414), the
    number of parameters next, so no work is spent on an abusive request.
    """
    if isinstance(query_string, str):
        try:
            query_string = query_string.encode("latin-1")
        except UnicodeEncodeError:
            raise SpecError("query", "must be percent-encoded ASCII") from None
    if len(query_string) > max_length:
        msg = f"query string is {len(query_string)} bytes; at most {max_length} are accepted"
        raise SpecError("query", msg, status=414)
    segments = [s for s in query_string.split(b"&") if s]
    if len(segments) > max_params:
        msg = f"{len(segments)} parameters; at most {max_params} are accepted"
        raise SpecError("query", msg)
    pairs = []
    for segment in segments:
        raw_name, _, raw_value = segment.partition(b"=")
        name = unquote_strict(raw_name, "query")
        if not is_name(name):
            raise SpecError("query", f"{shown(name)} is not a parameter name")
        pairs.append((name, unquote_strict(raw_value, name)))
    return pairs


def unique_params(pairs, known):
    """Turn pairs into a dict, rejecting repeated and unknown names."""
    params = {}
    for name, value in pairs:
        if name in params:
            raise SpecError(name, "given more than once; give it once")
        if name not in known:
            accepted = ", ".join(sorted(known))
            raise SpecError(name, f"unknown parameter; accepted: {accepted}")
        params[name] = value
    return params
