#!/usr/bin/env bash
# Copies the pinned npm packages' built files under src/orgwork/static/vendor (served by WhiteNoise).
set -euo pipefail
cd "$(dirname "$0")/.."
dst=src/orgwork/static/vendor
mkdir -p "$dst/tabler/css" "$dst/tabler/js" "$dst/icons/fonts" "$dst/htmx" "$dst/echarts"
cp node_modules/@tabler/core/dist/css/tabler.min.css "$dst/tabler/css/"
cp node_modules/@tabler/core/dist/js/tabler.min.js "$dst/tabler/js/"
cp node_modules/@tabler/icons-webfont/dist/tabler-icons.min.css "$dst/icons/"
cp node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.woff2 node_modules/@tabler/icons-webfont/dist/fonts/tabler-icons.woff "$dst/icons/fonts/"
cp node_modules/htmx.org/dist/htmx.min.js "$dst/htmx/"
cp node_modules/echarts/dist/echarts.min.js "$dst/echarts/"
