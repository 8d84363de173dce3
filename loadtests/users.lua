-- wrk script: each request asks for a random user from the file in $RECS_USERS, on the path template in $RECS_PATH
-- ("{user}" is replaced), e.g. /api/recomendacoes/{user}?limit=20. Non-2xx answers are counted separately.
local users = {}
local path = os.getenv("RECS_PATH") or "/api/recomendacoes/{user}"

function init(args)
  for line in io.lines(os.getenv("RECS_USERS")) do
    if #line > 0 then users[#users + 1] = line end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local user = users[math.random(#users)]
  return wrk.format("GET", (path:gsub("{user}", user)))
end

local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
