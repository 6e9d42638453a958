"""Specs -> HTML: the page's markup, everything escaped. Standard library only."""

from html import escape

from .api import OUTPUTS, figure as chart_figure, img_tag
from .spec import CHART_TYPES, FORMATS

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1040px;padding:1em;color:#222}
h1{margin:.2em 0}header p{color:#555;margin-top:0}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(490px,100%),1fr));gap:1.2em}
figure,.card{margin:0;border:1px solid #ddd;border-radius:6px;padding:.6em;background:#fafafa;min-width:0}
.card figure{border:0;padding:0}
figure img{display:block;max-width:100%;height:auto}
figcaption{margin:.3em 0;font-size:14px;color:#333}figcaption strong{display:block;font-size:15px;color:#222}
details{margin:.4em 0;overflow-x:auto}summary{cursor:pointer}
table{border-collapse:collapse;font-size:13px}caption{text-align:left;font-weight:600}
th,td{border:1px solid #ccc;padding:.1em .4em;text-align:right}th[scope=row]{text-align:left}
textarea.snippet{width:100%;box-sizing:border-box;font:12px monospace;height:4.5em;resize:vertical}
form.builder{display:grid;grid-template-columns:8em 1fr;gap:.4em .8em;max-width:720px;align-items:center}
form.builder input[type=text]{width:100%;box-sizing:border-box}
.error{color:#a00;background:#fee;border:1px solid #fbb;padding:.5em;border-radius:4px}
"""


def page(*, gallery, builder_fields, built, error, script, settings=None, google=(), sources=()):
    """The whole page: builder (with its result), gallery, the declared sources' live charts, Google URLs."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>dyngraph: charts drawn on the fly</title>",
        '<link rel="icon" href="data:,">',  # no favicon request, no 404 in the browser console
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>dyngraph</h1><p>Charts drawn on the fly: this page's <code>&lt;img&gt;</code> tags "
        "point at <code>get_graph.py</code>, which draws each chart from its query string.</p></header>",
        "<main>",
        builder(builder_fields, built, error, script, settings),
        '<h2 id="gallery">Gallery</h2><div class="gallery">',
        *(figure(caption, spec, script, settings) for caption, spec in gallery),
        "</div>",
        *sources_section(sources, script),
        *google_section(google, script),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def figure(caption, spec, script, settings=None):
    """One gallery card: the chart as api.figure() writes it (caption, description, data table), and
    its <img> tag to copy."""
    tag = img_tag(spec, script, settings=settings)
    return (
        f'<div class="card">{chart_figure(spec, script, caption=caption, settings=settings)}'
        f'<textarea class="snippet" readonly aria-label="HTML for {escape(caption)}">{escape(tag)}</textarea></div>'
    )


def _framed(caption, tag):
    """An <img> tag in a figure, with its caption and the tag itself to copy."""
    return (
        f"<figure><figcaption>{escape(caption)}</figcaption>{tag}"
        f'<textarea class="snippet" readonly aria-label="HTML for {escape(caption)}">{escape(tag)}</textarea>'
        "</figure>"
    )


def google_section(examples, script):
    """Old Google Image Charts URLs drawn by get_graph.py: the drop-in, shown working."""
    if not examples:
        return []
    intro = ('<h2 id="google">Google Image Charts URLs</h2><p>URLs written for Google\'s retired '
             "<code>chart.googleapis.com/chart</code> work here unchanged: point them at "
             "<code>get_graph.py</code>.</p>")
    return [intro, '<div class="gallery">', *(_google_figure(*example, script) for example in examples), "</div>"]


def sources_section(sources, script):
    """The site's declared data sources (DYNGRAPH_SOURCES), each as its live chart."""
    if not sources:
        return []
    intro = ('<h2 id="sources">Live data</h2><p>Each chart reads a data source declared on this server '
             "(<code>source=</code>, see docs/sources.md) and shows its latest data whenever it is loaded.</p>")
    return [intro, '<div class="gallery">', *(_google_figure(*entry, script) for entry in sources), "</div>"]


def _google_figure(caption, query, width, height, script):
    src = f"{script}?{query.replace('|', '%7C')}"  # a raw | is not allowed in a URL (the reader decodes %7C)
    return _framed(caption, f'<img src="{escape(src)}" width="{width}" height="{height}" alt="{escape(caption)}">')


def _select(name, options, current):
    opts = "".join(
        f'<option{" selected" if o == current else ""}>{escape(o)}</option>' for o in options
    )
    return f'<select name="{name}" id="f-{name}">{opts}</select>'


def _text(name, value, placeholder=""):
    return (
        f'<input type="text" name="{name}" id="f-{name}" value="{escape(value)}" '
        f'placeholder="{escape(placeholder)}">'
    )


def builder(fields, built, error, script, settings=None):
    """The GET form that builds a chart, and its result or error."""
    rows = [
        ("type", _select("type", CHART_TYPES, fields.get("type", "line"))),
        ("data", _text("data", fields.get("data", ""), "1,5,3|2,4,6")),
        ("labels", _text("labels", fields.get("labels", ""), "Mon|Tue|Wed")),
        ("times", _text("times", fields.get("times", ""), "2026-03-02,2026-03-03T12:00,2026-03-05")),
        ("tz", _text("tz", fields.get("tz", ""), "UTC")),
        ("legend", _text("legend", fields.get("legend", ""), "This week|Last week")),
        ("title", _text("title", fields.get("title", ""), "Chart title")),
        ("width", _text("width", fields.get("width", ""), "480")),
        ("height", _text("height", fields.get("height", ""), "240")),
        ("format", _select("format", FORMATS, fields.get("format", "jpeg"))),
        ("output", _select("output", OUTPUTS, fields.get("output", "url"))),  # see docs/transport.md
    ]
    form = "".join(f'<label for="f-{name}">{name}</label>{control}' for name, control in rows)
    result = ""
    if error:
        result = f'<p class="error" role="alert">{escape(error)}</p>'
    elif built is not None:
        tag = img_tag(built, script, output=fields.get("output") or "url", settings=settings)
        result = (
            f'<figure id="built"><figcaption>Your chart</figcaption>{tag}'
            f'<textarea class="snippet" readonly aria-label="HTML for your chart">{escape(tag)}</textarea></figure>'
        )
    return (
        '<h2 id="builder">Build a chart</h2>'
        f'<form class="builder" method="get">{form}'
        '<span></span><button type="submit">Draw</button></form>'
        f"{result}"
    )
