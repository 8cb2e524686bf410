#!/usr/bin/env bash
# Regenerates figure-page.png: a page with a title, two paragraphs, a figure (a bar chart drawn without text) and
# its caption. Committed; tests never run this. The figure is drawn at known pixels, which the format tests check
# the answer's image box against: FigureLeft/Top/Right/Bottom in Recognition/FigurePageTests.cs.
# Needs ImageMagick 6 (`convert`, or $CONVERT) and the DejaVu fonts (fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")"
FONTS=/usr/share/fonts/truetype/dejavu
"${CONVERT:-convert}" -size 900x1000 xc:white -fill black \
    -font "$FONTS/DejaVuSans-Bold.ttf" -pointsize 40 -annotate +60+90 "Visitors in Spring" \
    -font "$FONTS/DejaVuSerif.ttf" -pointsize 22 \
    -annotate +60+160 "The library counted its visitors every day from March" \
    -annotate +60+195 "to May. The chart below shows the total of each month." \
    -fill none -stroke black -strokewidth 3 -draw "rectangle 150,260 750,640" \
    -stroke none -fill "#3060a0" -draw "rectangle 220,480 330,636" -draw "rectangle 400,380 510,636" -draw "rectangle 580,300 690,636" \
    -fill black -font "$FONTS/DejaVuSerif-Italic.ttf" -pointsize 20 -annotate +150+690 "Figure 1: Visitors per month, March to May." \
    -font "$FONTS/DejaVuSerif.ttf" -pointsize 22 \
    -annotate +60+780 "May was the busiest month since the reading room" \
    -annotate +60+815 "reopened, with more than a thousand visitors." \
    -strip figure-page.png
