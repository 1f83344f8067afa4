#!/usr/bin/env bash
# Render a report's review page (plan-extract show) in headless Chromium and save a screenshot.
#
#   scripts/screenshot_review.sh REPORT.txt OUT.png [extra `plan-extract show` options…]
#
# Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk).  Environment:
#   CHROMIUM      browser binary (default: chromium)
#   PLAN_EXTRACT  the CLI (default: plan-extract on PATH, else python -m plan_extract.cli)
#   WINDOW_SIZE   default 1400,900
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.txt OUT.png [plan-extract show options...]" >&2
  exit 2
fi
report=$1
out=$2
shift 2

chromium=${CHROMIUM:-chromium}
if [ -z "${PLAN_EXTRACT:-}" ]; then
  if command -v plan-extract >/dev/null 2>&1; then
    PLAN_EXTRACT=plan-extract
  else
    PLAN_EXTRACT="python -m plan_extract.cli"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page="$work/review.html"
# shellcheck disable=SC2086
$PLAN_EXTRACT show "$report" -o "$page" "$@"

out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$work/profile" \
  --screenshot="$out_abs" --window-size="${WINDOW_SIZE:-1400,900}" \
  "file://$page" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
test -s "$out_abs" || { echo "no screenshot written" >&2; cat "$work/chromium.log" >&2; exit 1; }
echo "$out_abs"
