-- A token bucket in Lua, the job of the native local-rate-limit filter and of the rate-limiter
-- Wasm sample. Envoy gives each worker its own Lua state, so these globals make one bucket per
-- worker, like the Wasm sample's VM-global bucket. Time comes from handle:timestamp() (ms), which
-- follows the scenario clock, so a virtual clock makes refills reproducible.
--
-- Metadata (config: metadata:): capacity (tokens, default 3), refillPerSecond (default 1).

tokens = nil
last_refill = nil

local function refill(capacity, per_second, now)
  if per_second <= 0 or now <= last_refill then
    return
  end
  local earned = math.floor((now - last_refill) * per_second / 1000)
  if earned == 0 then
    return
  end
  tokens = math.min(capacity, tokens + earned)
  if tokens == capacity then
    last_refill = now
  else
    last_refill = last_refill + earned * 1000 / per_second
  end
end

function envoy_on_request(handle)
  local md = handle:metadata()
  local capacity = tonumber(md:get("capacity")) or 3
  local per_second = tonumber(md:get("refillPerSecond")) or 1
  local now = handle:timestamp()
  if tokens == nil then
    tokens, last_refill = capacity, now
  end
  refill(capacity, per_second, now)
  if tokens == 0 then
    handle:logInfo("token-bucket: over the limit of " .. capacity .. ", replying 429")
    handle:respond({[":status"] = "429", ["x-ratelimit-limit"] = tostring(capacity)},
                   "lua: rate limited\n")
  end
  tokens = tokens - 1
  handle:headers():add("x-lua-ratelimit-remaining", tostring(tokens))
  handle:logDebug("token-bucket: allowed, " .. tokens .. " token(s) left")
end
