#!/usr/bin/python3
"""Regenerates document.pdf and its ground truth document.txt in this folder.

The PDF is committed: tests never run this script. It exists so that the fixture is reproducible and can be changed on
purpose. Needs Pillow (Debian: python3-pil) and the DejaVu fonts (fonts-dejavu-core); run it with the system Python:
/usr/bin/python3 tests/samples/make-pdf.py

Three pages of different sizes, so that a test can tell them apart by the size of the image each request carries:
1. US Letter, portrait: a title and two paragraphs.
2. A4, portrait: a subheading, a paragraph and a figure (a bar chart in a frame) with a caption.
3. A4, landscape: a subheading and a short list.
Each page is one bilevel image at 144 DPI, so rendering at 144 DPI gives it back pixel for pixel (1224x1584,
1190x1684 and 1684x1190). The dates are fixed: the same Pillow version gives the same bytes.
"""
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
DPI = 144
SPLIT = "\n<--- Page Split --->\n"

PAGES = [
    {
        "size": (1224, 1584),
        "blocks": [
            ("DejaVuSerif-Bold.ttf", 44, "Notes from the Harbour Library"),
            ("DejaVuSerif.ttf", 28, "The reading room opened on the third of March\nafter a winter of repairs to the roof and the\neast windows of the old customs house."),
            ("DejaVuSerif.ttf", 28, "Visitors borrowed 4,218 books during the first\nmonth, more than in any spring of the last\nten years."),
        ],
    },
    {
        "size": (1190, 1684),
        "blocks": [
            ("DejaVuSerif-Bold.ttf", 36, "Loans by Month"),
            ("DejaVuSerif.ttf", 28, "The chart below counts the books lent in\nthe first three months of the year."),
        ],
        "figure": (120, 520, 1070, 1180),
        "caption": ("DejaVuSerif.ttf", 24, "Figure 1: books lent per month"),
    },
    {
        "size": (1684, 1190),
        "blocks": [
            ("DejaVuSerif-Bold.ttf", 36, "Opening Hours"),
            ("DejaVuSerif.ttf", 28, "Monday to Friday: from 9:00 to 18:30\nSaturday: from 9:00 to 13:00\nSunday: closed"),
        ],
    },
]


def draw_page(page):
    image = Image.new("1", page["size"], 1)
    draw = ImageDraw.Draw(image)
    y = 120
    words = []
    for font_name, size, text in page["blocks"]:
        font = ImageFont.truetype(str(FONTS / font_name), size)
        draw.multiline_text((120, y), text, font=font, fill=0, spacing=14)
        y = draw.multiline_textbbox((120, y), text, font=font, spacing=14)[3] + 48
        words.append(text)
    if "figure" in page:
        x1, y1, x2, y2 = page["figure"]
        draw.rectangle((x1, y1, x2, y2), outline=0, width=6)
        for i, height in enumerate((280, 420, 340)):
            left = x1 + 120 + i * 260
            draw.rectangle((left, y2 - 60 - height, left + 160, y2 - 60), fill=0)
        font_name, size, caption = page["caption"]
        draw.text((x1, y2 + 30), caption, font=ImageFont.truetype(str(FONTS / font_name), size), fill=0)
        words.append(caption)
    return image, "\n\n".join(words)


def main():
    drawn = [draw_page(page) for page in PAGES]
    images = [image for image, _ in drawn]
    fixed = time.gmtime(1767225600)  # 2026-01-01T00:00:00Z
    images[0].save(HERE / "document.pdf", save_all=True, append_images=images[1:], resolution=DPI,
                   title="Notes from the Harbour Library", creationDate=fixed, modDate=fixed)
    (HERE / "document.txt").write_text(SPLIT.join(text for _, text in drawn) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
