-- scripts/http/book.lua — wrk script: POST /api/v1/bookings, each request a
-- different free slot.
--
--   wrk -t T -c C -d 10s -s scripts/http/book.lua http://127.0.0.1:PORT -- SLOTS-FILE TOKENS-FILE T
--
-- SLOTS-FILE holds distinct "INSTRUMENT FROM TO" lines (labnet-bench
-- booking-slots); thread N of T takes lines N+1, N+1+T, … so no slot is asked
-- for twice. TOKENS-FILE holds session tokens, one a line, used in turn.
-- Every answer must be 201: the others are counted (bad=) and the first one's
-- status and body printed; running out of slots is counted too (exhausted=).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local bodies = {}
local tokens = {}
local next_body = 0
local next_token = 0
bad = 0
exhausted = 0
first_bad = ""

function init(args)
  local total = assert(tonumber(args[3]), "the third argument is wrk's thread count")
  local count = 0
  for line in assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1])):lines() do
    count = count + 1
    if count % total == id then
      local instrument, from, to = line:match("^(%d+) (%S+) (%S+)$")
      assert(instrument, "bad slot line: " .. line)
      bodies[#bodies + 1] = string.format(
        '{"instrument_id": %s, "from": "%s", "to": "%s", "purpose": "bench"}', instrument, from, to)
    end
  end
  for line in assert(io.open(args[2], "r"), "cannot read " .. tostring(args[2])):lines() do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
  assert(#bodies > 0 and #tokens > 0, "no slots or no tokens")
end

function request()
  next_body = next_body + 1
  next_token = next_token % #tokens + 1
  local body = bodies[next_body]
  if body == nil then
    exhausted = exhausted + 1
    body = bodies[#bodies] -- asked again: it will be refused, and counted
  end
  return wrk.format("POST", "/api/v1/bookings", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[next_token],
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. (body or ""):gsub("%s+", " "):sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local total_bad, total_exhausted, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_bad = total_bad + thread:get("bad")
    total_exhausted = total_exhausted + thread:get("exhausted")
    if first == "" then first = thread:get("first_bad") end
  end
  io.write(string.format(
    "wrk-result rps=%.1f p50=%.3f p95=%.3f p99=%.3f requests=%d bad=%d socket_errors=%d exhausted=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, summary.requests, total_bad,
    e.connect + e.read + e.write + e.timeout, total_exhausted))
  if first ~= "" then io.write("wrk-first-bad " .. first .. "\n") end
end
