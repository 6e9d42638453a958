"""Regenerate docs/img/google-*.png and the tables in docs/google.md.

    .venv/bin/python docs/make_google_images.py

Draws a gallery of Google's own developer-guide example URLs (from
tests/google_corpus.py) through the real image application, and rewrites the
compatibility tables in docs/google.md from dyngraph.google.compat.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "lib"), str(ROOT / "tests")]

GALLERY = ["hello-world-p3", "line-granularity-20", "lxy-three-lines", "sparkline", "bvs-scaled", "bhg-simple",
           "bvg-three-groups", "bvo-overlapped", "pie-months", "scatter-sizes", "mpg-lxy", "qr-hello-world",
           "guide-shape-markers", "guide-grid-lines", "srtu-bvg-tick-colour", "radar-filled",
           "radar-spline-learning-styles"]
START, END = "<!-- compat:start -->", "<!-- compat:end -->"
GALLERY_START, GALLERY_END = "<!-- gallery:start -->", "<!-- gallery:end -->"


def replace_block(text, start, end, body):
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{body}{end}{tail}"


def gallery_markdown():
    from google_corpus import CORPUS

    entries = {c[0]: c for c in CORPUS}
    lines = ["| dyngraph's drawing | Google URL (query) and source |", "|---|---|"]
    for name in GALLERY:
        _, query, source, _, _ = entries[name]
        shown = query.replace("|", "&#124;")
        lines.append(f"| ![{name}](img/google-{name}.png) | `{shown}`<br>{source} |")
    return "\n".join(lines) + "\n"


def main():
    import webtest

    from dyngraph.google import compat
    from dyngraph.graph_app import make_app
    from dyngraph.settings import Settings
    from google_corpus import CORPUS

    app = webtest.TestApp(make_app(Settings()))
    entries = {c[0]: c for c in CORPUS}
    for name in GALLERY:
        body = app.get("/?" + entries[name][1]).body
        (ROOT / "docs" / "img" / f"google-{name}.png").write_bytes(body)
    doc = ROOT / "docs" / "google.md"
    text = doc.read_text(encoding="utf-8")
    text = replace_block(text, START, END, compat.markdown_table())
    text = replace_block(text, GALLERY_START, GALLERY_END, gallery_markdown())
    doc.write_text(text, encoding="utf-8")
    print(f"wrote {len(GALLERY)} images and the tables in {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
