"""The demo's pictures, each a scene of pictograms (campaigns/demo/pictures.py)."""

from campaigns.demo import pictures as p

WIDE = (1200, 600)


def banner(draw, size, text, colour):
    """A band across the top with the campaign's slogan on it, when a font exists."""
    width, _height = size
    draw.rectangle((0, 0, width, 110), fill=colour)
    p.words(draw, (width // 2, 55), text, 52, fill="white")


def sorting_bins(slogan=""):
    """Four bins on a pavement, under the campaign's slogan."""
    image, draw = p.canvas(*WIDE, "#e8f5e9")
    banner(draw, WIDE, slogan, "#2e7d32")
    draw.rectangle((0, 500, 1200, 600), fill="#cfd8dc")
    p.four_bins(draw, (120, 200, 1080, 520))
    return image


def zebra_crossing(slogan=""):
    """Someone crossing at a green light on a zebra crossing."""
    image, draw = p.canvas(*WIDE, p.SKY)
    banner(draw, WIDE, slogan, "#1565c0")
    p.zebra_crossing(draw, (0, 430, 1200, 600))
    p.traffic_light(draw, 1040, 150, 160)
    p.walker(draw, 420, 560, 260)
    p.walker(draw, 620, 560, 200, colour="#37474f")
    return image


def tidy_alley(slogan=""):
    """A back street of low houses, a clean pavement and trees."""
    image, draw = p.canvas(*WIDE, "#fff8e1")
    banner(draw, WIDE, slogan, "#ef6c00")
    draw.rectangle((0, 520, 1200, 600), fill="#bcaaa4")
    for n, colour in enumerate(["#ffcc80", "#fff3e0", "#ffe0b2", "#ffcc80"]):
        p.house(draw, 90 + n * 280, 520, 190, colour)
    for x in (330, 610, 890):
        p.tree(draw, x, 520, 120)
    return image


def scanning_a_poster(caption=""):
    """A phone scanning the code on a quiz poster beside a bin."""
    image, draw = p.canvas(*WIDE, "#f3e5f5")
    p.phone_with_code(draw, (180, 80, 500, 560))
    p.waste_bin(draw, (760, 220, 980, 540), p.BIN_COLOURS[0])
    p.words(draw, (870, 140), caption, 44)
    return image


def hazardous_waste_guide(title=""):
    """The infographic: four hazardous items, each with an arrow to the red bin."""
    size = (900, 1400)
    image, draw = p.canvas(*size, p.PAPER)
    draw.rectangle((0, 0, 900, 170), fill="#c62828")
    p.words(draw, (450, 85), title, 56, fill="white")
    for n, (name, pictogram) in enumerate(p.HAZARDS):
        x = 120 + (n % 2) * 420
        y = 230 + (n // 2) * 330
        draw.rounded_rectangle((x - 60, y, x + 300, y + 290), radius=24, fill="#ffebee")
        pictogram(draw, (x + 40, y + 40, x + 200, y + 200))
        p.words(draw, (x + 120, y + 250), name, 40)
    arrow(draw, 450, 900, 990)
    p.waste_bin(draw, (330, 1000, 570, 1300), p.BIN_COLOURS[2])
    p.words(draw, (450, 1350), "投入红色有害垃圾桶 · 易碎的包好再投", 36)
    return image


def arrow(draw, x, top, bottom):
    draw.line((x, top, x, bottom - 30), fill=p.INK, width=14)
    draw.polygon([(x - 40, bottom - 40), (x + 40, bottom - 40), (x, bottom)], fill=p.INK)
