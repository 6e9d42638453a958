"""The sources file: the admin's INI list of data sources a URL may name.

Read with interpolation off (``%`` is an ordinary character) and ``;``/``#``
comments, whole-line or after a space. A URL only ever picks a section by
name; every path, table, query and command comes from here.
"""

import os
import re

from ..record import record

TYPES = ("csv", "sqlite", "jsonl", "rrd")
SOURCE_KEYS = ("type", "path", "time", "columns", "table", "query", "cf")
KEYS_BY_TYPE = {
    "csv": {"type", "path", "time", "columns"},
    "jsonl": {"type", "path", "time", "columns"},
    "sqlite": {"type", "path", "time", "columns", "table", "query"},
    "rrd": {"type", "path", "columns", "cf"},
}
RRD_CFS = ("AVERAGE", "MIN", "MAX", "LAST")
# Chart options a source fills itself, so neither the file nor the URL may give them.
FILLED_BY_SOURCE = ("data", "labels", "times", "start", "step", "hidden", "qrtext", "xmin", "xmax", "sizes")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")


class ConfigError(ValueError):
    """A problem in the sources file, for the admin: names the section and key."""


@record
class Source:
    """One declared source; paths are absolute, columns as written (names or 0-based indexes)."""

    name: str = ""
    type: str = "csv"
    path: str = ""
    time: str = ""
    columns: tuple = ()
    table: str = ""
    query: str = ""
    cf: str = "AVERAGE"
    options: tuple = ()  # (param, text) chart defaults, in file order


def load(path):
    """The sources file at ``path`` -> {name: Source}; raise ConfigError or OSError."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"),
                                       inline_comment_prefixes=("#", ";"), strict=True,
                                       default_section="\x00none")
    parser.optionxform = str  # keys are case-sensitive, as URL parameter names are
    try:
        with open(path, encoding="utf-8") as f:
            parser.read_file(f, source=path)
    except (configparser.Error, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: {_one_line(error)}") from None
    base = os.path.dirname(os.path.abspath(path))
    return {name: _source(name, dict(parser.items(name)), base) for name in parser.sections()}


def _source(name, keys, base):
    """One section -> a Source, every key checked."""
    if not NAME.match(name):
        raise ConfigError(f"[{name}]: a source name is letters, digits, '_', '.' or '-' (at most 64)")
    kind = keys.get("type", "")
    if kind not in TYPES:
        raise ConfigError(f"[{name}] type: must be one of {', '.join(TYPES)}, got {kind!r}")
    from ..spec import PARAMS

    options = []
    for key, value in keys.items():
        if key in SOURCE_KEYS:
            if key not in KEYS_BY_TYPE[kind]:
                raise ConfigError(f"[{name}] {key}: not used by type={kind}")
        elif key in FILLED_BY_SOURCE:
            raise ConfigError(f"[{name}] {key}: filled from the source's data; remove it")
        elif key in PARAMS:
            options.append((key, value))
        else:
            raise ConfigError(f"[{name}] {key}: unknown key; use {', '.join(sorted(KEYS_BY_TYPE[kind]))} "
                              "or a chart option")
    if not keys.get("path"):
        raise ConfigError(f"[{name}] path: required")
    path = os.path.normpath(os.path.join(base, keys["path"]))
    columns = tuple(c.strip() for c in keys.get("columns", "").split(",") if c.strip())
    if len(set(columns)) != len(columns):
        raise ConfigError(f"[{name}] columns: a column is listed twice")
    fields = {"name": name, "type": kind, "path": path, "time": keys.get("time", "").strip(),
              "columns": columns, "options": tuple(options)}
    if kind == "sqlite":
        fields.update(_sqlite_keys(name, keys))
    elif kind == "rrd":
        cf = keys.get("cf", "AVERAGE").strip().upper()
        if cf not in RRD_CFS:
            raise ConfigError(f"[{name}] cf: must be one of {', '.join(RRD_CFS)}, got {keys['cf']!r}")
        fields["cf"] = cf
    elif not fields["time"]:
        raise ConfigError(f"[{name}] time: required (the column or key holding the time)")
    return Source(**fields)


def _sqlite_keys(name, keys):
    """Either table + time (+ columns), or a fixed query with :from and :until."""
    query = keys.get("query", "").strip()
    table = keys.get("table", "").strip()
    if query:
        if table or keys.get("time") or keys.get("columns"):
            raise ConfigError(f"[{name}] query: give either query or table/time/columns, not both")
        if ":from" not in query or ":until" not in query:
            raise ConfigError(f"[{name}] query: must use the bound parameters :from and :until")
        return {"query": query}
    if not table:
        raise ConfigError(f"[{name}] table: required (or a query)")
    if not keys.get("time"):
        raise ConfigError(f"[{name}] time: required (the column holding the time)")
    return {"table": table}


def _one_line(error):
    return " ".join(str(error).split())
