"""Chinese text helpers: word segmentation for search, Chinese numerals and times."""

import logging
import re
from functools import cache

import jieba
from django.utils import formats, timezone

# Words of the county's campaigns that jieba's general dictionary would split wrongly.
DOMAIN_WORDS = ["垃圾分类", "占道经营", "油烟排放", "文明城市", "卫生县城", "背街小巷", "门前三包"]
TOKEN = re.compile(r"\w+")
DIGITS = "零一二三四五六七八九"


@cache
def _tokenizer():
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in DOMAIN_WORDS:
        tokenizer.add_word(word)
    return tokenizer


def segment(text):
    """Return the words of text, with long words also split into their shorter parts."""
    words = []
    for piece in TOKEN.findall(text or ""):
        words.extend(w for w in _tokenizer().cut_for_search(piece) if w.strip())
    return words


def segmented(text):
    """Return text as space-separated words, ready for a search backend that splits on spaces."""
    return " ".join(segment(text))


def numeral(number):
    """Return number (0–9999) written in Chinese, as in 第十二条."""
    if not 0 <= number < 10_000:
        return str(number)
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    result, pending_zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            result += ("零" if pending_zero and result else "") + DIGITS[digit] + unit
            pending_zero = False
        else:
            pending_zero = bool(result)
    return result


UNITS = {"十": 10, "百": 100, "千": 1000}
DIGIT_VALUES = {char: value for value, char in enumerate(DIGITS)} | {"〇": 0, "两": 2}


def parse_numeral(text):
    """Return the number written as text, in Arabic digits or Chinese (十二, 一百零三), or None."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in UNITS:
            # A unit with no digit before it counts one of itself, as in 十二.
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
        elif char in DIGIT_VALUES:
            digit = DIGIT_VALUES[char]
        else:
            return None
    return total + (digit or 0) if text else None


def time_range(starts, ends=None):
    """Return "2026年12月9日 07:00–09:00" (in the active language), naming the end's date only
    when it is another day."""
    starts = timezone.localtime(starts)
    text = formats.date_format(starts, "DATETIME_FORMAT")
    if ends is None:
        return text
    ends = timezone.localtime(ends)
    same_day = ends.date() == starts.date()
    end = formats.time_format(ends) if same_day else formats.date_format(ends, "DATETIME_FORMAT")
    return f"{text}–{end}"
