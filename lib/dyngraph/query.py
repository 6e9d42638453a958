"""Strict query-string decoding: raw QUERY_STRING -> list of (name, value).

``urllib.parse.parse_qsl`` silently replaces invalid UTF-8 and bad percent
escapes; a chart server must instead say what was wrong, so this module
decodes by hand and raises :class:`SpecError` on anything malformed.
"""

import re

from .errors import SpecError, shown

_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_:.-]{0,31}\Z")


def unquote_strict(raw, param):
    """Decode one percent-encoded component, '+' as space, strict UTF-8."""
    data = raw.encode("latin-1") if isinstance(raw, str) else raw
    if _BAD_PERCENT.search(data):
        msg = "invalid percent-encoding (use %XX with two hex digits)"
        raise SpecError(param, msg)
    data = _PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), data.replace(b"+", b" "))
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
        if not _NAME.match(name):
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
