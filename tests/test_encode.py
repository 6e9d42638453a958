"""Encoding: formats, palette PNGs without visible loss, JPEG settings, alpha, plugin loading."""

import io
import subprocess
import sys

import pytest
from PIL import Image, ImageChops, JpegImagePlugin

from dyngraph import gallery
from dyngraph.encode import MIME_TYPES, encode, flatten, palette
from dyngraph.render import render
from dyngraph.spec import FORMATS, make
from tests.conftest import ROOT, decode, require_or_skip

STANDARD = make(type="line", data=[[i % 7 + i / 10 for i in range(100)], [(i * 37) % 11 for i in range(100)],
                                   [5 + (i % 13) / 2 for i in range(100)]],
                legend=["One", "Two", "Three"], title="Standard chart", width=600, height=300)


@pytest.fixture(scope="module")
def chart():
    return render(STANDARD)


def test_every_format_has_a_mime_type():
    assert set(MIME_TYPES) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_decodes_to_the_same_size(chart, fmt):
    image = decode(encode(chart, fmt))
    assert image.size == chart.size
    assert Image.MIME[image.format] == MIME_TYPES[fmt]


def test_png_palette_keeps_key_colours_exact_and_loses_nothing_visible(chart):
    quantized = decode(encode(chart, "png"))
    assert quantized.mode == "P"
    back = quantized.convert("RGB")
    original_colours = sorted(chart.getcolors(4096), reverse=True)
    kept = {c for _, c in back.getcolors(4096)}
    assert all(colour in kept for _, colour in original_colours[:10])  # background, series, text, grid
    difference = ImageChops.difference(chart, back).convert("L")
    histogram = difference.histogram()
    changed = sum(histogram[4:])
    assert changed < 0.01 * chart.width * chart.height  # under 1% of pixels move by more than 3 levels
    assert max(i for i, n in enumerate(histogram) if n) <= 48  # and those only a little (edge pixels)


def test_png_palette_is_smaller_than_truecolour(chart):
    truecolour = io.BytesIO()
    chart.save(truecolour, "PNG", compress_level=6)
    assert len(encode(chart, "png")) < 0.6 * len(truecolour.getvalue())


def test_photo_like_images_are_not_quantized():
    noisy = Image.merge("RGB", [Image.effect_noise((128, 128), 80) for _ in range(3)])
    assert palette(noisy) is noisy


def test_jpeg_keeps_full_colour_resolution(chart):
    image = decode(encode(chart, "jpeg", quality=90))
    assert JpegImagePlugin.get_sampling(image) == 0  # 4:4:4, no chroma subsampling


def test_jpeg_quality_changes_the_size(chart):
    assert len(encode(chart, "jpeg", quality=40)) < len(encode(chart, "jpeg", quality=95))


def test_flatten_composites_alpha_onto_white():
    image = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    image.putpixel((1, 1), (255, 0, 0, 255))
    flat = flatten(image)
    assert flat.mode == "RGB" and flat.getpixel((0, 0)) == (255, 255, 255) and flat.getpixel((1, 1)) == (255, 0, 0)
    assert decode(encode(image, "gif")).convert("RGB").getpixel((0, 0)) == (255, 255, 255)


def test_unknown_format_is_a_programming_error(chart):
    with pytest.raises(ValueError, match="unknown format"):
        encode(chart, "bmp")


@pytest.mark.parametrize("fmt", FORMATS)
def test_saving_loads_only_the_one_plugin_it_needs(fmt):
    from dyngraph.encode import jpeg_verified

    if fmt == "jpeg" and not jpeg_verified():
        pytest.skip("this Pillow's JPEG encoder arguments are not verified: JPEG goes through its plugin")
    code = (
        "import sys; sys.path.insert(0, 'lib');"
        "from dyngraph.spec import make; from dyngraph.render import render; from dyngraph.encode import encode;"
        f"encode(render(make(type='line', data=[[1, 2, 3]])), {fmt!r});"
        "print(sorted(m for m in sys.modules if m.startswith('PIL.') and m.endswith('ImagePlugin')));"
        "print('PIL.ImageFile' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    plugins = {"jpeg": [], "png": [], "gif": ["PIL.GifImagePlugin"], "webp": ["PIL.WebPImagePlugin"]}
    loaded, image_file = result.stdout.split()[:-1], result.stdout.split()[-1]
    assert " ".join(loaded) == repr(plugins[fmt])  # palette PNGs and JPEGs are written without Pillow's plugins
    assert image_file == ("False" if fmt in ("png", "jpeg") else "True")  # nor ImageFile (and logging)


def test_palette_png_matches_pillows_png(chart):
    """Our struct+zlib PNG writer gives the same pixels as Pillow's encoder."""
    import io

    from PIL import Image

    from dyngraph.encode import palette, palette_png

    small = palette(chart)
    assert small.mode == "P"
    ours = Image.open(io.BytesIO(palette_png(small)))
    ours.load()
    reference = io.BytesIO()
    small.save(reference, "PNG")
    theirs = Image.open(reference)
    assert (ours.format, ours.mode, ours.size) == ("PNG", "P", chart.size)
    assert ours.convert("RGB").tobytes() == theirs.convert("RGB").tobytes()
    assert ours.convert("RGB").tobytes() == small.convert("RGB").tobytes()


def test_raw_bytes_equal_tobytes(chart):
    from dyngraph.encode import _raw_bytes, palette

    for image in (chart, palette(chart), chart.convert("RGBA"), chart.resize((1, 1))):
        assert _raw_bytes(image) == image.tobytes()


def test_truecolour_png_still_goes_through_pillow():
    from dyngraph.encode import encode

    from PIL import Image

    photo = Image.merge("RGB", [Image.effect_noise((128, 128), 80) for _ in range(3)])
    decoded = decode(encode(photo, "png"))
    assert decoded.mode == "RGB" and decoded.tobytes() == photo.tobytes()


@pytest.mark.parametrize("quality", [40, 90, 95])
def test_direct_jpeg_is_byte_for_byte_pillows_save(chart, quality):
    """encode.jpeg() feeds Pillow's C encoder the settings JpegImagePlugin would: the same bytes."""
    import PIL

    from dyngraph.encode import jpeg, jpeg_verified

    reference = io.BytesIO()
    chart.save(reference, "JPEG", quality=quality, subsampling=0, optimize=False)
    require_or_skip(jpeg_verified(),
                    f"Pillow {PIL.__version__}: check JpegImagePlugin._save's encoderconfig against encode.jpeg, "
                    "then add the release to JPEG_CONFIG_PILLOW")
    assert jpeg(chart, quality=quality) == reference.getvalue()
    assert encode(chart, "jpeg", quality=quality) == reference.getvalue()


def test_jpeg_falls_back_to_pillows_plugin_on_an_unverified_pillow(chart, monkeypatch):
    import dyngraph.encode

    direct = encode(chart, "jpeg")
    monkeypatch.setattr(dyngraph.encode, "JPEG_CONFIG_PILLOW", ())
    fallback = decode(encode(chart, "jpeg"))
    assert fallback.format == "JPEG" and fallback.size == chart.size
    assert JpegImagePlugin.get_sampling(fallback) == 0
    difference = ImageChops.difference(decode(direct).convert("RGB"), fallback.convert("RGB"))
    assert max(high for _, high in difference.getextrema()) <= 2


def test_chart_png_and_jpeg_skip_image_palette():
    """Image.quantize and putpalette import ImagePalette (and array): the PNG path works on the core image."""
    code = (
        "import sys; sys.path.insert(0, 'lib');"
        "from dyngraph.spec import make; from dyngraph.render import render; from dyngraph.encode import encode;"
        "chart = render(make(type='line', data=[[1, 5, 3], [2, 4, 6]], title='t'));"
        "print(encode(chart, 'png')[:8] == b'\\x89PNG\\r\\n\\x1a\\n', encode(chart, 'jpeg')[:2] == b'\\xff\\xd8',"
        " 'PIL.ImagePalette' in sys.modules, 'array' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "False", "False"]


def test_core_palette_png_equals_the_public_path(chart):
    """encode()'s PNG (core image, no ImagePalette) is byte for byte palette() + palette_png()."""
    from dyngraph.encode import _palette_core, palette_png

    assert _palette_core(chart) is not None
    assert encode(chart, "png") == palette_png(palette(chart))
    dark = render(make(type="bar", data=[[3, 1, 4], [1, 5, 9]], background="202830", width=300, height=150))
    assert encode(dark, "png") == palette_png(palette(dark))


@pytest.mark.parametrize("background, colors", [("ffffff", ("e00000", "008800")), ("f7f7f7", ("e00000", "008800")),
                                                ("fefefe", ("e00000", "008800")), ("336699", ("ffcc00", "aaffaa"))])
def test_png_keeps_the_background_and_the_users_colours_exact(background, colors):
    # colours that read on the background (3:1) are drawn exactly; those that do not, see test_usercolours
    query = make(type="line", data=[[1, 5, 3, 7, 2], [3, 3, 6, 1, 2]], legend=["a", "b"], title="Exact",
                 background=background, colors=list(colors), width=600, height=300)
    image = decode(encode(render(query), "png")).convert("RGB")
    for corner in ((0, 0), (599, 0), (0, 299), (599, 299)):
        assert image.getpixel(corner) == tuple(int(background[i:i + 2], 16) for i in (0, 2, 4))
    colours = {c for _, c in image.getcolors(1 << 16)}
    assert all(tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)) in colours for c in colors)


def test_every_pixel_of_a_frequent_colour_stays_exact(chart):
    back = decode(encode(chart, "png")).convert("RGB")
    source, shown = chart.load(), back.load()
    frequent = {c for n, c in chart.getcolors(4096) if n >= chart.width * chart.height // 1000}
    assert len(frequent) >= 4
    moved = {source[x, y] for y in range(chart.height) for x in range(chart.width)
             if source[x, y] in frequent and shown[x, y] != source[x, y]}
    assert not moved


def test_a_170_step_gradient_stays_smooth_in_png():
    chart = render(make(type="bar", data=[1], bgfill="lg,0,000000,0,aaaaaa,1", width=400, height=120,
                        legendpos="none", grid=False, format="png"))
    image = decode(encode(chart, "png")).convert("RGB")
    row = [image.getpixel((x, 2))[0] for x in range(image.width)]
    assert len(set(row)) >= 160  # every one of the ~170 levels shows, not ~30 bands
    assert max(abs(a - b) for a, b in zip(row, row[1:])) <= 2


@pytest.mark.parametrize(("version", "verified"), [
    ("10.0.1", False), ("10.1.0", True), ("10.3.0", False), ("11.2.1", True), ("12.3.0", True), ("13.0.0", True),
    ("14.0.0", False),
])
def test_direct_jpeg_only_on_the_pillow_releases_checked(version, verified):
    """Releases whose encoderconfig was not compared byte for byte (CI runs 10.1 and the newest) use the plugin."""
    from dyngraph.encode import jpeg_verified

    assert jpeg_verified(version) is verified


def test_nearest_free_palette_entry_is_the_first_nearest_within_reach():
    """encode._nearest_free against the plain definition, on random palettes with ties and claimed entries."""
    import random

    from dyngraph.encode import SNAP_DISTANCE, _nearest_free

    rng = random.Random(16)
    for _ in range(300):
        step = rng.choice((1, 7, 40))
        entries = [tuple(rng.randrange(0, 256, step) for _ in range(3)) for _ in range(rng.randint(1, 256))]
        claimed = {i: None for i in rng.sample(range(len(entries)), rng.randint(0, len(entries)))}
        key = tuple(rng.randrange(0, 256, step) for _ in range(3))
        free = [i for i in range(len(entries)) if i not in claimed]
        distance = {i: max(abs(a - b) for a, b in zip(entries[i], key)) for i in free}
        nearest = min(free, key=distance.__getitem__) if free else None
        expected = nearest if nearest is not None and distance[nearest] <= SNAP_DISTANCE else None
        assert _nearest_free(entries, claimed, key) == expected


def test_key_colours_the_quantizer_merges_are_repainted_exact():
    """Four frequent colours within one octree bucket: the quantizer alone shows them as fewer colours; the PNG
    keeps every pixel of each (encode._pairs finds the moved ones, _make_exact repaints them)."""
    keys = [(100, 100, 100), (101, 100, 100), (100, 102, 100), (103, 101, 102)]
    image = Image.new("RGB", (200, 100), (255, 255, 255))
    for i, key in enumerate(keys):
        image.paste(key, (i * 50, 0, i * 50 + 50, 60))
    for x in range(200):  # a ramp of rare colours, so the quantizer has more than 256 to fold
        for y in range(60, 100):
            image.putpixel((x, y), (x, (y % 4) * 60, 200))
    plain = image.quantize(256, Image.Quantize.FASTOCTREE).convert("RGB")
    assert sum(plain.getpixel((i * 50 + 25, 30)) == key for i, key in enumerate(keys)) < len(keys)
    png = decode(encode(image, "png"))
    assert png.mode == "P"
    back = png.convert("RGB")
    for i, key in enumerate(keys):
        block = back.crop((i * 50, 0, i * 50 + 50, 60))
        assert block.getcolors(1) == [(50 * 60, key)]


def _errors(image, png):
    """(largest, mean) per-channel difference between ``image`` (RGB) and the decoded ``png``."""
    difference = ImageChops.difference(image, decode(png).convert("RGB"))
    histograms = [band.histogram() for band in difference.split()]
    largest = max(max(i for i, n in enumerate(h) if n) for h in histograms)
    return largest, sum(i * n for h in histograms for i, n in enumerate(h)) / (3 * image.width * image.height)


def _key_colours_moved(image, png):
    """The key colours (each >= 0.1% of the image, the 128 most frequent) some pixel of which the PNG changed."""
    colours = sorted(image.getcolors(1 << 24), reverse=True)
    keys = {c for n, c in colours[:128] if n >= image.width * image.height // 1000}
    back = decode(png).convert("RGB")
    source, shown = image.load(), back.load()
    return {source[x, y] for y in range(image.height) for x in range(image.width)
            if source[x, y] in keys and shown[x, y] != source[x, y]}


NEAR = 20  # levels a channel: how far a pixel that is not a key colour may be moved (the octree's: 15-220)


@pytest.mark.parametrize("name", ["bar chart", "greys", "random 256", "one colour"])
def test_png_keeps_key_colours_exact_and_every_other_pixel_near(name):
    import random

    rng = random.Random(5)
    if name == "bar chart":
        image = render(make(type="bar", data=[[3, 5, 2], [4, 1, 6]], legend=["a", "b"], width=400, height=200))
    elif name == "greys":
        image = Image.new("RGB", (250, 30), (255, 255, 255))  # 250 greys, four to a slot, each a key colour
        for x in range(250):
            image.paste((x, x, x), (x, 0, x + 1, 10))
        image.paste((230, 80, 20), (0, 10, 125, 30))
        image.paste((30, 120, 200), (125, 10, 250, 30))
        image.putpixel((0, 29), (231, 80, 20))  # one level from a colour, in its slot
    elif name == "random 256":
        image = Image.new("RGB", (64, 64))
        image.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(256)] * 16)
    else:
        image = Image.new("RGB", (30, 20), (12, 34, 56))
    png = encode(image, "png")
    assert decode(png).mode == "P"
    largest, mean = _errors(image, png)
    assert largest <= NEAR and mean < 1
    assert not _key_colours_moved(image, png)


def test_a_picture_of_key_colours_only_is_kept_exactly():
    image = Image.new("RGB", (120, 40), (255, 255, 255))
    for i, colour in enumerate([(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (51, 51, 51)]):
        image.paste(colour, (i * 24, 0, i * 24 + 20, 40))
    png = encode(image, "png")
    assert decode(png).convert("RGB").tobytes() == image.tobytes()


def test_png_palette_is_near_and_exact_on_key_colours(chart):
    """The standard chart has ~370 colours: its antialiased shades share entries, its key colours do not."""
    assert len(chart.getcolors(4096)) > 256
    png = encode(chart, "png")
    largest, mean = _errors(chart, png)
    assert largest <= NEAR and mean < 0.2
    assert not _key_colours_moved(chart, png)


def test_png_is_no_bigger_than_the_octree_made_it():
    """Cells of 16 levels keep the antialiased shades in as few entries as the octree: the same bytes, faster."""
    from dyngraph.encode import _octree, _png_from_core

    ours = octree = 0
    for _, spec in gallery.examples():
        image = render(spec)
        size, reference = len(encode(image, "png")), len(_png_from_core(*_octree(image)))
        assert size <= 1.1 * reference, spec.type
        ours, octree = ours + size, octree + reference
    assert ours <= 1.03 * octree


def test_a_chart_of_many_colours_keeps_its_key_colours_and_no_pixel_far():
    """Sixteen series: more than 256 slots, so cells of 8-32 levels; each key colour still exact."""
    data = [[(i * 7 + j * 3) % 11 + i for j in range(8)] for i in range(16)]
    chart = render(make(type="line", data=data, legend=[f"s{i}" for i in range(16)], width=600, height=300))
    png = encode(chart, "png")
    largest, mean = _errors(chart, png)
    assert largest <= 48 and mean < 0.5
    assert not _key_colours_moved(chart, png)


def test_translucent_dots_keep_their_colours_near():
    """Overlapping translucent dots blend into ~1,900 colours; the octree quantizer put some 220 levels off."""
    import random

    rng = random.Random(1)
    data = [[round(rng.gauss(0, 1), 1) for _ in range(400)] for _ in range(4)]
    chart = render(make(type="scatter", data=data, colors=["ff000050", "0000ff50", "00aa0050", "ffaa0050"],
                        width=600, height=300))
    assert len(chart.getcolors(4096)) > 1000
    png = encode(chart, "png")
    largest, mean = _errors(chart, png)
    assert largest <= 48 and mean < 0.5
    assert not _key_colours_moved(chart, png)


def test_a_ramp_of_one_channel_is_near():
    """200 reds, none a key colour: they share the entries of their cells, within NEAR levels; keys exact."""
    image = Image.new("RGB", (200, 60), (255, 255, 255))
    for x in range(200):
        image.paste((x, 0, 0), (x, 0, x + 1, 5))  # 5 pixels each: rarer than the 12 a key colour covers
    png = encode(image, "png")
    assert _errors(image, png)[0] <= NEAR
    assert not _key_colours_moved(image, png)


def test_png_encoding_does_not_import_pil_image():
    code = (
        "import sys; sys.path.insert(0, 'lib');"
        "from dyngraph import pilcore; from dyngraph.spec import make; from dyngraph.render import picture;"
        "from dyngraph.encode import encode;"
        "png = encode(picture(make(type='line', data=[[1, 5, 3], [2, 4, 6]], title='t')), 'png');"
        "print(pilcore.ENABLED, png[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'PIL.Image' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    enabled, is_png, imported = result.stdout.split()
    if enabled != "True":  # as tests/test_pilcore.py: a Pillow nobody read yet draws through PIL.Image, slower
        pytest.skip("this Pillow is not in pilcore.VERIFIED: charts are drawn through PIL.Image")
    assert (is_png, imported) == ("True", "False")


@pytest.mark.parametrize("background", ["ffffff00", "20304080"])
def test_a_see_through_png_is_pillows_stream_written_without_its_plugin(background):
    from dyngraph.encode import truecolour_png

    image = render(make(type="bar", data=[[3, 5, 2]], background=background, title="See-through"))
    assert image.mode == "RGBA"
    ours = encode(image, "png")
    assert ours == truecolour_png(image)
    back = decode(ours)
    assert back.mode == "RGBA" and back.tobytes() == image.tobytes()
    theirs = io.BytesIO()
    image.save(theirs, "PNG", compress_level=6)
    assert _idat(ours) == _idat(theirs.getvalue())  # the same compressed pixels, only chunked otherwise


def test_a_gradient_png_keeps_every_colour():
    from dyngraph.spec import parse

    image = render(parse("type=line&data=3,5,2&bgfill=lg,0,000000,0,ffffff,1"))
    assert image.info.get("smooth") and image.mode == "RGB"
    back = decode(encode(image, "png"))
    assert back.mode == "RGB" and back.tobytes() == image.tobytes()


def _idat(png):
    """The concatenated IDAT data of a PNG."""
    import struct

    pos, data = 8, b""
    while pos < len(png):
        (length,), kind = struct.unpack(">I", png[pos:pos + 4]), png[pos + 4:pos + 8]
        if kind == b"IDAT":
            data += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return data
