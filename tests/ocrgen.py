"""Scans in Arabic script made for OCR tests and benchmarks: Urdu text shaped by Pillow
(raqm) in a Naskh or Nastaliq font, drawn into a page image that is a PDF page's only
content, as a phone or office scan is."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from tests import pdfgen

NASKH = "NotoNaskhArabic-Regular.ttf"
NASTALIQ = "NotoNastaliqUrdu-Regular.ttf"

# Sentences of the kind an Urdu act or notification has (written for these tests).
URDU_SENTENCES = [
    "سوشل میڈیا کے نئے قواعد",
    "قومی رابطہ کار کو مواد ہٹانے کا اختیار دیا گیا ہے",
    "کمیٹی کی رپورٹ اگلے ہفتے پیش کی جائے گی",
    "عدالت نے درخواست منظور کر لی",
    "حکومت نے پارلیمان میں نیا قانون پیش کیا ہے",
    "ہر شہری کو اظہار رائے کی آزادی کا حق حاصل ہوگا",
    "وفاقی حکومت سرکاری گزٹ میں اعلان کے ذریعے قواعد بنا سکتی ہے",
    "اس ایکٹ کا اطلاق پورے پاکستان پر ہوگا",
    "کوئی شخص جو اس دفعہ کی خلاف ورزی کرے سزا کا مستوجب ہوگا",
    "شکایت موصول ہونے کے تیس دن کے اندر فیصلہ کیا جائے گا",
]


class NoShaping(RuntimeError):
    """Pillow cannot shape Arabic script here (no raqm), or the font is missing."""


def make_urdu_scan(path: str | Path, pages: Sequence[Sequence[str]], font_name: str = NASKH,
                   size_px: int = 60, line_px: int = 200, dpi: int = 300) -> Path:
    """An image-only PDF, one A4 page per list of lines: Urdu right aligned and shaped,
    lines without Arabic script left aligned in a Latin font (the Arabic fonts have no
    Latin letters)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont, features

    if not features.check("raqm"):
        raise NoShaping("Pillow without raqm cannot shape Urdu")
    try:
        font_path = pdfgen.find_font(font_name)
    except pdfgen.FontUnavailable as exc:
        raise NoShaping(str(exc)) from None
    font = ImageFont.truetype(str(font_path), size_px, layout_engine=ImageFont.Layout.RAQM)
    latin = ImageFont.truetype(
        str(pdfgen.find_font("DejaVuSans.ttf", "LiberationSans-Regular.ttf")),
        round(size_px * 0.7))
    w_px, h_px = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    pdf = FPDF(unit="mm", format="A4")
    for lines in pages:
        img = Image.new("L", (w_px, h_px), 255)
        draw = ImageDraw.Draw(img)
        for k, line in enumerate(lines):
            y = round(dpi) + line_px * k
            if any("\u0600" <= c <= "\u06ff" for c in line):
                draw.text((w_px - round(dpi * 0.8), y), line, fill=0, font=font, anchor="ra",
                          direction="rtl", language="ur")
            else:
                draw.text((round(dpi * 0.8), y), line, fill=0, font=latin, anchor="la")
        pdf.add_page()
        pdf.image(img, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return Path(path)
