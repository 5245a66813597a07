#!/usr/bin/env bash
# The Swift sources as swift-format writes them (.swift-format: 2-space indent, 120 columns), and no line
# longer than 120 characters (swift-format cannot break a long string literal or comment). Exit 1 names
# each file that differs; `make format` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT_FORMAT=${SWIFT_FORMAT:-$(command -v swift-format || echo /opt/swift/usr/bin/swift-format)}
status=0
while IFS= read -r file; do
  if ! "$SWIFT_FORMAT" format --configuration .swift-format "$file" | cmp -s - "$file"; then
    echo "not as swift-format writes it: $file (make format)"
    status=1
  fi
done < <(git ls-files '*.swift')
if ! git ls-files '*.swift' | python3 -c '
import sys
long = [(p, n) for p in sys.stdin.read().split() for n, l in enumerate(open(p, encoding="utf-8"), 1)
        if len(l.rstrip("\n")) > 120]
for p, n in long: print(f"{p}:{n}: longer than 120 characters")
sys.exit(1 if long else 0)'; then
  status=1
fi
exit $status
