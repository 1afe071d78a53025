#!/usr/bin/env bash
# make-blank-pages-sample.sh — samples/pdf/text-with-blank-pages.pdf: the text
# PDF lo-clean-2021.pdf with a blank page after its first page and one at the
# end (as scanners' and printers' separator sheets leave them), and its truth.
# The blank pages must be recognised as blank: not read by OCR, not reported
# as pages without a text layer (source.pageReads says "blank").
# Needs qpdf (apt-get install qpdf); CI does not run it, the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One empty A4 page, written by hand: no content stream at all.
cat > "$work/blank.pdf" <<'PDF'
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << >> >> endobj
trailer << /Root 1 0 R >>
%%EOF
PDF
qpdf --empty --deterministic-id --pages samples/pdf/lo-clean-2021.pdf 1 "$work/blank.pdf" 1 samples/pdf/lo-clean-2021.pdf 2-4 "$work/blank.pdf" 1 -- samples/pdf/text-with-blank-pages.pdf 2>/dev/null || test $? -eq 3
/usr/bin/python3 - <<'PY'
import json
truth = json.load(open('samples/pdf/lo-clean-2021.truth.json'))
truth['file'] = 'text-with-blank-pages.pdf'
truth['notes'] = ['lo-clean-2021.pdf with a blank page after page 1 and one at the end (scripts/make-blank-pages-sample.sh): 6 pages, pages 2 and 6 blank; same cells and problems as lo-clean-2021.pdf.']
json.dump(truth, open('samples/pdf/text-with-blank-pages.truth.json', 'w'), ensure_ascii=False, indent=2)
open('samples/pdf/text-with-blank-pages.truth.json', 'a').write('\n')
PY
echo samples/pdf/text-with-blank-pages.pdf
