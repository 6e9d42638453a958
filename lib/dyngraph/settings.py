"""Settings for one deployment, read once from the environment.

This is the only module under lib/ that reads ``os.environ``; the app
factories call :func:`from_environ` and pass the result down. Under Apache
the variables come from ``SetEnv``; under a WSGI server from its process.
"""

from .record import fields, record, replace

from .errors import SettingError
from .limits import Limits

PREFIX = "DYNGRAPH_"


@record
class Settings:
    """Everything configurable, with defaults that suit a public site."""

    limits: Limits = Limits()
    cache_max_age: int = 86_400
    font_path: str = ""
    secrets: tuple = ()
    signed_ttl: int = 0
    data_dir: str = ""
    store_url: str = ""
    store_ttl: int = 30 * 86_400
    graph_script: str = "get_graph.py"
    cgi_timeout: int = 20
    sources: str = ""  # the declared data sources file (INI); see docs/sources.md
    cache_bytes: int = 64 * 1024 * 1024  # the shared render cache's bound (dyngraph.rendercache); 0: off


def from_environ(environ):
    """Build Settings from ``DYNGRAPH_*`` variables; bad values fail loudly at start."""
    limit_values = {}
    for name in fields(Limits):
        raw = environ.get(PREFIX + name.upper())
        if raw is not None:
            limit_values[name] = _int_setting(name, raw)
    settings = Settings(limits=replace(Limits(), **limit_values))
    updates = {}
    for name in ("cache_max_age", "signed_ttl", "store_ttl", "cgi_timeout", "cache_bytes"):
        raw = environ.get(PREFIX + name.upper())
        if raw is not None:
            updates[name] = _int_setting(name, raw)
    for name in ("font_path", "data_dir", "store_url", "graph_script", "sources"):
        raw = environ.get(PREFIX + name.upper())
        if raw:
            updates[name] = raw
    if "font_path" in updates:
        check_font_path(updates["font_path"])
    raw_secrets = environ.get(PREFIX + "SECRET", "")
    if raw_secrets:
        updates["secrets"] = tuple(s for s in raw_secrets.split(",") if s)
    return replace(settings, **updates)


def _int_setting(name, raw):
    if not raw.isascii() or not raw.strip().isdigit():
        msg = f"must be a non-negative integer, got {raw!r}"
        raise SettingError(PREFIX + name.upper(), msg)
    return int(raw)


FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")  # TrueType, OpenType (CFF), Apple, collections


def check_font_path(path):
    """Fail now, naming DYNGRAPH_FONT_PATH, unless ``path`` is a readable TrueType/OpenType file.

    Reads the first 4 bytes only (no Pillow: settings are read on every CGI request).
    """
    name = PREFIX + "FONT_PATH"
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except FileNotFoundError:
        raise SettingError(name, f"{path!r} does not exist") from None
    except IsADirectoryError:
        raise SettingError(name, f"{path!r} is a directory; give the font file") from None
    except OSError as error:
        raise SettingError(name, f"{path!r} cannot be read: {error.strerror}") from None
    if magic not in FONT_MAGIC:
        raise SettingError(name, f"{path!r} is not a TrueType or OpenType font (.ttf, .otf, .ttc)")


def settings_for(settings=None, **overrides):
    """The settings an app factory runs with: given ones, else the process environment's."""
    if settings is None:
        import os

        settings = from_environ(os.environ)
    return replace(settings, **overrides) if overrides else settings
