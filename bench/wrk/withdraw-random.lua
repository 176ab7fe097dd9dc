-- (a) and warm-up: POST /api/wallets/{id}/withdrawals {"amount":"0.01"} on a random wallet of BENCH_WALLETS_FILE.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_wallets()
  seed_random()
end

function request()
  local w = wallets[math.random(1, #wallets)]
  return command("withdraw", "/api/wallets/" .. w .. "/withdrawals", WITHDRAW_BODY)
end
