-- Tests of ../sitrun-health.lua the way Argo CD runs it: the script body with a global `obj`, returning `hs`.
-- Run: lua5.4 deploy/argocd/test/sitrun-health-test.lua   (exits non-zero if a case fails)
-- or in gopher-lua, Argo CD's runtime: deploy/argocd/test/run-tests.sh --gopher-lua
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local source = assert(io.open(here .. "/../sitrun-health.lua")):read("*a")
local check
if argocd_health ~= nil then
  -- gopher-lua-run (run-tests.sh --gopher-lua): the script runs as Argo CD runs it, in a fresh state with only the
  -- base, table and package libraries and obj as a global (gopher-lua/main.go).
  check = function(obj) return argocd_health(source, obj) end
  print("runtime: gopher-lua, Argo CD's health-check sandbox")
else
  check = assert((loadstring or load)("local obj = ...\n" .. source, "sitrun-health.lua"))
  print("runtime: " .. _VERSION)
end

local failures = 0
local function expect(name, obj, status, message)
  local hs = check(obj)
  local ok = hs.status == status and (message == nil or hs.message == message)
  if not ok then
    failures = failures + 1
    print(string.format("FAIL %s: got %s / %q, want %s / %q", name, tostring(hs.status), tostring(hs.message),
      status, tostring(message)))
  else
    print("ok   " .. name)
  end
end

expect("no status yet", { metadata = { name = "r" } }, "Progressing")
expect("status without phase", { status = {} }, "Progressing")
for _, phase in ipairs({ "Pending", "Provisioning", "Seeding", "Testing" }) do
  expect(phase, { status = { phase = phase } }, "Progressing", phase)
end
expect("provisioning with message", { status = { phase = "Provisioning", message = "waiting for broker events" } },
  "Progressing", "Provisioning: waiting for broker events")
expect("succeeded", { status = { phase = "Succeeded", results = { passed = "3/3" } } }, "Healthy",
  "Run succeeded (3/3 passed)")
expect("succeeded without results", { status = { phase = "Succeeded" } }, "Healthy", "Run succeeded")
expect("failed", { status = { phase = "Failed", reason = "ThresholdsFailed", message = "1 of 3 thresholds failed" } },
  "Degraded", "Failed (ThresholdsFailed): 1 of 3 thresholds failed")
expect("error", { status = { phase = "Error", reason = "AssumeRoleFailed", message = "AccessDenied" } },
  "Degraded", "Error (AssumeRoleFailed): AccessDenied")
expect("error without message", { status = { phase = "Error" } }, "Degraded", "Error")
expect("queued behind an older run of its group", { status = { phase = "Queued", queuePosition = 2,
  reason = "WaitingForGroup", message = "waiting for orders-pr-42-abc to finish" } },
  "Progressing", "Queued at position 2 (WaitingForGroup): waiting for orders-pr-42-abc to finish")
expect("queued for an operator-wide slot", { status = { phase = "Queued", queuePosition = 1,
  reason = "ConcurrencyLimit" } }, "Progressing", "Queued at position 1 (ConcurrencyLimit)")
expect("queued before the operator set a position", { status = { phase = "Queued" } }, "Progressing", "Queued")
expect("superseded by a newer run of its group", { status = { phase = "Cancelled", reason = "Superseded",
  message = "superseded by orders-pr-42-def" } }, "Suspended", "Cancelled (Superseded): superseded by orders-pr-42-def")
expect("cancelled without reason", { status = { phase = "Cancelled" } }, "Suspended", "Cancelled")
expect("unknown phase", { status = { phase = "Paused" } }, "Unknown")

if failures > 0 then
  print(failures .. " failing case(s)")
  os.exit(1)
end
print("all cases passed")
