-- wrk script for bench/stress-flood.sh: every request carries basic credentials for the known
-- user with a new random wrong password (so none is answered from the daemon's remembered
-- outcomes), and responses are counted by status as in count-statuses.lua.
-- The status counting (setup, init, response, done) is count-statuses.lua's; wrk runs from the
-- repository root (bench/stress-flood.sh cd's there).
dofile("bench/stress/count-statuses.lua")
local count_init = init

function init(args)
  count_init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function base64(s)
  local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(c)
    local bits, byte = "", c:byte()
    for i = 8, 1, -1 do bits = bits .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return bits
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(bits)
    if #bits < 6 then return "" end
    local n = 0
    for i = 1, 6 do n = n + (bits:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return alphabet:sub(n + 1, n + 1)
  end) .. ({"", "==", "="})[#s % 3 + 1])
end

function request()
  local guess = string.format("guess-%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  return wrk.format("GET", nil, {["Authorization"] = "Basic " .. base64("scraper:" .. guess)})
end
