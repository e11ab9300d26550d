-- wrk reporting hook: one machine-readable line with the numbers the load benchmark reads.
-- With BENCH_COUNT_STATUSES set, a second line counts the failed answers (400 and above)
-- by status code. Off by default: looking at every response costs wrk some speed.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("BENCH_COUNT_STATUSES") then
  failed = {}
  function response(status, headers, body)
    if status > 399 then
      failed[status] = (failed[status] or 0) + 1
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local socket = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_us=%d p95_us=%d p99_us=%d non2xx=%d socket_errors=%d "
      .. "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.status, socket, errors.connect, errors.read, errors.write, errors.timeout))
  if os.getenv("BENCH_COUNT_STATUSES") then
    local totals = {}
    for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("failed") or {}) do
        totals[status] = (totals[status] or 0) + count
      end
    end
    local parts = {}
    for status, count in pairs(totals) do
      table.insert(parts, string.format("%d=%d", status, count))
    end
    io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
  end
end
