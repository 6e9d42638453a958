"""Spec -> encoded bytes: the only path from the apps into Pillow (imported here, and only for pictures)."""


def draw_chart(spec, settings, notes=None, remarks=None):
    """Render and encode one chart; ``format=txt|csv`` are written without Pillow.

    Characters no font could draw are added to the list ``notes``; what the chart left out (value
    labels with no room), one line each, to the list ``remarks``.
    """
    from .textformats import TEXT_FORMATS

    if spec.format in TEXT_FORMATS:
        from .textformats import body

        return body(spec)
    from .encode import encode
    from .render import picture

    if spec.type == "qr":  # a code, not a chart: modules drawn pixel-exact by segno (dyngraph[qr])
        from .record import replace
        from .render.qr import render_qr

        scaled = replace(spec, width=spec.width * spec.scale, height=spec.height * spec.scale)
        return encode(render_qr(scaled), spec.format, quality=spec.quality)
    if spec.format == "json":
        import json

        from .render import layout

        return json.dumps(layout(spec, font_path=settings.font_path, max_work=settings.limits.max_work), separators=(",", ":")).encode("utf-8")
    image = picture(spec, font_path=settings.font_path, max_work=settings.limits.max_work)
    if notes is not None and image.info.get("unsupported"):
        notes.extend(image.info["unsupported"])
    if remarks is not None:
        remarks.extend(image.info.get("notes", ()))
    return encode(image, spec.format, quality=spec.quality)


def draw_error(message, fmt, width, height, settings):
    """Render and encode an error message as a small image."""
    from .encode import encode
    from .render import error_picture

    return encode(error_picture(message, width=width, height=height), fmt)
