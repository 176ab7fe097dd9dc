-- Shared by the bench scenarios (loaded with dofile by each scenario script, in wrk's main Lua state and in
-- every thread's state). Settings come from the environment, which wrk's done() can also read:
--   BENCH_API_KEY       the client key (X-API-Key)
--   BENCH_SCENARIO      a short name, used as the prefix of every Idempotency-Key and in output file names
--   BENCH_WALLETS_FILE  one wallet id a line
--   BENCH_HOT_WALLET    the wallet of the hot scenario
--   BENCH_OUT           directory for <scenario>.pending (requests sent whose response wrk never saw)
--
-- Every command request gets its own Idempotency-Key, sent also as X-Correlation-Id: the service echoes that
-- header, so response() knows which request a response answers. Keys still pending in done() (in flight when wrk
-- stopped, or lost to a socket error) are written out; run.sh sends them again with the same key, and the
-- service's idempotency tells the outcome of each one. That makes the client-side count of successes exact.

API_KEY = os.getenv("BENCH_API_KEY") or "missing"
SCENARIO = os.getenv("BENCH_SCENARIO") or "x"
OUT_DIR = os.getenv("BENCH_OUT") or "."

WITHDRAW_BODY = '{"amount":"0.01"}'
HOLD_BODY = '{"amount":"0.01","expiresInSeconds":600}'
CAPTURE_BODY = '{}'

-- main state: the documented per-thread pattern (setup keeps every thread; done reads their globals)
threads = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

-- thread state globals
tid = 0
seq = 0
sent = 0
counts = {}   -- "kind:status" -> responses
pending = {}  -- Idempotency-Key -> "kind path", until its response arrives
wallets = {}

function load_wallets()
  local f = assert(io.open(os.getenv("BENCH_WALLETS_FILE"), "r"))
  for line in f:lines() do
    if #line > 0 then wallets[#wallets + 1] = line end
  end
  f:close()
end

function seed_random()
  math.randomseed(os.time() * 1000 + tid * 7919 + math.floor((os.clock() * 1000000) % 1000000))
end

function next_key()
  seq = seq + 1
  return string.format("%s-%d-%d-%06d", SCENARIO, tid, seq, math.random(0, 999999))
end

local function headers_with(key)
  local h = { ["X-API-Key"] = API_KEY, ["Content-Type"] = "application/json" }
  if key then
    h["Idempotency-Key"] = key
    h["X-Correlation-Id"] = key
  end
  return h
end

-- a money-moving POST: kind is withdraw | hold | capture
function command(kind, path, body)
  local key = next_key()
  pending[key] = kind .. " " .. path
  sent = sent + 1
  return wrk.format("POST", path, headers_with(key), body)
end

function read(path)
  sent = sent + 1
  return wrk.format("GET", path, headers_with(nil), nil)
end

captures = {}  -- capture paths of holds placed and not yet captured (mixed scenario)

function response(status, headers, body)
  local cid = headers["X-Correlation-Id"] or headers["x-correlation-id"]
  local p = cid and pending[cid]
  local kind = "read"
  if p then
    pending[cid] = nil
    kind = string.match(p, "^(%S+)")
  end
  local k = kind .. ":" .. status
  counts[k] = (counts[k] or 0) + 1
  if kind == "hold" and status == 201 and body then
    local hid = string.match(body, '"holdId"%s*:%s*"([^"]+)"')
    local wid = string.match(body, '"walletId"%s*:%s*"([^"]+)"')
    if hid and wid then captures[#captures + 1] = "/api/wallets/" .. wid .. "/holds/" .. hid .. "/capture" end
  end
end

function done(summary, latency, requests)
  local total, nsent, npending = {}, 0, 0
  local f = assert(io.open(OUT_DIR .. "/" .. SCENARIO .. ".pending", "w"))
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
    for key, p in pairs(t:get("pending")) do
      f:write(key, " ", p, "\n")
      npending = npending + 1
    end
    nsent = nsent + t:get("sent")
  end
  f:close()
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d sent=%d pending=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d " ..
    "connect=%d read=%d write=%d timeout=%d status_ge400=%d\n",
    summary.requests, summary.duration, nsent, npending,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
  for k, v in pairs(total) do io.write("STATUS ", k, " ", v, "\n") end
end
