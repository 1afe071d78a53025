#!/usr/bin/env bash
# make-scan-samples.sh — regenerate samples/scan: scanned (image-only) PDFs
# with truth, for the OCR reader, made from the text PDFs in samples/pdf.
#
# Needs (Debian): poppler-utils (pdftoppm, pdftotext, pdfinfo, pdffonts),
# imagemagick 6 (convert, with the jpeg, png, jp2/openjpeg and freetype
# delegates: `convert -list format | grep JP2`), img2pdf, qpdf, a CJK font for
# the seal text (fonts-wqy-zenhei or fonts-noto-cjk) and /usr/bin/python3
# (standard library only: bbox parsing and the truth files).
#   apt-get install -y --no-install-recommends poppler-utils imagemagick img2pdf qpdf fonts-wqy-zenhei
#
# CI does NOT run this; the outputs are committed (about 7.3 MB; takes about
# 30 s). Rerun it after the source PDFs in samples/pdf change (bash
# scripts/make-pdf-samples.sh). Deterministic: fixed noise seeds (ImageMagick
# -seed), img2pdf --engine internal --nodate (its pikepdf engine writes a random
# /ID), qpdf --deterministic-id; with the same tool versions (measured: poppler
# 22.12, ImageMagick 6.9.11-60, img2pdf 0.4.4, qpdf 11.3.0, OpenJPEG 2.5.0) a
# rerun writes the same bytes. Idempotent: samples/scan is removed and rebuilt.
#
# Every page image is wrapped by img2pdf with --imgsize <dpi>dpi, so the page
# stays A4 (whole pixels: 595.44–595.68 × 841.92–842.04 pt instead of
# 595.30 × 841.89) and holds one image and nothing else: no text layer, no
# fonts. The script checks that with pdffonts and pdftotext, and that each
# truth's source PDF still has Table 3 on the pages its notes name. The truth
# is the source's truth (cells, expectProblems, year, agency, format) with
# NO_TEXT_LAYER added to expectOtherProblems and the degradation described in
# the notes.
#
# ImageMagick's -rotate turns clockwise (as displayed) for positive angles;
# the rotated page is cropped back to its size around the centre, white fill.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3
missing=()
for tool in pdftoppm pdftotext pdfinfo pdffonts convert img2pdf qpdf "$PY"; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "make-scan-samples: missing ${missing[*]} (see the top of $0)" >&2
  exit 1
fi
fonts=$(fc-list :lang=zh file)
SEAL_FONT=$(grep -oE '^[^:]*wqy-zenhei[^:]*' <<<"$fonts" | head -n1 || true)
[[ -n "$SEAL_FONT" ]] || SEAL_FONT=$(grep -oE '^[^:]*NotoSansCJK-Bold[^:]*' <<<"$fonts" | head -n1 || true)
[[ -n "$SEAL_FONT" ]] || { echo "make-scan-samples: no CJK font for the seal (apt-get install fonts-wqy-zenhei)" >&2; exit 1; }

src=samples/pdf
out=samples/scan
work=$(mktemp -d "${TMPDIR:-/tmp}/scan-samples.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# Table 3 pages of a text PDF: "first last", from 三、收到和处理政府信息公开申请情况
# to the page with its last row 四、结转下年度继续办理 (pdftotext, spaces removed).
t3_pages() {
  local pdf=$1 n first='' last='' p text
  n=$(pages "$pdf")
  for ((p = 1; p <= n; p++)); do
    text=$(pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n')
    [[ -z $first && $text == *三、收到和处理政府信息公开申请情况* ]] && first=$p
    if [[ -n $first && $text == *四、结转下年度继续办理* ]]; then last=$p; break; fi
  done
  [[ -n $first && -n $last ]] || { echo "make-scan-samples: Table 3 not found in $pdf" >&2; exit 1; }
  echo "$first $last"
}

# scan SRC.pdf FIRST LAST DPI MODE ANGLE NOISE SEED FORMAT QUALITY OUT.pdf
#   MODE gray|color; ANGLE degrees (0 = none); NOISE ImageMagick -attenuate for
#   +noise Gaussian (0 = none), seeded with SEED + page number; FORMAT jpg|jp2.
#   A page whose PNG has a stamp waiting in $work/stamp-<page>.png (RGBA, with
#   its offset in $work/stamp-<page>.geom) gets it multiplied in before the
#   rotation (the seal is on the paper, the paper lies askew on the scanner).
scan() {
  local pdf=$1 first=$2 last=$3 dpi=$4 mode=$5 angle=$6 noise=$7 seed=$8 fmt=$9 quality=${10} dest=${11}
  local p base size ops imgs=()
  for ((p = first; p <= last; p++)); do
    base=$work/$(basename "$dest" .pdf)-p$p
    if [[ $mode == gray ]]; then
      pdftoppm -r "$dpi" -gray -f "$p" -l "$p" -singlefile -png "$pdf" "$base"
    else
      pdftoppm -r "$dpi" -f "$p" -l "$p" -singlefile -png "$pdf" "$base"
    fi
    size=$(identify -format '%wx%h' "$base.png")
    ops=()
    if [[ -f $work/stamp-$p.png ]]; then
      ops+=("$work/stamp-$p.png" -geometry "$(cat "$work/stamp-$p.geom")" -compose Multiply -composite -compose Over)
    fi
    if [[ $angle != 0 ]]; then
      ops+=(-background white -rotate "$angle" -gravity center -extent "$size" +repage -gravity NorthWest)
    fi
    if [[ $noise != 0 ]]; then
      ops+=(-seed $((seed + p)) -attenuate "$noise" +noise Gaussian)
    fi
    if [[ $mode == gray ]]; then ops+=(-colorspace Gray -type Grayscale); else ops+=(-type TrueColor); fi
    ops+=(-strip -density "$dpi" -units PixelsPerInch -quality "$quality")
    convert "$base.png" "${ops[@]}" "$base.$fmt"
    [[ $(identify -format '%wx%h' "$base.$fmt") == "$size" ]] || { echo "make-scan-samples: $base.$fmt changed size" >&2; exit 1; }
    imgs+=("$base.$fmt")
  done
  img2pdf --engine internal --nodate --imgsize "${dpi}dpi" -o "$dest" "${imgs[@]}"
}

# Fails unless pages FIRST..LAST of PDF have no fonts and no text, and the
# other pages do have text.
check_textless() {
  local pdf=$1 first=$2 last=$3 n p fonts chars
  n=$(pages "$pdf")
  for ((p = 1; p <= n; p++)); do
    fonts=$(pdffonts -f "$p" -l "$p" "$pdf" | tail -n +3 | wc -l)
    chars=$(pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n\f' | wc -c)
    if ((p >= first && p <= last)); then
      ((fonts == 0 && chars == 0)) || { echo "make-scan-samples: $pdf page $p has $fonts fonts, $chars characters" >&2; exit 1; }
    else
      ((chars > 0)) || { echo "make-scan-samples: $pdf text page $p has no text" >&2; exit 1; }
    fi
  done
}

# truth NAME SOURCE_NAME SPEC_JSON: writes $out/NAME.truth.json from the
# source's truth; SPEC_JSON = {"notes": [...], "chain": "...", "scanned": [pages]}.
truth() {
  "$PY" - "$src/$2.truth.json" "$out/$1.truth.json" "$1.pdf" "$src/$2.pdf" "$3" <<'PYEOF'
import json, re, sys
src_truth, dest, file, src_pdf, spec = sys.argv[1:6]
spec = json.loads(spec)
t = json.load(open(src_truth, encoding='utf-8'))
# The source's note on its pages and tables; its ruling census described vector
# lines that are pixels now (on the scanned pages).
layout = [n for n in t['notes'] if n.startswith('PDF: ')]
layout = [re.sub(r' Ruling in the content streams:.*$', '', n) for n in layout]
about = [n for n in t['notes'] if not n.startswith('PDF: ')]
other = list(t['expectOtherProblems'])
if 'NO_TEXT_LAYER' not in other:
    other.append('NO_TEXT_LAYER')
out = {
    'file': file,
    'formatVersion': t.get('formatVersion'),
    'year': t.get('year'),
    'agency': t.get('agency'),
    'expectProblems': t['expectProblems'],
    'expectOtherProblems': other,
    'notes': spec['notes']
    + [f'Source {src_pdf.split("/")[-1]} — ' + n for n in about]
    + [n.rstrip('.') + ' (pages and breaks of the source, kept by the scan: same pages in the same order).' for n in layout],
    'source': {
        'generator': 'scripts/make-scan-samples.sh',
        'from': src_pdf,
        'chain': spec['chain'],
        'scannedPages': spec['scanned'],
    },
    'verification': t.get('verification'),
    'cells': t['cells'],
}
if out['verification'] is None:
    del out['verification']
with open(dest, 'w', encoding='utf-8') as f:
    json.dump(out, f, ensure_ascii=False, indent=2)
    f.write('\n')
PYEOF
}

expect_t3() { # SOURCE_NAME "first last": the source's Table 3 pages must be what its truth notes say
  local got
  got=$(t3_pages "$src/$1.pdf")
  grep -q "Table 3 pages ${got% *}–${got#* }" "$src/$1.truth.json" ||
    { echo "make-scan-samples: $1: Table 3 on pages $got, not what its truth notes say" >&2; exit 1; }
  echo "$got"
}

all_pages() { echo "[$(seq -s, 1 "$(pages "$1")")]"; }

# ---- 1. scan-300-clean: 300 dpi grey, JPEG 85, straight
name=scan-300-clean from=lo-clean-2021
n=$(pages "$src/$from.pdf")
scan "$src/$from.pdf" 1 "$n" 300 gray 0 0 0 jpg 85 "$out/$name.pdf"
check_textless "$out/$name.pdf" 1 "$n"
truth "$name" "$from" "$(
  cat <<EOF
{"scanned": $(all_pages "$src/$from.pdf"),
 "chain": "pdftoppm -r 300 -gray -png → convert -colorspace Gray -quality 85 (JPEG) → img2pdf --engine internal --nodate --imgsize 300dpi",
 "notes": ["A clean scan of $from.pdf: every page ($n) rasterised at 300 dpi, 8-bit grey, no rotation, no noise, JPEG quality 85 (one DCT image of 2481×3508 px per page, page 595.4×842.0 pt). No text layer, no fonts: NO_TEXT_LAYER must name all pages, and the cells are read by OCR only. The easiest scan: what an OCR reader must get fully right (all 200 cells; t3.granted.natural = 1234 has four digits)."]}
EOF
)"

# ---- 2. scan-200-rot: 200 dpi grey, +1.2°, JPEG 70
name=scan-200-rot from=lo-inconsistent
n=$(pages "$src/$from.pdf")
scan "$src/$from.pdf" 1 "$n" 200 gray 1.2 0 0 jpg 70 "$out/$name.pdf"
check_textless "$out/$name.pdf" 1 "$n"
truth "$name" "$from" "$(
  cat <<EOF
{"scanned": $(all_pages "$src/$from.pdf"),
 "chain": "pdftoppm -r 200 -gray -png → convert -background white -rotate 1.2 -gravity center -extent 1654x2339 -colorspace Gray -quality 70 (JPEG) → img2pdf --engine internal --nodate --imgsize 200dpi",
 "notes": ["A skewed scan of $from.pdf: every page ($n) rasterised at 200 dpi, 8-bit grey, rotated by 1.2° clockwise as displayed (ImageMagick -rotate 1.2, white fill, cropped back to 1654×2339 px around the centre), JPEG quality 70. Across the width of Table 3 (about 1400 px) a ruling line drifts by about 29 px, more than a row of text is high (about 29 px for 10.5 pt), so rows must be found after deskewing (rotate by −1.2°) or along the slope. No text layer: NO_TEXT_LAYER for all pages. The planted arithmetic errors of the source are printed values and stay expected (expectProblems); an OCR misreading must not invent or hide any other."]}
EOF
)"

# ---- 3. scan-150-noisy: 150 dpi grey, −1.5°, Gaussian noise, JPEG 50
name=scan-150-noisy from=lo-blank-zeros
n=$(pages "$src/$from.pdf")
scan "$src/$from.pdf" 1 "$n" 150 gray -1.5 1.5 150 jpg 50 "$out/$name.pdf"
check_textless "$out/$name.pdf" 1 "$n"
truth "$name" "$from" "$(
  cat <<EOF
{"scanned": $(all_pages "$src/$from.pdf"),
 "chain": "pdftoppm -r 150 -gray -png → convert -background white -rotate -1.5 -gravity center -extent 1241x1754 -seed <150+page> -attenuate 1.5 +noise Gaussian -colorspace Gray -quality 50 (JPEG) → img2pdf --engine internal --nodate --imgsize 150dpi",
 "notes": ["A poor scan of $from.pdf: every page ($n) rasterised at 150 dpi (10.5 pt digits about 16 px high), 8-bit grey, rotated by 1.5° counter-clockwise as displayed (ImageMagick -rotate -1.5, white fill, cropped back to 1241×1754 px), Gaussian noise over the whole page (ImageMagick -seed 150+page -attenuate 1.5 +noise Gaussian: grey speckle on the white paper, the strokes stay legible), JPEG quality 50 (blocking around the strokes). The source leaves every zero cell of Tables 3 and 4 blank and prints - or — in three Table 2 cells: a blank cell here holds only noise, which must be read as blank (truth null, CELL_BLANK), never as a digit or a dash. No text layer: NO_TEXT_LAYER for all pages. The hardest of the full scans."]}
EOF
)"

# ---- 4. scan-200-seal: 200 dpi colour, red seal over Table 3 values, −0.7°, JPEG 60
name=scan-200-seal from=lo-2019
n=$(pages "$src/$from.pdf")
t3=$(expect_t3 "$from")
t3first=${t3% *}
agency=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["agency"])' "$src/$from.truth.json")
# Where: centred between the 社会公益组织 and 法律服务机构 values of row 一 in x, on row
# （一）予以公开 in y, on the page where Table 3 starts; which cells it covers goes to the notes.
pdftotext -f "$t3first" -l "$t3first" -bbox "$src/$from.pdf" "$work/bbox.html"
seal_info=$("$PY" - "$src/$from.truth.json" 200 "$work/bbox.html" <<'PYEOF'
import html, json, re, sys
truth = json.load(open(sys.argv[1], encoding='utf-8'))
dpi = float(sys.argv[2])
bbox = open(sys.argv[3], encoding='utf-8').read()
words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)]
head = next(w for w in words if w[4].startswith('三、收到和处理政府信息公开申请'))
nums = [w for w in words if w[1] > head[1] and re.fullmatch(r'\d+', w[4])]
lines = {}
for w in nums:
    lines.setdefault(round(w[1]), []).append(w)
lines = [sorted(v) for _, v in sorted(lines.items())]
rows = []
for k in truth['cells']:
    r = k.split('.')[1]
    if k.startswith('t3.') and r not in rows:
        rows.append(r)
cols = ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg', 'total']
placed = {}
for i, line in enumerate(lines):
    assert len(line) == 7, f'line {i} has {len(line)} numbers'
    for j, w in enumerate(line):
        key = f't3.{rows[i]}.{cols[j]}'
        assert truth['cells'][key] == int(w[4]), (key, w)
        placed[key] = w
first = lines[0]
cx = ((first[3][0] + first[3][2]) / 2 + (first[4][0] + first[4][2]) / 2) / 2
cy = (lines[2][0][1] + lines[2][0][3]) / 2
r = 42 / 25.4 * 72 / 2  # a 42 mm seal
covered = [k for k, w in placed.items() if ((w[0] + w[2]) / 2 - cx) ** 2 + ((w[1] + w[3]) / 2 - cy) ** 2 < r * r]
s = dpi / 72
print(round(cx * s), round(cy * s), round(cx, 1), round(cy, 1), ','.join(covered))
PYEOF
)
read -r seal_px seal_py seal_cx seal_cy seal_cells <<<"$seal_info"
# The seal: 42 mm at 200 dpi = 331 px; red (#d7261e) ring, star, the agency's
# name along the upper arc and 信息公开专用章 below the star, drawn on
# transparent, ink made uneven (seeded noise in the alpha), turned by 11°.
seal_draw=$("$PY" - "$agency" <<'PYEOF'
import math, sys
name = sys.argv[1]
c, r_text, size = 180, 122, 38
ops = []
span = min(230, 24 * len(name))
for i, ch in enumerate(name):
    a = -span / 2 + span * (i + 0.5) / len(name)
    x, y = c + r_text * math.sin(math.radians(a)), c - r_text * math.cos(math.radians(a))
    ops.append(f"translate {x:.1f},{y:.1f} rotate {a:.2f} text {-size / 2:.1f},{size * 0.36:.1f} '{ch}'")
star = []
for k in range(10):
    rr = 50 if k % 2 == 0 else 19
    a = math.radians(-90 + 36 * k)
    star.append(f'{c + rr * math.cos(a):.1f},{c + 4 + rr * math.sin(a):.1f}')
print(';'.join(ops) + ';polygon ' + ' '.join(star))
PYEOF
)
IFS=';' read -r -a seal_parts <<<"$seal_draw"
draw=()
for part in "${seal_parts[@]}"; do draw+=(-draw "$part"); done
convert -size 360x360 xc:black -fill none -stroke white -strokewidth 9 -draw 'circle 180,180 180,22' \
  -stroke none -fill white -font "$SEAL_FONT" -pointsize 38 -gravity NorthWest "${draw[@]}" \
  -pointsize 27 -gravity center -annotate +0+78 '信息公开专用章' -colorspace Gray "$work/seal-shape.png"
convert -size 360x360 xc:gray60 -seed 7 -attenuate 3 +noise Gaussian -blur 0x2.5 -colorspace Gray "$work/seal-ink.png"
convert -size 360x360 xc:'#d7261e' \( "$work/seal-shape.png" "$work/seal-ink.png" -compose Multiply -composite -evaluate multiply 1.25 \) \
  -alpha off -compose CopyOpacity -composite -compose Over -background none -rotate 11 "$work/stamp-$t3first.png"
sw=$(identify -format '%w' "$work/stamp-$t3first.png")
sh=$(identify -format '%h' "$work/stamp-$t3first.png")
echo "+$((seal_px - sw / 2))+$((seal_py - sh / 2))" >"$work/stamp-$t3first.geom"
scan "$src/$from.pdf" 1 "$n" 200 color -0.7 0 0 jpg 60 "$out/$name.pdf"
rm -f "$work"/stamp-*
check_textless "$out/$name.pdf" 1 "$n"
truth "$name" "$from" "$(
  cat <<EOF
{"scanned": $(all_pages "$src/$from.pdf"),
 "chain": "pdftoppm -r 200 -png (RGB) → on page $t3first a red seal multiplied in (convert -compose Multiply) → convert -background white -rotate -0.7 -gravity center -extent 1654x2339 -quality 60 (JPEG, colour, 4:2:0) → img2pdf --engine internal --nodate --imgsize 200dpi",
 "notes": ["A colour scan of $from.pdf with an official seal: every page ($n) rasterised at 200 dpi in RGB; on page $t3first (where Table 3 starts) a red (#d7261e) 公章 of 42 mm (331 px) — a ring, a five-pointed star, the agency name $agency along the upper arc and 信息公开专用章 below the star, turned by 11°, uneven semi-transparent ink (seeded) — is multiplied onto the page (black strokes stay black, white paper turns red) centred at ($seal_cx, $seal_cy) pt of the unrotated page, over the value cells of the rows 二、上年结转 to （二）部分公开; then the page is rotated by 0.7° counter-clockwise as displayed (ImageMagick -rotate -0.7, white fill) and saved as colour JPEG quality 60. The printed numbers inside its ring are these (they stay under the red ink, legible; the truth is what is printed), and its ring and letters cross the cells around them: $(sed 's/,/, /g' <<<"$seal_cells"). Its red characters and star lie over the digits and ruling lines; a reader should drop the red (e.g. use the red channel or a colour threshold) before reading the digits, and must not read seal strokes as digits. No text layer: NO_TEXT_LAYER for all pages."]}
EOF
)"

# ---- 5. scan-300-jpx: 300 dpi grey, JPEG 2000
name=scan-300-jpx from=lo-wide-columns
formats=$(convert -list format 2>/dev/null || true)
if grep -qE '^ +JP2\*? +JP2 +rw' <<<"$formats"; then
  n=$(pages "$src/$from.pdf")
  scan "$src/$from.pdf" 1 "$n" 300 gray 0 0 0 jp2 40 "$out/$name.pdf"
  check_textless "$out/$name.pdf" 1 "$n"
  grep -aq '/JPXDecode' "$out/$name.pdf" || { echo "make-scan-samples: $name.pdf holds no JPXDecode image" >&2; exit 1; }
  truth "$name" "$from" "$(
    cat <<EOF
{"scanned": $(all_pages "$src/$from.pdf"),
 "chain": "pdftoppm -r 300 -gray -png → convert -colorspace Gray -quality 40 (JP2, OpenJPEG through ImageMagick) → img2pdf --engine internal --nodate --imgsize 300dpi (/JPXDecode, the JP2 file embedded as it is)",
 "notes": ["$from.pdf scanned to JPEG 2000: every page ($n) rasterised at 300 dpi, 8-bit grey, no rotation, no noise, encoded by ImageMagick's JP2 coder (OpenJPEG) with -quality 40, lossy (slight ringing and blur around strokes, none of it across cells), and embedded by img2pdf as /Filter /JPXDecode images of 2481×3508 px. A reader must decode JPX (pdfjs does, with its OpenJPEG wasm; some image libraries do not). Measured with pdfjs-dist 5.6.205 in Node 20: pdfjs decodes these images at half resolution, 1241×1754 px (150 dpi), because in Node there is no OffscreenCanvas, its ImageResizer's MAX_DIM falls back to 2048 px and getReducePowerForJPX returns 1 for any JPX wider or taller than that; poppler (pdftoppm, pdfimages) gives the full 2481×3508. The source's 7.5 pt table text is about 31 px high, its value columns narrow and close together. No text layer: NO_TEXT_LAYER for all pages."]}
EOF
  )"
else
  echo "make-scan-samples: ImageMagick has no JP2 coder (libopenjp2-7); $name skipped" >&2
fi

# ---- 6. mixed-text-scan: the Table 3 pages of a text PDF replaced by their scans
name=mixed-text-scan from=lo-long-overview
n=$(pages "$src/$from.pdf")
t3=$(expect_t3 "$from")
first=${t3% *} last=${t3#* }
scan "$src/$from.pdf" "$first" "$last" 200 gray 0.5 0 0 jpg 70 "$work/$name-scanned.pdf"
pagespec=()
((first > 1)) && pagespec+=("$src/$from.pdf" "1-$((first - 1))")
pagespec+=("$work/$name-scanned.pdf" "1-$((last - first + 1))")
((last < n)) && pagespec+=("$src/$from.pdf" "$((last + 1))-$n")
qpdf --deterministic-id --empty --pages "${pagespec[@]}" -- "$out/$name.pdf"
[[ $(pages "$out/$name.pdf") == "$n" ]] || { echo "make-scan-samples: $name.pdf lost pages" >&2; exit 1; }
check_textless "$out/$name.pdf" "$first" "$last"
scanned_list=$(seq -s, "$first" "$last")
truth "$name" "$from" "$(
  cat <<EOF
{"scanned": [$scanned_list],
 "chain": "pdftotext finds the Table 3 pages $first–$last → those pages: pdftoppm -r 200 -gray -png → convert -background white -rotate 0.5 -gravity center -extent 1654x2339 -colorspace Gray -quality 70 (JPEG) → img2pdf --engine internal --nodate --imgsize 200dpi; qpdf --deterministic-id --empty --pages $from.pdf 1-$((first - 1)) <scans> 1-$((last - first + 1)) -- (document info and outline of the source are not kept)",
 "notes": ["$from.pdf with the pages that hold Table 3 (pages $first–$last, found with pdftotext) replaced by 200 dpi scans of themselves: 8-bit grey, rotated by 0.5° clockwise as displayed (ImageMagick -rotate 0.5, white fill), JPEG quality 70, wrapped by img2pdf and joined with the untouched text pages by qpdf --empty --pages. Pages 1–$((first - 1)) keep their text layer and fonts (section 一, the start of Table 2, read as text); pages $first–$last are one image each, no text: NO_TEXT_LAYER must name pages $scanned_list, not the others. What lies on the scanned pages is read by OCR only: the end of Table 2 (rows from fees on, page $first), all of Table 3, Table 4 and sections 四–六 (page $last). A reader must merge text cells and OCR cells into one report, and Table 2 breaks from a text page onto a scanned one."]}
EOF
)"

# ---- Sizes
total=0
for f in "$out"/*.pdf; do
  size=$(stat -c %s "$f")
  total=$((total + size))
  printf '%-28s %8d bytes, %s pages\n' "$(basename "$f")" "$size" "$(pages "$f")"
  # scan-300-clean is about 2.25 MB (four text-dense pages at 300 dpi, JPEG 85); the others stay under 1.5 MB
  ((size <= 2500000)) || echo "make-scan-samples: warning: $(basename "$f") is over 2.5 MB" >&2
done
printf '%-28s %8d bytes\n' total "$total"
