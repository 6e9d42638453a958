"""Regenerate docs/img/quickchart-*.png and the tables in docs/quickchart.md.

    .venv/bin/python docs/make_quickchart_images.py

Draws real QuickChart URLs (from tests/quickchart_corpus.py) through the
real image application, each at devicePixelRatio 1 so the pictures stay
small (the URLs themselves ask for 2, QuickChart's default), and rewrites
the compatibility tables in docs/quickchart.md from dyngraph.quickchart.compat.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "lib"), str(ROOT / "tests")]

GALLERY = ["docs-bar", "docs-line", "docs-mixed", "docs-radar", "docs-pie", "awesome-doughnut", "docs-scatter",
           "docs-polar", "kona-benchmark", "credibot-hbar", "flutter-read-time", "docs-sparkline",
           "sparkline-api-gradient", "docs-progress-bar", "docs-progress-fundraiser"]
START, END = "<!-- compat:start -->", "<!-- compat:end -->"
GALLERY_START, GALLERY_END = "<!-- gallery:start -->", "<!-- gallery:end -->"


def replace_block(text, start, end, body):
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{body}{end}{tail}"


def _entries():
    from quickchart_corpus import CORPUS, HELD_OUT

    return {c[0]: c for c in CORPUS + HELD_OUT}


def gallery_markdown():
    from urllib.parse import unquote

    entries = _entries()
    lines = ["| dyngraph's drawing | the QuickChart URL (query, decoded) and its source |", "|---|---|"]
    for name in GALLERY:
        _, query, source = entries[name]
        shown = " ".join(unquote(query).split()).replace("|", "&#124;").replace("`", "'")
        if len(shown) > 400:
            shown = shown[:400] + " …"
        lines.append(f"| ![{name}](img/quickchart-{name}.png) | `{shown}`<br>{source} |")
    return "\n".join(lines) + "\n"


def main():
    import webtest

    from dyngraph.graph_app import make_app
    from dyngraph.quickchart import compat
    from dyngraph.settings import Settings
    from quickchart_corpus import as_sent

    app = webtest.TestApp(make_app(Settings()))
    entries = _entries()
    for name in GALLERY:
        query = as_sent(entries[name][1])
        if "devicePixelRatio=" not in query:
            query += "&devicePixelRatio=1"
        body = app.get("/?" + query + "&bkg=white" * ("bkg=" not in query)).body
        (ROOT / "docs" / "img" / f"quickchart-{name}.png").write_bytes(body)
    doc = ROOT / "docs" / "quickchart.md"
    text = doc.read_text(encoding="utf-8")
    text = replace_block(text, START, END, compat.markdown_table())
    text = replace_block(text, GALLERY_START, GALLERY_END, gallery_markdown())
    doc.write_text(text, encoding="utf-8")
    print(f"wrote {len(GALLERY)} images and the tables in {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
