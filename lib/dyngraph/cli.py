"""The ``dyngraph`` command: render a chart to a file, or serve the bundle locally."""

import argparse
import sys

EXTENSIONS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp", ".json": "json",
              ".txt": "txt", ".csv": "csv"}


def main(argv=None):
    """Entry point for ``python -m dyngraph`` and the ``dyngraph`` script.

    Errors the operator can fix (a bad query, a bad setting, a file that cannot be written)
    are one line on stderr and exit status 2, never a traceback.
    """
    from .errors import SpecError

    try:
        return _main(argv)
    except (SpecError, OSError) as error:
        detail = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.strerror and \
            error.filename else str(error)
        print(f"dyngraph: {detail}", file=sys.stderr)
        return 2


def _main(argv):
    parser = argparse.ArgumentParser(prog="dyngraph", description="Charts drawn on the fly.")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="draw a chart from a query string into a file")
    render.add_argument("query", help="a query string, e.g. 'type=line&data=1,2,3'")
    render.add_argument("-o", "--output", required=True, help="output file; the format follows the extension, '-' for stdout")
    serve = commands.add_parser("serve", help="serve page.py and get_graph.py with wsgiref")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--quiet", action="store_true", help="do not log each request")
    export = commands.add_parser("export", help="write a chart into a directory under a content-hash name; "
                                 "print its <img> tag")
    export.add_argument("query", help="a query string, e.g. 'type=line&data=1,2,3&format=png'")
    export.add_argument("--dir", required=True, help="directory to write into (created if missing)")
    export.add_argument("--url-prefix", default="", help="what to put before the file name in src, e.g. /charts/")
    export.add_argument("--alt", default=None, help="alt text (default: a generated description)")
    cleanup = commands.add_parser("cleanup", help="remove exported chart files (dg-….png etc.) older than an age")
    cleanup.add_argument("dir", help="the directory given to export")
    cleanup.add_argument("--older-than", required=True, help="age like 3600, 30m, 12h, 7d or 2w")
    declared = commands.add_parser("sources", help="check or list the declared data sources (DYNGRAPH_SOURCES)")
    declared.add_argument("action", choices=("check", "list"), help="check: one line per problem, exit 1 on any")
    declared.add_argument("--file", default=None, help="the sources file (default: $DYNGRAPH_SOURCES)")
    install = commands.add_parser("install-cgi", help="write page.py and get_graph.py into DIR (mode 755), "
                                  "run by this interpreter")
    install.add_argument("dir", help="the cgi-bin directory to write into (created if missing)")
    install.add_argument("--shebang", default=None, help="what follows '#!' (default: this interpreter, "
                         f"{sys.executable})")
    args = parser.parse_args(argv)
    if args.command == "install-cgi":
        return _install_cgi(args.dir, args.shebang)
    if args.command == "sources":
        return _sources(args.action, args.file)
    if args.command == "serve":
        from .devserver import serve as run_server

        run_server(args.host, args.port, quiet=args.quiet)
        return 0
    if args.command == "export":
        return _export(args.query, args.dir, args.url_prefix, args.alt)
    if args.command == "cleanup":
        return _cleanup(args.dir, args.older_than)
    return _render(args.query, args.output)


def _export(query, directory, url_prefix, alt):
    import os
    from dataclasses import replace

    from .api import export
    from .errors import SpecError
    from .settings import from_environ
    from .sources import resolve

    settings = replace(from_environ(os.environ), secrets=())  # the operator's own command needs no signature
    try:
        spec = resolve(shell_query(query), settings)
        tag = export(spec, directory, url_prefix=url_prefix, alt=alt, settings=settings)
    except (SpecError, OSError) as error:
        print(f"dyngraph: {error}", file=sys.stderr)
        return 2
    print(tag)
    return 0


def _sources(action, path):
    import os

    from .settings import from_environ

    settings = from_environ(os.environ)
    path = path or settings.sources
    if not path:
        print("dyngraph: no sources file: set DYNGRAPH_SOURCES or give --file", file=sys.stderr)
        return 2
    from .datasource.check import check, listing

    if action == "list":
        try:
            listing(path, sys.stdout)
        except (OSError, ValueError) as error:
            print(f"dyngraph: {error}", file=sys.stderr)
            return 2
        return 0
    return 1 if check(path, settings.limits, sys.stdout) else 0


def _install_cgi(directory, shebang):
    from .cgi_scripts import install

    try:
        paths = install(directory, shebang=shebang)
    except (ValueError, OSError) as error:
        print(f"dyngraph: install-cgi: {error}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path}")
    return 0


def _cleanup(directory, older_than):
    from .errors import SpecError
    from .export import cleanup, parse_age

    try:
        removed = cleanup(directory, parse_age(older_than))
    except (SpecError, OSError) as error:
        print(f"dyngraph: {error}", file=sys.stderr)
        return 2
    for name in removed:
        print(f"removed {name}")
    return 0


def _render(query, output):
    import os
    from dataclasses import replace

    from .draw import draw_chart
    from .errors import SpecError
    from .settings import from_environ
    from .sources import resolve

    settings = replace(from_environ(os.environ), secrets=())  # the operator's own command needs no signature
    try:
        spec = resolve(shell_query(query), settings)
        if output != "-":
            fmt = EXTENSIONS.get(os.path.splitext(output)[1].lower())
            if fmt is None:
                raise SpecError("output", f"extension must be one of {', '.join(EXTENSIONS)}")
            spec = replace(spec, format=fmt)
        body = draw_chart(spec, settings)  # the work budget may refuse it while drawing
    except (SpecError, ValueError) as error:
        print(f"dyngraph: {error}", file=sys.stderr)
        return 2
    if output == "-":
        sys.stdout.buffer.write(body)
    else:
        with open(output, "wb") as f:
            f.write(body)
    return 0


def shell_query(query):
    """A query string as typed in a shell: a leading '?' dropped, non-ASCII text percent-encoded.

    URLs carry only ASCII, so the server rejects raw UTF-8; on the command
    line ``labels=Café`` is what people type, and means ``labels=Caf%C3%A9``.
    """
    return "".join(c if c.isascii() else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in query.lstrip("?"))
