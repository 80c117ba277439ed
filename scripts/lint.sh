#!/usr/bin/env bash
# Style: the toolchain's swift-format with .swift-format (4 spaces, 120 columns). `scripts/lint.sh` fails on any
# finding; `scripts/lint.sh --fix` formats in place. The generated API types are left as the generator wrote them.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r file; do files+=("$file"); done < <(
    git ls-files --cached --others --exclude-standard -- '*.swift' | grep -v '^Sources/PixoraAPI/Generated/')
if [ "${1:-}" = "--fix" ]; then
    swift format format --in-place --parallel "${files[@]}"
else
    swift format lint --strict --parallel "${files[@]}"
fi
