"""Background and plot-area fills: solid, linear gradients (``lg``) and stripes (``ls``).

A fill is ``(kind, angle, ((colour, number), ...))`` (see styles.read_fill).
The position along the fill's direction is computed once per pixel with
ImageMath (no Python loop per pixel), quantised to 256 levels and coloured
through a palette, so a 1000x300 gradient costs a few milliseconds.
Angle 0 runs left to right, 90 bottom to top, as Google's did.
"""

import math

from .canvas import colour as to_rgba

LEVELS = 256


def paint(canvas, fill, box):
    """Fill ``box`` (left, top, right, bottom, 1x pixels) of the canvas with ``fill``."""
    if not fill:
        return
    kind, angle, stops = fill
    left, top, right, bottom = (round(v) for v in box)
    width, height = right - left, bottom - top
    if width < 1 or height < 1:
        return
    if kind == "s":
        canvas.rect(left, top, right, bottom, stops[0][0])
        return
    scale = canvas.scale  # drawn at output size: a 2x gradient is as smooth as a 1x one
    painted = image(kind, angle, stops, width * scale, height * scale)
    canvas.paste(left, top, painted)
    canvas.ground_image(left, top, painted)  # grid and axis lines read the colour under each of their pieces


def colours(fill, under):
    """Every RGB colour ``fill`` paints, composited onto ``under`` (for choosing inks that read on it)."""
    if not fill:
        return ()
    kind, _, stops = fill
    table = gradient_table(stops) if kind == "lg" else [to_rgba(c) for c, _ in stops]
    return tuple({tuple(round(c * a / 255 + u * (1 - a / 255)) for c, u in zip((r, g, b), under)): None
                  for r, g, b, a in table})


def image(kind, angle, stops, width, height):
    """An RGBA image of the gradient or stripes, ``width`` x ``height``."""
    a = math.radians(angle)
    dx, dy = math.cos(a), -math.sin(a)  # screen y grows downwards
    length = abs(dx) * (width - 1) + abs(dy) * (height - 1) or 1.0
    # t = 0 at the corner where the direction starts, 1 at the opposite one.
    origin = (0.0 if dx >= 0 else width - 1.0, 0.0 if dy >= 0 else height - 1.0)
    from PIL import Image  # here: a chart without a gradient never imports PIL.Image (see pilcore)

    xs = Image.new("F", (width, 1))
    xs.putdata([(x - origin[0]) * dx / length for x in range(width)])
    ys = Image.new("F", (1, height))
    ys.putdata([(y - origin[1]) * dy / length for y in range(height)])
    xs, ys = xs.resize((width, height), Image.Resampling.NEAREST), ys.resize((width, height), Image.Resampling.NEAREST)
    from PIL import ImageMath  # here, not at the top: ~0.5 ms of every cold CGI chart, for gradients only

    if hasattr(ImageMath, "lambda_eval"):
        level = ImageMath.lambda_eval(lambda n: (n["x"] + n["y"]) * (LEVELS - 1) + 0.5, x=xs, y=ys)
    else:  # Pillow < 10.3 has only the string form (a constant here; gone from Pillow 12)
        level = ImageMath.eval("(x + y) * k + 0.5", x=xs, y=ys, k=LEVELS - 1)
    level = level.convert("L")
    table = gradient_table(stops) if kind == "lg" else stripe_table(stops)
    indexed = level.convert("P")
    indexed.putpalette([c for rgba in table for c in rgba], rawmode="RGBA")
    return indexed.convert("RGBA")


def gradient_table(stops):
    """LEVELS RGBA colours: the stops' colours at their offsets, blended between, held beyond."""
    points = sorted(((offset, to_rgba(c)) for c, offset in stops), key=lambda p: p[0])
    table = []
    for i in range(LEVELS):
        t = i / (LEVELS - 1)
        if t <= points[0][0]:
            table.append(points[0][1])
            continue
        if t >= points[-1][0]:
            table.append(points[-1][1])
            continue
        for (t0, c0), (t1, c1) in zip(points, points[1:]):
            if t0 <= t <= t1:
                f = (t - t0) / (t1 - t0) if t1 > t0 else 0.0
                table.append(tuple(round(a + (b - a) * f) for a, b in zip(c0, c1)))
                break
    return table


def stripe_table(stops):
    """LEVELS RGBA colours: stripes of the stops' widths (fractions of the length), repeated."""
    widths = [w for _, w in stops]
    period = sum(widths)
    if period <= 0:
        return [to_rgba(stops[0][0])] * LEVELS
    table = []
    for i in range(LEVELS):
        t = (i / (LEVELS - 1)) % period
        for c, w in stops:
            if t < w:
                table.append(to_rgba(c))
                break
            t -= w
        else:
            table.append(to_rgba(stops[-1][0]))
    return table
