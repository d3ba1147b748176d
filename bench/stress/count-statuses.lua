-- wrk script for bench/stress-load.sh: counts responses by HTTP status, so that the daemon's
-- designed 503s (over its in-flight cap) are told apart from real errors. wrk runs one Lua state
-- per thread; done() sums the threads' tables and prints one "status CODE COUNT" line per status.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
