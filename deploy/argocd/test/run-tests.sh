#!/usr/bin/env bash
# Runs the Argo CD health-check tests (sitrun-health-test.lua).
#   run-tests.sh               with a Lua 5.x interpreter (Debian: apt-get install -y lua5.4)
#   run-tests.sh --gopher-lua  with gopher-lua, the Lua runtime Argo CD embeds (Lua 5.1 semantics): the runner in
#                              gopher-lua/ is built once by e2e/control-plane-build/build.sh (needs Go) and cached
#                              under ~/.cache/sit-operator/gopher-lua/; SIT_GOPHER_LUA_RUN names a prebuilt one.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "${1:-}" = "--gopher-lua" ]; then
  runner=${SIT_GOPHER_LUA_RUN:-}
  if [ -z "$runner" ]; then
    runner=$("$HERE/../../../e2e/control-plane-build/build.sh" gopher-lua-path)
  fi
  exec "$runner" "$HERE/sitrun-health-test.lua"
fi
for candidate in lua5.4 lua5.3 lua5.1 lua; do
  if command -v "$candidate" >/dev/null 2>&1; then exec "$candidate" "$HERE/sitrun-health-test.lua"; fi
done
echo "no Lua interpreter found (apt-get install -y lua5.4)" >&2
exit 2
