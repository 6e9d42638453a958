"""The ``dyngraph`` command: render a chart to a file, or serve the bundle locally."""

import argparse
import sys

EXTENSIONS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}


def main(argv=None):
    """Entry point for ``python -m dyngraph`` and the ``dyngraph`` script."""
    parser = argparse.ArgumentParser(prog="dyngraph", description="Charts drawn on the fly.")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="draw a chart from a query string into a file")
    render.add_argument("query", help="a query string, e.g. 'type=line&data=1,2,3'")
    render.add_argument("-o", "--output", required=True, help="output file; the format follows the extension, '-' for stdout")
    serve = commands.add_parser("serve", help="serve page.py and get_graph.py with wsgiref")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)
    if args.command == "serve":
        from .devserver import serve as run_server

        run_server(args.host, args.port, quiet=args.quiet)
        return 0
    return _render(args.query, args.output)


def _render(query, output):
    import os
    from dataclasses import replace

    from .draw import draw_chart
    from .errors import SpecError
    from .settings import from_environ
    from .sources import resolve

    settings = from_environ(os.environ)
    try:
        spec = resolve(query.lstrip("?"), settings)
        if output != "-":
            fmt = EXTENSIONS.get(os.path.splitext(output)[1].lower())
            if fmt is None:
                raise SpecError("output", f"extension must be one of {', '.join(EXTENSIONS)}")
            spec = replace(spec, format=fmt)
    except (SpecError, ValueError) as error:
        print(f"dyngraph: {error}", file=sys.stderr)
        return 2
    body = draw_chart(spec, settings)
    if output == "-":
        sys.stdout.buffer.write(body)
    else:
        with open(output, "wb") as f:
            f.write(body)
    return 0
