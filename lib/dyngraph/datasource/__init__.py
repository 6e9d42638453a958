"""Declared data sources: ``source=<name>`` charts the server's own data (docs/sources.md).

A reader onto the native spec, like dyngraph.google: the URL picks a source
the admin declared in the sources file (``DYNGRAPH_SOURCES``), a time window
(``from``/``until``), optionally a subset of its ``columns``, and any chart
option. Nothing from the URL reaches a path, SQL text or a command: it only
selects among names the file declares, and times are numbers by then.

The request is answered in two steps so that a 304 costs a few ``stat`` calls:
:func:`request` checks the parameters; its loader reads the sources file
and stats the data files, giving the identity of the picture (for the ETag)
and ``spec``, which reads the window, reduces it per pixel column and builds
the ChartSpec.
"""

from ..errors import NotFound, SourceUnavailable, SpecError, shown

OWN_PARAMS = ("source", "from", "until", "columns")
CHART_TYPES = ("line", "area", "sparkline")
READERS = {"csv": "linesource", "jsonl": "linesource", "sqlite": "sqlitesource", "rrd": "rrdsource"}
SKIPPED_HEADER = "X-Dyngraph-Unsupported"


class SourceChart:
    """A checked source request: ``canonical`` (what the ETag covers), ``max_age``, then ``spec`` on demand."""

    report = None  # only Google's chof=validate has one

    def __init__(self, canonical, max_age, load):
        self.canonical, self.max_age = canonical, max_age
        self._load, self._spec, self.headers = load, None, ()

    @property
    def spec(self):
        """Read the window and build the ChartSpec (once); headers then name skipped rows or sampling."""
        from .result import SAMPLE

        if self._spec is None:
            self._spec, data = self._load()
            notes = []
            if data.skipped:
                notes.append(f"skipped {data.skipped} bad row{'s' * (data.skipped != 1)}")
            if data.sampled:
                notes.append(f"the window holds about {data.sampled} rows, more than one request reads: "
                             f"{SAMPLE} rows read per pixel column, lows and highs between them not seen")
            if notes:
                self.headers = ((SKIPPED_HEADER, f"source ({'; '.join(notes)})"),)
        return self._spec


def declared(settings):
    """{name: Source} from the settings' sources file; {} when none is set."""
    if not settings.sources:
        return {}
    from .config import ConfigError, load

    try:
        return load(settings.sources)
    except (ConfigError, OSError) as error:
        raise SourceUnavailable("source: the sources file cannot be read; see the server's error log",
                                f"DYNGRAPH_SOURCES: {error}") from None


def url(name, script="get_graph.py", *, settings, **params):
    """``get_graph.py?source=<name>&…`` for a page, signed when the site signs.

    ``params`` are URL parameters (``from_`` for ``from``); the signed text is
    exactly what :func:`request` checks, built by the same code.
    """
    from ..signing import sign

    pairs = [("source", name)] + [(k.rstrip("_"), str(v)) for k, v in params.items()]
    signed_text, _ = request(pairs, settings)
    return f"{script}?{sign(signed_text, settings)}"


def page_entries(settings, log=None):
    """(caption, signed query, width, height) of each declared source, for page.py; none if the file is broken."""
    try:
        sources = declared(settings)
    except SourceUnavailable as error:
        import sys

        print(f"dyngraph: {error.detail}", file=log or sys.stderr)
        return []
    from ..spec import DEFAULT_SIZE, DEFAULT_SIZES

    entries = []
    for source in sources.values():
        options = dict(source.options)
        default = DEFAULT_SIZES.get(options.get("type", "line"), DEFAULT_SIZE)
        sizes = [options.get(k, "") for k in ("width", "height")]
        width, height = (int(v) if v.isascii() and v.isdigit() else d for v, d in zip(sizes, default))
        caption = f"{options.get('title') or source.name} (source={source.name})"
        entries.append((caption, url(source.name, "", settings=settings)[1:], width, height))
    return entries


def request(pairs, settings, *, now=None):
    """Decoded (name, value) pairs of a ``source=`` request -> (signed text, loader of a SourceChart).

    The signed text is the URL's own parameters, canonical; it is checked
    before the loader reads the sources file or looks at any data file.
    """
    from ..spec import PARAMS, quote

    from .config import FILLED_BY_SOURCE

    limits = settings.limits
    accepted = OWN_PARAMS + tuple(p for p in PARAMS if p not in FILLED_BY_SOURCE and p not in OWN_PARAMS)
    params = {}
    for name, value in pairs:
        if name in params:
            raise SpecError(name, "given more than once; give it once")
        if name not in accepted:
            raise SpecError(name, f"unknown parameter with source=; accepted: {', '.join(accepted)}")
        params[name] = value
    url_options = {k: PARAMS[k].write(PARAMS[k].read(v, limits)) for k, v in params.items() if k not in OWN_PARAMS}
    wanted = _columns_param(params.get("columns"), limits)
    pieces = [("source", params["source"])] + [(k, params[k]) for k in ("from", "until") if k in params]
    if wanted:
        pieces.append(("columns", ",".join(wanted)))
    pieces += [(k, url_options[k]) for k in PARAMS if k in url_options]
    signed_text = "&".join(f"{k}={quote(v)}" for k, v in pieces)

    def load():
        source = declared(settings).get(params["source"])
        if source is None:
            raise NotFound(f"source: unknown source {shown(params['source'])}")
        options = chart_options(source, url_options, limits)
        return _chart(source, params, wanted, options, signed_text, settings, now)

    return signed_text, load


def chart_options(source, url_options, limits):
    """{param: text} of chart options: the file's defaults, then the URL's (already checked)."""
    from ..spec import PARAMS

    options = {}
    for key, text in source.options:
        try:
            PARAMS[key].read(text, limits)
        except SpecError as error:
            raise SourceUnavailable(f"source: {shown(source.name)} has a bad chart option; see the server's "
                                    "error log", f"DYNGRAPH_SOURCES [{source.name}] {error}") from None
        options[key] = text
    options.update(url_options)
    kind = options.get("type", "line")
    if kind not in CHART_TYPES:
        raise SpecError("type", f"a source is drawn as {', '.join(CHART_TYPES)}; got {shown(kind)}")
    options["type"] = kind
    return options


def _chart(source, params, wanted, options, signed_text, settings, now):
    from ..spec import DEFAULT_SIZE, DEFAULT_SIZES, PARAMS

    from .window import window

    if now is None:
        import time

        now = time.time()
    limits = settings.limits
    zone = _zone(options.get("tz"))
    data_zone = _zone(dict(source.options).get("tz"))  # the data's naive times are the file's zone
    width = PARAMS["width"].read(options["width"], limits) if "width" in options else \
        DEFAULT_SIZES.get(options["type"], DEFAULT_SIZE)[0]
    defaults = dict(source.options)  # the sources file may set the default window too (from = -7d)
    span = window(params.get("from", defaults.get("from")), params.get("until", defaults.get("until")),
                  width, now, zone)
    stamps = [_stamp(source, settings.sources)] + [_stamp(source, p) for p in _paths(source)]
    canonical = f"source\n{signed_text}\n{span.start!r},{span.end!r}\n{stamps}"

    def load():
        data = _read(source, wanted, span, limits, data_zone)
        from .native import to_spec
        from .reduce import reduce_rows

        times, series = reduce_rows(data.times, data.series, span.start, span.end, width)
        defaults = {k for k, _ in source.options} - set(params)
        return to_spec(times, data.names, series, span, options, limits, defaults), data

    return SourceChart(canonical, span.quantum, load)


def _read(source, wanted, span, limits, zone):
    """The source's reader over the window, any failure to read it a 503 naming only the source."""
    import importlib

    reader = importlib.import_module(f".{READERS[source.type]}", __name__)
    try:
        names = reader.columns(source, zone)
        if wanted:
            unknown = [c for c in wanted if c not in names]
            if unknown:
                raise SpecError("columns", f"must be among {', '.join(names)}; got {shown(unknown[0])}")
            names = wanted
        return reader.read(source, names, span, limits, zone)
    except reader.ERRORS as error:  # the file's fault, not the request's: a 503 naming the source
        raise unavailable(source, error) from None


def unavailable(source, error):
    """The 503 for a source that cannot be read: the client sees the name, the log the path and why."""
    return SourceUnavailable(f"source: {shown(source.name)} cannot be read right now; see the server's error log",
                             f"source [{source.name}] {source.path}: {reason(error)}")


def reason(error):
    """Why a source could not be read, in the system's or the library's words, on one line."""
    return getattr(error, "strerror", None) or " ".join(str(error).split()) or type(error).__name__


def _paths(source):
    """The files whose change changes the picture (SQLite's write-ahead log too)."""
    return (source.path, source.path + "-wal") if source.type == "sqlite" else (source.path,)


def _stamp(source, path):
    """(size, mtime in ns) of a file; a missing WAL is simply absent, any other missing file a 503."""
    import os

    try:
        info = os.stat(path)
    except OSError as error:
        if path.endswith("-wal") and path != source.path:
            return None
        raise unavailable(source, error) from None
    return info.st_size, info.st_mtime_ns


def _columns_param(text, limits):
    """``columns=a,b``: names (checked against the source when it is read), each once."""
    if text is None:
        return []
    names = [c.strip() for c in text.split(",")]
    if not all(names) or len(names) > limits.max_series or max(map(len, names)) > limits.max_label_length:
        raise SpecError("columns", f"must be 1 to {limits.max_series} column names separated by ','")
    if len(set(names)) != len(names):
        raise SpecError("columns", "names a column twice")
    return names


def _zone(name):
    """The named zone; UTC when none is named (never the server's local zone)."""
    from .. import timeparse

    return timeparse.zone(name) if name else timeparse.UTC
