"""An HTML image map from the layout ``format=json`` reports: one ``<area>`` per bar, slice or point.

Bars get their rectangle, slices and points a circle around the slice's middle
or the point; each area's ``title`` and ``alt`` say its label and value, so a
chart has tooltips (and links, with ``href``) without any JavaScript. Pure:
the layout comes in as data (``render.layout(spec)``).
"""

from html import escape

POINT_RADIUS = 8  # px: a target a pointer can hit, about a finger's width at 1x
SLICE_RADIUS = 14


def areas(spec, layout):
    """[(shape, coords, text, series, index)] for the chart drawn by ``layout`` (at scale 1)."""
    from .describe import number, position_name

    out = []
    if spec.type in ("pie", "donut"):
        values = [v for ring in spec.data for v in ring]
        total = sum(v for v in values if v is not None) or 1
        exact = len(values) == len(layout["series"])  # slices folded into 'Other' keep only their names
        for index, entry in enumerate(layout["series"]):
            point = entry["points"][0] if entry["points"] else None
            if point is None:
                continue
            name = entry["name"] or f"Slice {index + 1}"
            value = values[index] if exact else None
            text = name if value is None else f"{name}: {number(value)} ({round(100 * value / total)}%)"
            out.append(("circle", _coords(point, SLICE_RADIUS), text, 0, index))
        return out
    for n, entry in enumerate(layout["series"]):
        data = spec.data[n] if n < len(spec.data) else ()
        boxes = entry.get("boxes") or ()
        for i, point in enumerate(entry["points"]):
            if point is None:
                continue
            who = f" ({entry['name']})" if entry["name"] else ""
            if spec.type == "scatter" and not (spec.times or spec.start is not None):
                x, y = data[2 * i], data[2 * i + 1]
                text = f"{entry['name'] + ': ' if entry['name'] else ''}({number(x)}, {number(y)})"
            else:
                value = data[i] if i < len(data) else None
                text = f"{position_name(spec, i)}{who}: {'missing' if value is None else number(value)}"
            box = boxes[i] if i < len(boxes) else None
            if box is not None:
                left, top, right, bottom = (round(v) for v in box)
                out.append(("rect", f"{left},{top},{max(right, left + 1)},{max(bottom, top + 1)}", text, n, i))
            else:
                out.append(("circle", _coords(point, POINT_RADIUS), text, n, i))
    return out


def _coords(point, radius):
    return f"{round(point[0])},{round(point[1])},{radius}"


def html(name, spec, layout, *, href=None):
    """``<map name=…>`` with one ``<area>`` per bar, slice or point; ``href(series, index)`` makes them links."""
    parts = [f'<map name="{escape(name)}">']
    for shape, coords, text, series, index in areas(spec, layout):
        link = href(series, index) if href else None
        target = f' href="{escape(link)}"' if link else ""
        parts.append(f'<area shape="{shape}" coords="{coords}"{target} alt="{escape(text)}" title="{escape(text)}">')
    parts.append("</map>")
    return "".join(parts)
