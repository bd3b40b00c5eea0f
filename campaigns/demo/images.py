"""The demo's pictures as Wagtail images, drawn once at load time and found by title after."""

import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from campaigns.demo import scenes
from campaigns.demo.pictures import encoded


@dataclass(frozen=True)
class Picture:
    title: str
    alt: str
    scene: object
    words: str = ""


# Keyed by campaign slug for hero images, by a name of its own for pictures in articles.
PICTURES = {
    "laji-fenlei-jin-shequ": Picture(
        "垃圾分类进社区·活动主图",
        "人行道上并排摆着绿、蓝、红、灰四个分类垃圾桶，上方写着“垃圾分一分，环境美十分”。",
        scenes.sorting_bins,
        "垃圾分一分，环境美十分",
    ),
    "lirang-banmaxian": Picture(
        "礼让斑马线·活动主图",
        "绿灯亮起，两位行人走在斑马线上，上方写着“车让人 人守规 斑马线上见文明”。",
        scenes.zebra_crossing,
        "车让人 人守规 斑马线上见文明",
    ),
    "beijie-xiaoxiang-bairi": Picture(
        "背街小巷环境整治·活动主图",
        "整洁的背街小巷：一排粉刷一新的平房，门前干净，树木成行，上方写着“小巷见大美 整治惠民生”。",
        scenes.tidy_alley,
        "小巷见大美 整治惠民生",
    ),
    "youhai-laji-tu": Picture(
        "一图读懂有害垃圾投放",
        "图解：废电池、废灯管、过期药品、废油漆桶都属于有害垃圾，应投入红色有害垃圾桶，易碎的包好再投。",
        scenes.hazardous_waste_guide,
        "一图读懂有害垃圾投放",
    ),
    "saoma-dati": Picture(
        "扫码参加垃圾分类知识问答",
        "一部手机扫描投放点海报上的二维码，旁边是绿色厨余垃圾桶。",
        scenes.scanning_a_poster,
        "扫码答题",
    ),
    "quandao-banmaxian": Picture(
        "路口文明交通劝导",
        "路口绿灯亮起，行人沿斑马线通行。",
        scenes.zebra_crossing,
    ),
}


def demo_image(key):
    """Return the demo picture of key as a Wagtail image, drawing and storing it if missing."""
    picture = PICTURES[key]
    Image = get_image_model()
    found = Image.objects.filter(title=picture.title).first()
    if found:
        return found
    name = f"demo-{key}.png"
    image = Image(title=picture.title, description=picture.alt)
    image.file = ImageFile(io.BytesIO(encoded(picture.scene(picture.words))), name=name)
    # What Wagtail's upload form records, so the admin shows the size and spots duplicates.
    image._set_image_file_metadata()
    image.save()
    return image


def image_block(key, caption=""):
    """Return raw stream data of an image block showing the demo picture of key."""
    image = demo_image(key)
    return {"image": image.pk, "caption": caption, "alt_text": PICTURES[key].alt}
