"""Split a Google Image Charts query string the tolerant way Google's server did.

Real chart URLs were pasted from HTML, e-mails and wikis for a decade, so they
carry traps the strict native parser rejects on purpose. This splitter keeps
the same hard limits (length, parameter count, strict percent-escapes and
UTF-8) but reads the rest as Google did:

* empty segments (a leading, trailing or doubled ``&``) are skipped;
* ``+`` is a space and ``%XX`` escapes are decoded *before* sub-fields are
  split, so percent-encoded separators (``%7C``, ``%2C``) mixed with raw ones
  mean the same thing;
* a ``%`` not followed by two hex digits is a literal percent sign
  (``chl=25%|75%`` was common in hand-written URLs and browsers send it as is);
  the decoded bytes must still be valid UTF-8;
* ``&amp;`` copied out of HTML source leaves names like ``amp;chs``; the
  ``amp;`` is dropped (a browser resolving the entity would send ``chs``);
* a parameter given twice: the **last** one wins, like a later ``chs`` in a
  URL built by appending options; the repeat is noted in the report;
* unknown names are kept so the caller can report them as unsupported.
"""

from ..errors import SpecError, shown
from ..query import unquote_strict

# String methods, not ``re`` (~4 ms per CGI process: a Google URL's 304 or 400 would pay it).
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NAME_CHARS = _LETTERS | frozenset("0123456789_")


def is_name(text):
    """A Google parameter name: an ASCII letter, then at most 31 ASCII letters, digits or ``_``."""
    return 0 < len(text) <= 32 and text[0] in _LETTERS and _NAME_CHARS.issuperset(text)


class GoogleQuery:
    """The decoded parameters of one Google chart URL, plus what splitting noticed."""

    def __init__(self, params, repeated, ignored):
        self.params = params  # {name: decoded text}, last value wins
        self.repeated = repeated  # names given more than once
        self.ignored = ignored  # segments that are not name=value parameters

    def get(self, name, default=None):
        return self.params.get(name, default)

    def __contains__(self, name):
        return name in self.params


def split(query_string, limits):
    """Raw query string -> :class:`GoogleQuery`; SpecError only for hard limits and bad escapes."""
    if isinstance(query_string, str):
        try:
            query_string = query_string.encode("latin-1")
        except UnicodeEncodeError:
            raise SpecError("query", "must be percent-encoded ASCII") from None
    if len(query_string) > limits.max_query_length:
        msg = f"query string is {len(query_string)} bytes; at most {limits.max_query_length} are accepted"
        raise SpecError("query", msg, status=414)
    segments = [s for s in query_string.split(b"&") if s]
    if len(segments) > limits.max_params:
        raise SpecError("query", f"{len(segments)} parameters; at most {limits.max_params} are accepted")
    params, repeated, ignored = {}, [], []
    for segment in segments:
        raw_name, equals, raw_value = segment.partition(b"=")
        name = unquote_strict(raw_name, "query").strip()
        if name.startswith("amp;"):
            name = name[4:]
        if not equals or not is_name(name):
            ignored.append(shown(name))
            continue
        value = unquote_strict(raw_value, name, lone_percent=True)
        if name in params and name not in repeated:
            repeated.append(name)
        params[name] = value
    return GoogleQuery(params, tuple(repeated), tuple(ignored))


def looks_like_google(query_string):
    """True when the raw query has a ``cht`` parameter: cheap, before any decoding."""
    raw = query_string if isinstance(query_string, bytes) else query_string.encode("latin-1", "replace")
    return raw.startswith((b"cht=", b"amp;cht=")) or b"&cht=" in raw or b"&amp;cht=" in raw
