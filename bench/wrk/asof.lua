-- (e): GET /api/wallets/{id}/balance?asOf=<instant> on one wallet (BENCH_ASOF_WALLET), every request at a random
-- instant, to the millisecond, between BENCH_ASOF_FROM_MS and BENCH_ASOF_TO_MS (epoch ms: the wallet's first and
-- last events). BENCH_API_KEY is an auditor key. Reads only: no Idempotency-Key, nothing pending.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local wallet = os.getenv("BENCH_ASOF_WALLET")
local from_ms = tonumber(os.getenv("BENCH_ASOF_FROM_MS"))
local to_ms = tonumber(os.getenv("BENCH_ASOF_TO_MS"))

function init(args)
  seed_random()
end

function request()
  local ms = from_ms + math.random(0, to_ms - from_ms)
  local at = os.date("!%Y-%m-%dT%H:%M:%S", math.floor(ms / 1000)) .. string.format(".%03dZ", ms % 1000)
  return read("/api/wallets/" .. wallet .. "/balance?asOf=" .. at)
end
