"""Signed URLs: get_graph.py draws only what the page side signed.

When ``DYNGRAPH_SECRET`` is set (comma-separated: several are accepted at
once, the first signs, so a secret can be rotated without breaking pages),
every image URL carries ``sig``: HMAC-SHA256 in base64url over the signed
text, which is the chart's canonical query string (``graphId=<id>`` for a
stored chart), followed by ``&exp=<unix time>`` when the link expires.
The check happens before any store lookup or drawing. Off by default.
"""

import time

from .errors import Forbidden, SpecError
from .values import digits

SIG_LENGTH = 43  # 256 bits, base64url without padding
BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
NAMES = ("sig", "exp")


def signature(text, secret):
    """base64url HMAC-SHA256 of ``text`` under ``secret``."""
    import binascii
    import hmac

    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), "sha256").digest()
    encoded = binascii.b2a_base64(digest, newline=False).translate(bytes.maketrans(b"+/", b"-_"))
    return encoded.rstrip(b"=").decode("ascii")


def sign(canonical, settings, *, now=None, ttl=None):
    """The query string to put in a URL: ``canonical`` plus ``&exp=…&sig=…`` when signing is on."""
    if not settings.secrets:
        return canonical
    ttl = settings.signed_ttl if ttl is None else ttl
    text = canonical
    if ttl:
        text += f"&exp={int(time.time() if now is None else now) + ttl}"
    return f"{text}&sig={signature(text, settings.secrets[0])}"


def take(pairs):
    """Split ``sig`` and ``exp`` off decoded pairs: ((sig, exp), other pairs)."""
    found, rest = {}, []
    for name, value in pairs:
        if name not in NAMES:
            rest.append((name, value))
        elif name in found:
            raise SpecError(name, "given more than once; give it once")
        else:
            found[name] = value
    return (found.get("sig"), found.get("exp")), rest


def precheck(signed, settings, *, now=None):
    """Refuse, before any parsing or lookup, an unsigned or expired request when signing is on."""
    if not settings.secrets:
        return
    sig, exp = signed
    if sig is None:
        raise Forbidden("sig: this server draws only signed URLs; sign them with the site's secret "
                        "(dyngraph.url does so when DYNGRAPH_SECRET is set)")
    if len(sig) != SIG_LENGTH or not BASE64URL.issuperset(sig):
        raise Forbidden(f"sig: must be {SIG_LENGTH} characters of base64url")
    if exp is not None:
        if not digits(exp, 1, 12):
            raise Forbidden("exp: must be a unix time in seconds")
        if int(exp) < (time.time() if now is None else now):
            raise Forbidden("sig: this link has expired; reload the page that contains it")


def verify(signed, canonical, settings):
    """Check ``sig`` over ``canonical`` (+ ``&exp=…``) against every configured secret."""
    if not settings.secrets:
        return
    import hmac

    sig, exp = signed
    text = canonical if exp is None else f"{canonical}&exp={exp}"
    given = sig.encode("ascii")
    if not any(hmac.compare_digest(given, signature(text, s).encode("ascii")) for s in settings.secrets):
        raise Forbidden("sig: does not match this chart (changed after signing, or signed with another secret)")
