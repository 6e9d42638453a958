"""``dyngraph sources check`` and ``list``: the admin's view of the sources file.

Check reads what a request would read (the file, its columns, a sample row
with its time, SQLite's time index, every chart option) and prints one line
per problem, so a typo shows up in a terminal rather than as a 503.
"""

from ..errors import SpecError


def check(path, limits, out):
    """Print one line per source (ok, with its newest row) or per problem; return the number of problems."""
    from . import READERS, chart_options
    from .config import ConfigError, load

    try:
        sources = load(path)
    except (ConfigError, OSError) as error:
        print(f"problem: {path}: {error}", file=out)
        return 1
    if not sources:
        print(f"problem: {path}: declares no source", file=out)
        return 1
    problems = 0
    for source in sources.values():
        found, summary = _problems(source, limits, READERS, chart_options)
        for line in found:
            print(f"problem: [{source.name}] {line}", file=out)
        if not found:
            print(f"ok: [{source.name}] {summary}", file=out)
        problems += len(found)
    return problems


def _problems(source, limits, readers, chart_options):
    """(problems, a summary line for a source without any)."""
    import importlib

    from .. import datasource

    found = []
    try:
        chart_options(source, {}, limits)
    except (SpecError, datasource.SourceUnavailable) as error:
        found.append(getattr(error, "detail", "") or str(error))
    reader = importlib.import_module(f".{readers[source.type]}", datasource.__name__)
    zone = datasource._zone(dict(source.options).get("tz"))
    try:
        names = reader.columns(source, zone)
        newest = reader.latest(source, zone)
    except reader.ERRORS as error:
        found.append(f"{source.path}: {datasource.reason(error)}")
        return found, ""
    if not names:
        found.append("no numeric column to draw; name them in columns")
    if source.type == "sqlite" and not source.query:
        from .sqlitesource import connect, has_time_index

        connection = connect(source.path)
        try:
            if not has_time_index(connection, source):
                found.append(f"warning: no index on {source.table}({source.time}): every request scans the table; "
                             f"CREATE INDEX {source.table}_{source.time} ON {source.table} ({source.time})")
        finally:
            connection.close()
    if newest is None:
        found.append("no row with a readable time (is 'time' the right column?)")
        return found, ""
    return found, f"{source.type}, columns {', '.join(names)}; newest row at {_iso(newest)}"


def listing(path, out):
    """One line per declared source: name, type, columns, title."""
    from .config import load

    for source in load(path).values():
        options = dict(source.options)
        columns = ",".join(source.columns) or "(every numeric column)"
        print(f"{source.name}\t{source.type}\t{columns}\t{options.get('title', '')}", file=out)


def _iso(seconds):
    from datetime import datetime, timezone

    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
