"""Image -> bytes per format; MIME table. Imports Pillow; used only once a chart is drawn.

An image is a PIL image or a pilcore.Surface: PNG and JPEG are made from Pillow's C core without
importing PIL.Image (see pilcore); GIF, WebP and gradients go through Image.save.
"""

import io
import struct
import zlib

import PIL

from . import pilcore

MIME_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_PLUGINS = {"jpeg": "JpegImagePlugin", "png": "PngImagePlugin", "gif": "GifImagePlugin", "webp": "WebPImagePlugin"}
KEY_COLOURS = 128  # at most this many frequent colours (each at least 0.1% of the image) are kept exact
SNAP_DISTANCE = 12  # a palette entry this close (per channel) to a key colour becomes it
FLATTEN_ONTO = (255, 255, 255)
FASTOCTREE = 2  # Image.Quantize.FASTOCTREE
CELL_MASKS = (0xF0, 0xE0)  # cells of 16, else 32 levels a channel: one palette entry each (see _own_colours)
# _own_colours leans on how Pillow's RGB->P cache picks an entry (Palette.c): read for the releases
# pilcore verified, whose tests check key colours come out exact; on others the octree quantizes
OWN_COLOURS = pilcore.convention() is not None
# zlib level of our palette PNGs. Measured on the standard chart: 3 takes 0.39 ms for 8.4 KB, 6 0.83 ms
# for 6.9 KB, 9 6.8 ms for 6.7 KB; on a dense zig-zag chart 3 gives 15 KB, 6 12.7 KB. 6 keeps the bytes.
PNG_LEVEL = 6


def _load_plugin(fmt):
    """Import only the one encoder needed.

    ``Image.save()`` calls ``Image.init()``, which imports every format plugin
    (~12 ms, a quarter of a CGI request) unless ``Image._initialized`` says it
    already ran; registering the one plugin we use and raising the flag skips it.
    """
    from PIL import Image

    __import__(f"PIL.{_PLUGINS[fmt]}")
    Image._initialized = max(Image._initialized, 1)


def encode(image, fmt, *, quality=90):
    """Encode ``image`` as ``fmt``; JPEG without chroma subsampling keeps thin colour lines clean."""
    if fmt not in MIME_TYPES:
        msg = f"unknown format {fmt!r}; expected one of {', '.join(MIME_TYPES)}"
        raise ValueError(msg)
    if fmt == "png":
        quantized = _quantized(image)
        if quantized is not None:
            return _png_from_core(*quantized)
        if image.mode in TRUECOLOUR:
            return truecolour_png(image)
    if fmt == "jpeg" and jpeg_verified():
        return jpeg(flatten(image), quality=quality)
    image = pilcore.pil(image)
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
    from PIL import Image

    rgba = pilcore.pil(image).convert("RGBA")
    base = Image.new("RGBA", rgba.size, FLATTEN_ONTO + (255,))
    return Image.alpha_composite(base, rgba).convert("RGB")


def palette(image, *, lossless_only=False):
    """A palette image when that loses nothing visible, else ``image`` unchanged.

    Antialiased charts have a few hundred colours: the octree quantizer maps
    them onto 256 with errors only in edge pixels, and the most frequent
    colours (background, series, text) are then put back exactly. A gradient
    (``image.info["smooth"]``, set by the renderer) keeps all its colours.
    """
    if lossless_only:
        return image
    core = _palette_core(image)
    if core is None:
        return image
    from PIL import ImagePalette

    quantized = image._new(core)
    quantized.palette = ImagePalette.ImagePalette("RGB", core.getpalette("RGB", "RGB"))
    return quantized


def _palette_core(image):
    """The quantized core image with the key colours exact, or None when the image keeps its colours.

    Works on Pillow's core image object (no ImagePalette import, ~1 ms cold).
    None: not RGB, too many colours, a gradient, or Pillow's internals changed.
    """
    quantized = _quantized(image)
    return None if quantized is None else quantized[0]


def _quantized(image):
    """(core, palette entries its pixels use) as ``_palette_core`` makes it, or None."""
    if image.mode != "RGB" or image.info.get("smooth"):
        return None
    try:
        return (_own_colours(image) if OWN_COLOURS else None) or _octree(image)
    except (AttributeError, TypeError, ValueError):
        return None


def _own_colours(image):
    """The palette image made of the image's own colours, or None (the octree quantizer then).

    Pillow maps RGB onto a palette through a cache of 64x64x64 slots, 4 levels a channel, each
    slot taking the entry nearest its lowest corner (Palette.c): a "code" entry set on that corner
    takes all the slot's pixels, and the pixels of slots without a code take the nearest code. The
    key colours get a code each, then the most frequent colour of every other cell of 16 levels a
    channel (32 when that would pass 256): each code's entry then shows its colour. Every key colour
    is exact, other pixels land within ~20 levels of theirs (the octree's within 15-220), and the
    antialiased shades fall into as few entries as the octree made of them, so the PNG is as small
    (cells of 4 or 8 levels keep more shades: +10-25 % bytes for no visible gain). ~1.1 ms for the
    standard chart against ~2.2 for the octree, ``_pairs`` and ``_make_exact``.
    """
    colours = image.im.getcolors(4096)
    if colours is None:
        return None
    colours.sort(reverse=True)
    least = image.width * image.height // 1000  # key colours cover at least 0.1% of the image
    keys = [c for n, c in colours[:KEY_COLOURS] if n >= least or n == colours[0][0]]
    if len({_slot(key) for key in keys}) < len(keys):
        return None  # two key colours a slot apart: _make_exact tells them apart
    for mask in CELL_MASKS:
        chosen = _chosen(colours, keys, mask)
        if chosen is not None:
            return _mapped(image.im, [_slot(c) for c in chosen], chosen)
    return None


def _slot(colour):
    """The lowest corner of ``colour``'s slot in Pillow's RGB->P cache."""
    r, g, b = colour
    return r & 0xFC, g & 0xFC, b & 0xFC


def _chosen(colours, keys, mask):
    """The key colours, then the most frequent colour of each other cell of ``mask``; None past 256."""
    cells = {(r & mask, g & mask, b & mask) for r, g, b in keys}
    chosen = list(keys)
    for _, (r, g, b) in colours:
        cell = (r & mask, g & mask, b & mask)
        if cell not in cells:
            if len(chosen) == 256:
                return None
            cells.add(cell)
            chosen.append((r, g, b))
    return chosen


def _mapped(core, codes, colours):
    """(core mapped onto the slot-corner ``codes``, then given ``colours`` as its palette, len(colours)).

    Pillow reads only the entries a palette was given (10.1 through 13), so no pixel gets a higher index.
    """
    from PIL import _imaging

    codebook = _imaging.fill("P", (1, 1), 0)
    _put_palette(codebook, bytes(v for code in codes for v in code))
    mapped = core.convert("P", 0, codebook)  # dither 0: nearest entry (Image.quantize(palette=...)'s call)
    _put_palette(mapped, bytes(v for colour in colours for v in colour))
    return mapped, len(colours)


def _octree(image):
    """Pillow's FASTOCTREE quantizer with the key colours put back exactly (see ``_make_exact``), or None."""
    core = image.im.quantize(256, FASTOCTREE, 0)
    pairs = _pairs(image, core)
    if pairs is None:
        return None
    return core, _make_exact(image, core, pairs)


def _pairs(image, core):
    """[(count, (r, g, b, index))]: each colour of ``image`` with the palette index ``core`` gives its pixels,
    or None past 4096 colours.

    One pass over an RGBA copy whose alpha band holds the indices: the counts getcolors() gives, and
    which key colours the quantizer moved (what comparing the whole image with its quantized copy
    told, in ~10 full-image passes and 2-3 ms cold).
    """
    both = image.im.convert("RGBA")
    both.putband(core.getband(0), 3)
    return both.getcolors(4096)


def _put_palette(core, rgb):
    """Set a core image's RGB palette; Pillow < 10.2 takes (rawmode, data), the mode following the rawmode."""
    try:
        core.putpalette("RGB", "RGB", rgb)
    except TypeError:
        core.putpalette("RGB", rgb)


def _nearest_free(entries, claimed, key, reach=SNAP_DISTANCE):
    """The first unclaimed entry nearest ``key`` (largest channel difference), if within ``reach``; else None.

    Runs for every key colour over every palette entry (~20 x 256 for a line
    chart): a plain loop that drops an entry at its first channel out of
    reach, ~10x faster than min() over generator distances, same choice.
    """
    k0, k1, k2 = key
    best, best_distance = None, reach + 1
    for index, (e0, e1, e2) in enumerate(entries):
        d0 = e0 - k0 if e0 > k0 else k0 - e0
        if d0 >= best_distance:
            continue
        d1 = e1 - k1 if e1 > k1 else k1 - e1
        if d1 >= best_distance:
            continue
        d2 = e2 - k2 if e2 > k2 else k2 - e2
        if d2 >= best_distance or index in claimed:
            continue
        best, best_distance = index, max(d0, d1, d2)
        if not best_distance:
            break
    return best


def _make_exact(image, core, pairs):
    """Give each key colour (the most frequent: background, series, text) an exact palette entry and its pixels.

    The entry nearest a key colour is set to it (its pixels are usually the
    ones mapped there); keys that still do not come out exact (two in one
    octree bucket) get an entry of their own and their pixels repainted.
    ``pairs`` is ``_pairs(image, core)``. Returns how many palette entries the pixels use (the highest
    index + 1), what the PNG's palette holds.
    """
    flat = core.getpalette("RGB", "RGB")
    used = max(c[3] for _, c in pairs) + 1  # what core.getextrema() says, without another pass
    entries = [tuple(flat[i:i + 3]) for i in range(0, 3 * used, 3)]
    colours = [(n, c[:3]) for n, c in pairs]  # the quantizer maps a colour to one index: one pair per colour
    colours.sort(reverse=True)
    least = image.width * image.height // 1000  # key colours cover at least 0.1% of the image
    keys = [c for n, c in colours[:KEY_COLOURS] if n >= least or n == colours[0][0]]
    claimed = {}
    for key in keys:
        best = _nearest_free(entries, claimed, key)
        if best is not None:
            entries[best] = key
            claimed[best] = key
    _put_palette(core, bytes(c for entry in entries for c in entry))
    moved = {c[:3] for _, c in pairs if entries[c[3]] != c[:3]}
    wrong = [key for key in keys if key in moved]  # the most frequent first
    if not wrong:
        return used
    bands = [image.im.getband(i) for i in range(3)]
    for key in wrong:
        mask = None
        for band, value in zip(bands, key):
            equal = band.point([255 if i == value else 0 for i in range(256)], "L")
            mask = equal if mask is None else mask.chop_multiply(equal)
        index = next((i for i, e in claimed.items() if e == key), None)
        if index is None:
            if len(entries) < 256:
                entries.append(key)
                index = len(entries) - 1
            else:
                histogram = core.histogram()
                index = min((i for i in range(len(entries)) if i not in claimed), key=histogram.__getitem__,
                            default=None)
                if index is None:
                    continue
                entries[index] = key
            claimed[index] = key
            _put_palette(core, bytes(c for entry in entries for c in entry))
        core.paste(index, (0, 0, *image.size), mask)
    return core.getextrema()[1] + 1


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TRUECOLOUR = {"RGB": 2, "RGBA": 6}  # mode -> PNG colour type


def truecolour_png(image, *, level=PNG_LEVEL):
    """An RGB or RGBA image (a gradient, a see-through background) as PNG bytes, without PngImagePlugin.

    The pixels go through Pillow's own "zip" encoder with the settings Image.save(..., "PNG",
    compress_level=level) gives it (its per-row filter choice included), so the compressed stream is
    the plugin's; only the plugin's split of it into several IDAT chunks differs. QuickChart's
    default transparent background no longer imports PIL.Image, PngImagePlugin and logging (~25 ms).
    """
    image.load()
    core = image.im
    width, height = core.size
    data = _encoded(core, "zip", core.mode, (False, level, -1, b""))  # optimize, level, strategy, dictionary
    header = struct.pack(">IIBBBBB", width, height, 8, TRUECOLOUR[core.mode], 0, 0, 0)
    return b"".join((PNG_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"IDAT", data), _chunk(b"IEND", b"")))


def palette_png(image, *, level=PNG_LEVEL):
    """A palette image as PNG bytes, written with struct and zlib.

    Pillow's PNG plugin drags in ImageFile, logging and fractions (~8 ms of a
    cold CGI request); a palette PNG is four chunks, so we write it ourselves.
    Scanlines use filter 0 (none), which the PNG spec recommends for palettes.
    """
    image.load()
    return _png_from_core(image.im, level=level)


def _png_from_core(core, used=None, *, level=PNG_LEVEL):
    """PNG bytes of a palette core image whose pixels use the first ``used`` entries (None: found here)."""
    from PIL import _imaging

    width, height = core.size
    padded = _imaging.fill("P", (width + 1, height), 0)  # each scanline's first byte: filter 0 (none)
    padded.paste(core, (1, 0, width + 1, height))
    scanlines = _encoded(padded, "raw", "P")
    used = core.getextrema()[1] + 1 if used is None else used
    colours = core.getpalette("RGB", "RGB")[: 3 * used]
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


# Pillow releases ("major" for all its minors, or "major.minor") whose JPEG encoder takes the argument
# tuple ``_jpeg_config`` builds (JpegImagePlugin._save's ``encoderconfig``, which changed shape in 10.2
# and in 11.2); test_encode checks the bytes equal Image.save's, so a release is added here only once
# that test passes on it.
JPEG_CONFIG_PILLOW = ("10.1", "10.2", "10.4", "11.0", "11.1", "11.2", "11.3", "12", "13")


def jpeg_verified(version=PIL.__version__):
    """Whether ``jpeg`` may feed this Pillow's C encoder directly (else JPEG goes through the plugin)."""
    major, minor = version.split(".")[:2]
    return major in JPEG_CONFIG_PILLOW or f"{major}.{minor}" in JPEG_CONFIG_PILLOW


def _jpeg_config(quality, version=PIL.__version__):
    """JpegImagePlugin._save's ``encoderconfig`` for baseline 4:4:4 without options, as ``version`` lays it out."""
    major, minor = (int(part) for part in version.split(".")[:2])
    head = (quality, False, 0, False)  # quality, progressive, smooth, optimize
    tail = (None, None, b"", b"")  # qtables, comment, extra markers, exif
    if (major, minor) < (10, 2):
        return head + (0, 0, 0, 0) + tail  # streamtype, dpi x, dpi y, subsampling 4:4:4
    if (major, minor) < (11, 2):  # keep_rgb, streamtype, dpi x, dpi y, subsampling, restart marker blocks and rows
        return head + (False, 0, 0, 0, 0, 0, 0) + tail
    return head + (False, 0, [0, 0], 0, 0, 0) + tail  # the same with dpi as one pair


def jpeg(image, *, quality=90):
    """An RGB or L image as baseline JPEG, 4:4:4, from Pillow's C encoder without JpegImagePlugin.

    The plugin imports ImageFile (and logging) and subprocess: ~7 ms of a cold
    CGI request, for a tuple of settings. The bytes are Image.save's.
    """
    config = _jpeg_config(quality)
    image.load()
    return _encoded(image.im, "jpeg", image.mode, config)


def _encoded(core, name, rawmode, config=()):
    """Run Pillow's C encoder ``name`` over a whole core image, as ImageFile._save does, without importing it
    (nor PIL.Image: the encoder is looked up in the core as Image._getencoder does)."""
    from PIL import _imaging

    encoder = getattr(_imaging, f"{name}_encoder")(core.mode, rawmode, *config)
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
