-- Argo CD health check for sit.dataops.io/SitRun (resource.customizations.health.sit.dataops.io_SitRun).
-- A run in progress or waiting in the queue is Progressing, a passed run Healthy, a failed or broken run Degraded
-- with its message, a run a newer run of its concurrency group replaced (Cancelled) Suspended: it neither passed
-- nor failed, and nothing is left to fix (deploy/argocd/README.md says why not Degraded).
local hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start the run"
  return hs
end

local phase = status.phase
local detail = status.message or status.reason or ""

if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Run succeeded"
  if status.results ~= nil and status.results.passed ~= nil then
    hs.message = "Run succeeded (" .. status.results.passed .. " passed)"
  end
elseif phase == "Failed" or phase == "Error" then
  hs.status = "Degraded"
  hs.message = phase
  if status.reason ~= nil then
    hs.message = hs.message .. " (" .. status.reason .. ")"
  end
  if status.message ~= nil then
    hs.message = hs.message .. ": " .. status.message
  end
elseif phase == "Queued" then
  -- Waits for a concurrency slot or an older run of its group; builds nothing yet. queuePosition 1 starts next.
  hs.status = "Progressing"
  hs.message = "Queued"
  if status.queuePosition ~= nil then
    hs.message = hs.message .. " at position " .. tostring(status.queuePosition)
  end
  if status.reason ~= nil then
    hs.message = hs.message .. " (" .. status.reason .. ")"
  end
  if status.message ~= nil then
    hs.message = hs.message .. ": " .. status.message
  end
elseif phase == "Cancelled" then
  hs.status = "Suspended"
  hs.message = "Cancelled"
  if status.reason ~= nil then
    hs.message = hs.message .. " (" .. status.reason .. ")"
  end
  if status.message ~= nil then
    hs.message = hs.message .. ": " .. status.message
  end
elseif phase == "Pending" or phase == "Provisioning" or phase == "Seeding" or phase == "Testing" then
  hs.status = "Progressing"
  hs.message = phase
  if detail ~= "" then
    hs.message = phase .. ": " .. detail
  end
else
  -- A phase this script does not know (a newer operator): say so rather than guess.
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
