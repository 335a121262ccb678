#!/usr/bin/env bash
# Runs the Argo CD health-check tests with a Lua 5.x interpreter (Debian: apt-get install -y lua5.4).
# Argo CD embeds gopher-lua (Lua 5.1 semantics); the script uses nothing newer than 5.1.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for candidate in lua5.4 lua5.3 lua5.1 lua; do
  if command -v "$candidate" >/dev/null 2>&1; then exec "$candidate" "$HERE/sitrun-health-test.lua"; fi
done
echo "no Lua interpreter found (apt-get install -y lua5.4)" >&2
exit 2
