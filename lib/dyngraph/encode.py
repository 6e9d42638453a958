"""PIL Image -> bytes per format; MIME table. Imports Pillow; used only once a chart is drawn."""

import io

from PIL import Image

MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_PLUGINS = {"jpeg": "JpegImagePlugin", "png": "PngImagePlugin", "gif": "GifImagePlugin", "webp": "WebPImagePlugin"}
KEY_COLOURS = 24  # the most frequent colours, kept exact when a PNG or GIF is quantized
SNAP_DISTANCE = 12  # a palette entry this close (per channel) to a key colour becomes it
FLATTEN_ONTO = (255, 255, 255)


def _load_plugin(fmt):
    """Import only the one encoder needed.

    ``Image.save()`` calls ``Image.init()``, which imports every format plugin
    (~12 ms, a quarter of a CGI request) unless ``Image._initialized`` says it
    already ran; registering the one plugin we use and raising the flag skips it.
    """
    __import__(f"PIL.{_PLUGINS[fmt]}")
    Image._initialized = max(Image._initialized, 1)


def encode(image, fmt, *, quality=90):
    """Encode ``image`` as ``fmt``; JPEG without chroma subsampling keeps thin colour lines clean."""
    if fmt not in MIME_TYPES:
        msg = f"unknown format {fmt!r}; expected one of {', '.join(MIME_TYPES)}"
        raise ValueError(msg)
    _load_plugin(fmt)
    out = io.BytesIO()
    if fmt == "jpeg":
        flatten(image).save(out, "JPEG", quality=quality, subsampling=0, optimize=False)
    elif fmt == "png":
        palette(image).save(out, "PNG", compress_level=6)
    elif fmt == "gif":
        palette(flatten(image), lossless_only=False).save(out, "GIF")
    else:
        image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


def flatten(image):
    """An RGB image: a translucent background is composited onto white (JPEG and GIF have no alpha)."""
    if image.mode == "RGB":
        return image
    rgba = image.convert("RGBA")
    base = Image.new("RGBA", rgba.size, FLATTEN_ONTO + (255,))
    return Image.alpha_composite(base, rgba).convert("RGB")


def palette(image, *, lossless_only=False):
    """A palette image when that loses nothing visible, else ``image`` unchanged.

    Antialiased charts have a few hundred colours: the octree quantizer maps
    them onto 256 with errors only in edge pixels, and the most frequent
    colours (background, series, text) are then put back exactly.
    """
    if image.mode != "RGB":
        return image
    colours = image.getcolors(4096)
    if colours is None or lossless_only:
        return image
    quantized = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    entries = quantized.getpalette()
    entries = [tuple(entries[i:i + 3]) for i in range(0, len(entries), 3)]
    claimed = set()
    colours.sort(reverse=True)
    for _, key in colours[:KEY_COLOURS]:
        best, distance = None, SNAP_DISTANCE + 1
        for index, entry in enumerate(entries):
            d = max(abs(entry[0] - key[0]), abs(entry[1] - key[1]), abs(entry[2] - key[2]))
            if d < distance and index not in claimed:
                best, distance = index, d
        if best is not None:
            entries[best] = key
            claimed.add(best)
    quantized.putpalette([c for entry in entries for c in entry])
    return quantized
