-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script for bench/hub/run. The environment chooses what each request is:
--   BENCH_MODE    get | put-same | put-update
--   BENCH_PATH    the request path
--   BENCH_TOKEN   the bearer token (none for the static baseline)
--   BENCH_BODIES  for put-*: a folder of report bodies 0.json, 1.json, …
--   BENCH_COUNT   how many bodies (put-update cycles through them: every PUT is a new revision)
--   BENCH_COOKIE  a Cookie header (a dashboard session), or none
--   BENCH_CLOSE   1: one request per connection (Connection: close); else kept alive
--   BENCH_GZIP    1: Accept-Encoding: gzip, as browsers send
-- done() prints one line: RESULT requests-per-second p99-ms non-2xx-or-3xx requests

local mode = os.getenv("BENCH_MODE") or "get"
local path = os.getenv("BENCH_PATH") or "/"
local token = os.getenv("BENCH_TOKEN")
local cookie = os.getenv("BENCH_COOKIE")
local close = os.getenv("BENCH_CLOSE") == "1"
local bodies = {}
local next_body = 1
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local function read(file)
  local f = assert(io.open(file, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

function init(args)
  wrk.headers["Connection"] = close and "close" or "keep-alive"
  if os.getenv("BENCH_GZIP") == "1" then
    wrk.headers["Accept-Encoding"] = "gzip"
  end
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if mode ~= "get" then
    local dir = os.getenv("BENCH_BODIES")
    local count = mode == "put-update" and tonumber(os.getenv("BENCH_COUNT")) or 1
    for i = 0, count - 1 do
      bodies[#bodies + 1] = read(dir .. "/" .. i .. ".json")
    end
    wrk.headers["Content-Type"] = "application/json"
    -- Threads start at different bodies, so two rarely send the same revision in turn.
    next_body = ((id or 0) * 37) % #bodies + 1
  end
end

function request()
  if mode == "get" then
    return wrk.format("GET", path)
  end
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("PUT", path, nil, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.3f %d %d\n", summary.requests / seconds,
                         latency:percentile(99) / 1000, summary.errors.status, summary.requests))
end
