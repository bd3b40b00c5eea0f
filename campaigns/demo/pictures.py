"""Draw the demo's pictures with Pillow: flat pictograms, with Chinese words only if a font exists.

Nothing is downloaded. Where the machine has no CJK font the pictures are drawn without words,
so the demo loads anywhere; their alt text says what they show either way.
"""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Simplified Chinese faces, as Debian and most Linux machines install them; .ttc index 2 is SC.
CJK_FONTS = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
]
# The four bins of the county's waste rules: kitchen, recyclable, hazardous, other.
BIN_COLOURS = ["#2e7d32", "#1565c0", "#c62828", "#424242"]
INK, PAPER, SKY = "#263238", "#fffdf7", "#e3f2fd"


@cache
def cjk_font_path():
    """Return (path, index) of a Simplified Chinese font on this machine, or None."""
    for path, index in CJK_FONTS:
        if Path(path).exists():
            return path, index
    return None


def font(size):
    found = cjk_font_path()
    return ImageFont.truetype(found[0], size, index=found[1]) if found else None


def words(draw, xy, text, size, fill=INK, anchor="mm"):
    """Write text centred on xy when a CJK font exists; draw nothing otherwise."""
    face = font(size)
    if face is not None:
        draw.text(xy, text, font=face, fill=fill, anchor=anchor)


def canvas(width, height, colour):
    image = Image.new("RGB", (width, height), colour)
    return image, ImageDraw.Draw(image)


def encoded(image):
    """Return the picture as PNG bytes; flat colours keep the files small."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


# Pictograms, each drawn into a box (left, top, right, bottom)


def waste_bin(draw, box, colour):
    """A wheelie bin: body, lid and two wheels."""
    left, top, right, bottom = box
    lid = top + (bottom - top) // 8
    draw.rounded_rectangle((left - 6, top, right + 6, lid), radius=6, fill=colour)
    draw.rounded_rectangle((left, lid + 6, right, bottom - 12), radius=10, fill=colour)
    middle = (left + right) // 2
    draw.rectangle((middle - 18, lid + 30, middle + 18, lid + 40), fill=PAPER)
    for x in (left + 14, right - 14):
        draw.ellipse((x - 12, bottom - 24, x + 12, bottom), fill=INK)


def four_bins(draw, box):
    left, top, right, bottom = box
    step = (right - left) // 4
    for n, colour in enumerate(BIN_COLOURS):
        x = left + n * step
        waste_bin(draw, (x + step // 6, top, x + step - step // 6, bottom), colour)


def walker(draw, x, bottom, height, colour=INK):
    """A person walking: head, body, arms and legs as thick lines."""
    head = height // 7
    neck, hip = bottom - height + 2 * head, bottom - height // 2.4
    draw.ellipse((x - head, bottom - height, x + head, bottom - height + 2 * head), fill=colour)
    width = max(6, height // 14)
    draw.line((x, neck, x, hip), fill=colour, width=width)
    draw.line((x - height // 5, neck + head, x + height // 5, hip - head), fill=colour, width=width)
    draw.line((x, hip, x - height // 5, bottom), fill=colour, width=width)
    draw.line((x, hip, x + height // 6, bottom), fill=colour, width=width)


def zebra_crossing(draw, box):
    left, top, right, bottom = box
    draw.rectangle(box, fill="#546e7a")
    stripe = (right - left) // 13
    for n in range(1, 13, 2):
        draw.rectangle(
            (left + n * stripe, top + 20, left + (n + 1) * stripe, bottom - 20), fill="white"
        )


def traffic_light(draw, x, top, height):
    width = height // 3
    draw.rectangle((x - 6, top + height, x + 6, top + height * 2), fill=INK)
    draw.rounded_rectangle((x - width // 2, top, x + width // 2, top + height), radius=12, fill=INK)
    radius = width // 3
    for n, colour in enumerate(["#5d4037", "#5d4037", "#43a047"]):  # green is lit
        cy = top + height * (2 * n + 1) // 6
        draw.ellipse((x - radius, cy - radius, x + radius, cy + radius), fill=colour)


def house(draw, left, bottom, width, colour):
    height = width * 4 // 5
    draw.rectangle((left, bottom - height, left + width, bottom), fill=colour)
    roof = [(left - 10, bottom - height), (left + width // 2, bottom - height - width // 2)]
    draw.polygon([*roof, (left + width + 10, bottom - height)], fill="#8d6e63")
    draw.rectangle(
        (left + width // 3, bottom - height // 2, left + 2 * width // 3, bottom), fill=INK
    )


def tree(draw, x, bottom, size):
    draw.rectangle((x - size // 10, bottom - size, x + size // 10, bottom), fill="#6d4c41")
    draw.ellipse(
        (x - size // 2, bottom - size * 2, x + size // 2, bottom - size + 10), fill="#43a047"
    )


def phone_with_code(draw, box):
    """A phone showing a square code, as a resident scans a poster."""
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=28, fill=INK)
    draw.rounded_rectangle((left + 16, top + 40, right - 16, bottom - 40), radius=8, fill=PAPER)
    cell = (right - left - 80) // 7
    for row in range(7):
        for column in range(7):
            corner = (row < 2 or row > 4) and (column < 2 or column > 4)
            if corner or (row * 3 + column * 5) % 4 == 0:
                x, y = left + 40 + column * cell, top + 80 + row * cell
                draw.rectangle((x, y, x + cell - 2, y + cell - 2), fill=INK)


def battery(draw, box):
    left, top, right, bottom = box
    draw.rectangle(
        (left + (right - left) // 3, top, right - (right - left) // 3, top + 14), fill=INK
    )
    draw.rounded_rectangle((left, top + 14, right, bottom), radius=10, fill="#ffb300")
    draw.rectangle((left, (top + bottom) // 2, right, bottom - 8), fill=INK)


def lamp_tube(draw, box):
    left, top, right, bottom = box
    middle = (top + bottom) // 2
    draw.rounded_rectangle((left, middle - 18, right, middle + 18), radius=18, fill="#eceff1")
    draw.rounded_rectangle((left, middle - 18, right, middle + 18), radius=18, outline=INK, width=4)
    for x in (left - 10, right):
        draw.rectangle((x, middle - 10, x + 10, middle + 10), fill=INK)


def medicine(draw, box):
    left, top, right, bottom = box
    draw.rounded_rectangle(
        (left, top + 30, right, bottom), radius=8, fill="#ffffff", outline=INK, width=4
    )
    cx, cy, arm = (left + right) // 2, (top + 30 + bottom) // 2, (right - left) // 6
    draw.rectangle((cx - arm, cy - arm // 3, cx + arm, cy + arm // 3), fill="#c62828")
    draw.rectangle((cx - arm // 3, cy - arm, cx + arm // 3, cy + arm), fill="#c62828")


def paint_can(draw, box):
    left, top, right, bottom = box
    draw.rectangle((left, top + 20, right, bottom - 20), fill="#7e57c2")
    draw.ellipse((left, top, right, top + 40), fill="#9575cd", outline=INK, width=4)
    draw.ellipse((left, bottom - 40, right, bottom), fill="#7e57c2")
    draw.arc((left + 10, top - 40, right - 10, top + 30), 180, 360, fill=INK, width=6)


HAZARDS = [
    ("废电池", battery),
    ("废灯管", lamp_tube),
    ("过期药品", medicine),
    ("废油漆桶", paint_can),
]
