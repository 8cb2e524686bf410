#!/usr/bin/env bash
# Regenerates the sample images and their ground truth (NAME.png + NAME.txt) in this folder.
# The PNGs are committed: tests never run this script. It exists so that the samples are reproducible and can be
# changed on purpose. Needs ImageMagick 6 (`convert`, Debian package imagemagick) and the DejaVu fonts
# (fonts-dejavu-core). Noise uses a fixed seed and metadata (timestamps) is stripped, so the same ImageMagick
# version gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")"

command -v convert >/dev/null || { echo "make-samples.sh: ImageMagick 'convert' not found (apt-get install -y imagemagick)" >&2; exit 1; }
FONTS=/usr/share/fonts/truetype/dejavu
[ -f "$FONTS/DejaVuSerif.ttf" ] || { echo "make-samples.sh: DejaVu fonts not found in $FONTS (apt-get install -y fonts-dejavu-core)" >&2; exit 1; }

# label: renders text as given, newlines included; each block becomes one image, stacked with -append.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
label() { # output font pointsize fill background text
    convert -background "$5" -fill "$4" -font "$FONTS/$2" -pointsize "$3" -interline-spacing 6 label:"$6" \
        -bordercolor "$5" -border 0x12 "$work/$1.png"
}

# 1. A scanned-looking page: a title, paragraphs, a subheading; grey paper, a slight tilt, noise and blur.
scan_title="Annual Report of the Harbour Library"
scan_p1="The reading room opened on the third of March after
a winter of repairs to the roof and the east windows.
Visitors borrowed 4,218 books during the first month,
more than in any spring of the last ten years."
scan_sub="Opening Hours"
scan_p2="From Monday to Friday the doors open at 9:00 and
close at 18:30. On Saturday the library closes at 13:00.
Questions about old maps go to the archive desk."
label title DejaVuSerif-Bold.ttf 40 black white "$scan_title"
label p1 DejaVuSerif.ttf 24 black white "$scan_p1"
label sub DejaVuSerif-Bold.ttf 31 black white "$scan_sub"
label p2 DejaVuSerif.ttf 24 black white "$scan_p2"
convert -background white "$work/title.png" "$work/p1.png" "$work/sub.png" "$work/p2.png" -gravity west -append +repage \
    -bordercolor white -border 60x60 -fill '#f1eee6' -opaque white -background '#f1eee6' -rotate 0.6 +repage \
    -seed 42 -attenuate 0.25 +noise Gaussian -blur 0x0.6 -colorspace Gray -posterize 8 -depth 8 -strip scanned-page.png
printf '%s\n\n%s\n\n%s\n\n%s\n' "$scan_title" "$scan_p1" "$scan_sub" "$scan_p2" > scanned-page.txt

# 2. A receipt: a monospaced table of items, quantities and prices.
receipt="CORNER BAKERY
12 Mill Street

Item              Qty   Price
Rye bread           1    3.40
Butter croissant    4    7.60
Apple tart          2    9.90
Black coffee        3    7.50

Total                   28.40
Paid by card"
label receipt DejaVuSansMono.ttf 24 black white "$receipt"
convert "$work/receipt.png" -bordercolor white -border 40x30 \
    -colorspace Gray -depth 8 -strip receipt.png
printf '%s\n' "$receipt" > receipt.txt

# 3. A screenshot: a dark title bar with light text above a light window body, sans-serif UI text.
shot_bar="Settings - Network"
shot_body="Connection status: online
Server address: 192.168.10.24
Proxy: none
Last update: 2024-05-17 08:42
Save changes before closing the window."
label bar DejaVuSans-Bold.ttf 22 white '#2b4a6f' "$shot_bar"
convert "$work/bar.png" -background '#2b4a6f' -gravity west -splice 24x0 -extent 720x -gravity center "$work/bar-wide.png"
label body DejaVuSans.ttf 20 '#202020' '#f4f6f8' "$shot_body"
convert -background '#f4f6f8' "$work/bar-wide.png" "$work/body.png" -gravity west -splice 24x0 -append +repage \
    -extent 720x300 -depth 8 -strip screenshot.png
printf '%s\n\n%s\n' "$shot_bar" "$shot_body" > screenshot.txt

# The receipt again in the other accepted formats, to test decoding (same ground truth as receipt.png).
convert receipt.png -quality 92 -strip receipt.jpg
convert receipt.png -define webp:lossless=true -strip receipt.webp
# Uncompressed: Leptonica does not read RLE-compressed BMP.
convert receipt.png -type Grayscale -compress None -strip bmp3:receipt.bmp

ls -l ./*.png ./*.jpg ./*.webp ./*.bmp
