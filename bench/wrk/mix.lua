-- (c): 70% GET /api/wallets/{id}, 20% withdrawals of 0.01, 10% holds of 0.01 on random wallets; every hold that
-- is placed (201) is captured in full by a later request of the same thread (captures go first when queued, so
-- they come on top of the 70/20/10 draw).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_wallets()
  seed_random()
end

function request()
  if #captures > 0 then
    return command("capture", table.remove(captures), CAPTURE_BODY)
  end
  local w = wallets[math.random(1, #wallets)]
  local r = math.random()
  if r < 0.7 then
    return read("/api/wallets/" .. w)
  elseif r < 0.9 then
    return command("withdraw", "/api/wallets/" .. w .. "/withdrawals", WITHDRAW_BODY)
  else
    return command("hold", "/api/wallets/" .. w .. "/holds", HOLD_BODY)
  end
end
