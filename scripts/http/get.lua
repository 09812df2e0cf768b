-- scripts/http/get.lua — wrk script: GET the paths of a file in turn.
--
--   wrk -t T -c C -d 10s -s scripts/http/get.lua http://127.0.0.1:PORT -- PATHS-FILE
--
-- PATHS-FILE holds one path (with its query) a line; each thread starts at a
-- different line and cycles. At the end one machine-readable line goes to
-- standard output (see scripts/http/report.lua).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local paths = {}
local index = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. args[1])
  index = (id * 7919) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  -- Non-2xx/3xx answers (wrk counts status > 399) and socket errors.
  io.write(string.format(
    "wrk-result rps=%.1f p50=%.3f p95=%.3f p99=%.3f requests=%d bad=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
