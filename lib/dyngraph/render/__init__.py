"""Drawing: ChartSpec -> PIL Image. A registry maps each chart type to a draw function.

Placeholder frame (to be replaced by the full renderer): draws line charts only.
"""

from PIL import Image, ImageDraw

from ..values import rgba

PALETTE = ("0072b2", "e69f00", "009e73", "d55e00", "cc79a7", "56b4e9", "f0e442", "000000")


def render(spec, *, font_path=""):
    """Draw ``spec`` and return an RGB(A) image of exactly spec.width x spec.height."""
    image = Image.new("RGB", (spec.width, spec.height), rgba(spec.background)[:3])
    draw = ImageDraw.Draw(image)
    values = [v for s in spec.data for v in s if v is not None]
    if values:
        low, high = min(values), max(values)
        span = (high - low) or 1
        for index, series in enumerate(spec.data):
            colour = rgba((spec.colors or PALETTE)[index % len(spec.colors or PALETTE)])[:3]
            step = (spec.width - 20) / max(len(series) - 1, 1)
            points = [(10 + i * step, spec.height - 10 - (v - low) / span * (spec.height - 20))
                      for i, v in enumerate(series) if v is not None]
            if len(points) > 1:
                draw.line(points, fill=colour, width=2)
    return image


def render_error(message, *, width, height):
    """A small image that shows an error message, for <img> requests."""
    image = Image.new("RGB", (width, height), (255, 240, 240))
    ImageDraw.Draw(image).text((4, 4), message[:80], fill=(160, 0, 0))
    return image
