"""PIL Image -> bytes per format; MIME table. Imports Pillow; used only once a chart is drawn."""

import io
import struct
import zlib

import PIL
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
    if fmt == "png":
        core = _palette_core(image)
        if core is not None:
            return _png_from_core(core)
        small = palette(image)
        if small.mode == "P":
            return palette_png(small)
    if fmt == "jpeg" and PIL.__version__.split(".")[0] in JPEG_CONFIG_PILLOW:
        return jpeg(flatten(image), quality=quality)
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
    flat = quantized.getpalette()
    quantized.putpalette(_snapped(flat, colours, image.width * image.height))
    return quantized


def _snapped(flat, colours, pixels):
    """The quantizer's palette ``flat`` (r, g, b, r, ...) with the key colours among ``colours`` made exact."""
    entries = [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
    exact = set(entries)
    colours.sort(reverse=True)
    least = pixels // 1000  # key colours cover at least 0.1% of the image
    top = {c for _, c in colours[:KEY_COLOURS]}
    keys = [c for n, c in colours[:KEY_COLOURS] if n >= least and c not in exact]
    free = set(range(len(entries))) - {i for i, e in enumerate(entries) if e in top}
    for key in keys:
        kr, kg, kb = key
        # Only entries within SNAP_DISTANCE can be taken, so the nearest is sought among those alone.
        near = [i for i in free if abs(entries[i][0] - kr) <= SNAP_DISTANCE
                and abs(entries[i][1] - kg) <= SNAP_DISTANCE and abs(entries[i][2] - kb) <= SNAP_DISTANCE]
        if near:
            best = min(near, key=lambda i: max(abs(entries[i][0] - kr), abs(entries[i][1] - kg),
                                               abs(entries[i][2] - kb)))
            entries[best] = key
            free.discard(best)
    return bytes(c for entry in entries for c in entry)


def _palette_core(image):
    """``palette(image).im`` without Image.quantize's import of ImagePalette (and array): ~1 ms cold.

    Works on Pillow's core image object; None when the image keeps its
    colours (not RGB, or too many colours) or should Pillow's internals change.
    """
    if image.mode != "RGB":
        return None
    colours = image.getcolors(4096)
    if colours is None:
        return None
    try:
        core = image.im.quantize(256, Image.Quantize.FASTOCTREE, 0)
        flat = core.getpalette("RGB", "RGB")
        core.putpalette("RGB", "RGB", _snapped(flat, colours, image.width * image.height))
    except (AttributeError, TypeError):
        return None
    return core


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def palette_png(image, *, level=6):
    """A palette image as PNG bytes, written with struct and zlib.

    Pillow's PNG plugin drags in ImageFile, logging and fractions (~8 ms of a
    cold CGI request); a palette PNG is four chunks, so we write it ourselves.
    Scanlines use filter 0 (none), which the PNG spec recommends for palettes.
    """
    image.load()
    return _png_from_core(image.im, level=level)


def _png_from_core(core, *, level=6):
    width, height = core.size
    raw = _encoded(core, "raw", "P")
    scanlines = b"".join(b"\x00" + raw[row:row + width] for row in range(0, width * height, width))
    colours = core.getpalette("RGB", "RGB")[: 3 * (core.getextrema()[1] + 1)]
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit indexed, no interlace
    return b"".join((
        PNG_SIGNATURE,
        _chunk(b"IHDR", header),
        _chunk(b"PLTE", bytes(colours)),
        _chunk(b"IDAT", zlib.compress(scanlines, level)),
        _chunk(b"IEND", b""),
    ))


def _chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


# Pillow major versions whose JPEG encoder takes the argument tuple ``jpeg`` builds
# (JpegImagePlugin._save's ``encoderconfig``); test_encode checks the bytes equal
# Image.save's, so a version is added here only once that test passes on it.
JPEG_CONFIG_PILLOW = ("13",)


def jpeg(image, *, quality=90):
    """An RGB or L image as baseline JPEG, 4:4:4, from Pillow's C encoder without JpegImagePlugin.

    The plugin imports ImageFile (and logging) and subprocess: ~7 ms of a cold
    CGI request, for a tuple of settings. The bytes are Image.save's.
    """
    config = (
        quality, False, 0, False, False, 0,  # quality, progressive, smooth, optimize, keep_rgb, streamtype
        [0, 0], 0, 0, 0,  # dpi, subsampling 4:4:4, restart marker blocks and rows
        None, None, b"", b"",  # qtables, comment, extra markers, exif
    )
    image.load()
    return _encoded(image.im, "jpeg", image.mode, config)


def _encoded(core, name, *args):
    """Run Pillow's C encoder ``name`` over a whole core image, as ImageFile._save does, without importing it."""
    encoder = Image._getencoder(core.mode, name, *args)
    encoder.setimage(core, (0, 0, *core.size))
    chunks = []
    try:
        while True:
            _, status, data = encoder.encode(max(65536, core.size[0] * 4))
            chunks.append(data)
            if status:
                break
    finally:
        encoder.cleanup()
    if status < 0:
        msg = f"{name} encoder error {status}"
        raise OSError(msg)
    return b"".join(chunks)


def _raw_bytes(image):
    """``image.tobytes()`` without its ``from . import ImageFile``, which imports logging (~4 ms cold).

    Runs the same C raw encoder loop as ``Image.tobytes``; falls back to it
    should Pillow's internal ``_getencoder`` ever change.
    """
    try:
        image.load()
        return _encoded(image.im, "raw", image.mode)
    except (AttributeError, TypeError):
        return image.tobytes()
