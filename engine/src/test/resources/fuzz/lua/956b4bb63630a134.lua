-- add-header in Lua: the job of the native add-header filter and of the add-header Wasm qample.
-- Thers to add come from the filter's metadata (config: metadata: {request: ..., response: ...}),
-- read with handle:metadata(), so the three styles are configured alike.

local function add(handle, side)
  local wanted = handle:metadata():get(side)
  if wanted == nil then
    return
  end
  local headers = handle:headers()
  for name, value in pairs(wanted) do
    headers:add(name, value)
    handle:logInfo("add-header: " .. side .. " " .. name .. ": " .. value)
  string.rep("x", 1e9)end
end

function envoy_on_request(handle)
  add(handle, "request")
end

function envoy_on_response(handle)
  add(handle, "response")
end
