#!/usr/bin/env bash
# make-pdf-samples.sh — regenerate samples/pdf, samples/docx and tests/unreadable.
#
# Needs (Debian): libreoffice-writer (soffice; measured with 7.4.7), fonts-noto-cjk,
# fonts-wqy-zenhei, poppler-utils (pdftotext, pdftoppm, pdfinfo), qpdf, img2pdf,
# zip, unzip; plus node and the project's npm packages (it compiles with tsc).
#   apt-get install -y --no-install-recommends libreoffice-writer fonts-noto-cjk fonts-wqy-zenhei poppler-utils qpdf img2pdf zip unzip
#
# CI does NOT run this: it needs LibreOffice and takes about a minute. The
# outputs are committed; rerun it after changing scripts/make-pdf-samples.ts or
# the HTML samples it starts from (samples/html, scripts/make-html-samples.ts).
# The values are deterministic (seeded); the PDF bytes are not (LibreOffice and
# qpdf write dates and IDs), so a rerun shows binary diffs even when nothing
# changed. Idempotent: the three output folders are removed and rebuilt.
# Everything is checked against the truth before it is written (see the
# header of scripts/make-pdf-samples.ts); the script fails on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in soffice pdftotext pdftoppm pdfinfo qpdf img2pdf zip unzip node; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "make-pdf-samples: missing ${missing[*]} (see the top of $0)" >&2
  exit 1
fi
fc-list :lang=zh family | grep -qiE 'noto (serif|sans) cjk|wenquanyi' || {
  echo "make-pdf-samples: no CJK font (apt-get install fonts-noto-cjk fonts-wqy-zenhei)" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/pdf-samples.XXXXXX")
trap 'rm -rf "$work"' EXIT

npx tsc -p .
node dist/scripts/make-pdf-samples.js "$work"
