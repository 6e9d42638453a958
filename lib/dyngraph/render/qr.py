"""QR codes: ChartSpec(type="qr") -> PIL Image, modules pixel-exact.

segno (a maintained, pure-Python QR encoder) is imported here only, so only
QR requests pay for it. As Google's chart server did, the code is drawn at
the largest whole number of pixels per module that fits the requested size
(with its quiet zone) and centred: crisp edges, no resampling blur. When
the image is too small for the full quiet zone, the zone is narrowed first.
"""

from PIL import Image

from ..values import rgba

DARK = (0, 0, 0)


def render_qr(spec):
    """Draw ``spec.qrtext`` as a QR code on an image of exactly spec.width x spec.height."""
    import segno

    code = segno.make(spec.qrtext, error=spec.qrlevel, encoding=spec.qrencoding, micro=False, boost_error=False)
    modules = code.symbol_size(border=0)[0]
    side = min(spec.width, spec.height)
    margin = spec.qrmargin
    while margin and modules + 2 * margin > side:
        margin -= 1
    scale = max(1, side // (modules + 2 * margin))
    background = rgba(spec.background)
    mode = "RGBA" if background[3] < 255 else "RGB"
    image = Image.new(mode, (spec.width, spec.height), background if mode == "RGBA" else background[:3])
    bits = bytes(0 if dark else 255 for row in code.matrix for dark in row)
    symbol = Image.frombytes("L", (modules, modules), bits).resize(
        (modules * scale, modules * scale), Image.Resampling.NEAREST)
    mask = symbol.point(lambda v: 255 - v)  # dark modules opaque
    left = (spec.width - modules * scale) // 2
    top = (spec.height - modules * scale) // 2
    image.paste(DARK if mode == "RGB" else (*DARK, 255), (left, top), mask)
    return image
