-- (b): POST /api/wallets/{id}/withdrawals {"amount":"0.01"}, always on BENCH_HOT_WALLET.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local path
function init(args)
  seed_random()
  path = "/api/wallets/" .. assert(os.getenv("BENCH_HOT_WALLET")) .. "/withdrawals"
end

function request()
  return command("withdraw", path, WITHDRAW_BODY)
end
