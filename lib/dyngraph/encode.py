"""PIL Image -> bytes per format. Imports Pillow; used only once a chart is drawn."""

import io

from PIL import Image

MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_PLUGINS = {"jpeg": "JpegImagePlugin", "png": "PngImagePlugin", "gif": "GifImagePlugin", "webp": "WebPImagePlugin"}


def _load_plugin(fmt):
    """Import only the one encoder needed; Image.save() would import them all (~12 ms)."""
    __import__(f"PIL.{_PLUGINS[fmt]}")
    Image._initialized = max(Image._initialized, 1)


def encode(image, fmt, *, quality=90):
    """Encode ``image`` as ``fmt``; JPEG without chroma subsampling keeps thin colour lines clean."""
    _load_plugin(fmt)
    out = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(out, "JPEG", quality=quality, subsampling=0, optimize=False)
    elif fmt == "png":
        _palette_if_small(image).save(out, "PNG", optimize=False, compress_level=6)
    elif fmt == "gif":
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "GIF")
    elif fmt == "webp":
        image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


def _palette_if_small(image):
    """Charts use few colours: a palette PNG is far smaller, with no visible loss."""
    if image.mode == "RGBA":
        return image
    colours = image.getcolors(256)
    if colours is None:
        return image
    return image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
