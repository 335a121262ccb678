-- Tests of ../sitrun-health.lua the way Argo CD runs it: the script body with a global `obj`, returning `hs`.
-- Run: lua5.4 deploy/argocd/test/sitrun-health-test.lua   (exits non-zero on the first failing case)
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local source = assert(io.open(here .. "/../sitrun-health.lua")):read("*a")
local check = assert((loadstring or load)("local obj = ...\n" .. source, "sitrun-health.lua"))

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
expect("unknown phase", { status = { phase = "Paused" } }, "Unknown")

if failures > 0 then
  print(failures .. " failing case(s)")
  os.exit(1)
end
print("all cases passed")
