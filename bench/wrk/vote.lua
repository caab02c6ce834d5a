-- wrk script for `make bench`: POST a vote with a distinct voter id on every request
-- (22-64 chars of [A-Za-z0-9_-]; each wrk thread has its own prefix), then report as JSON.
-- The article path comes from the command line URL.
local threads = {}
local counter = 0
prefix = "bench" -- replaced per thread in setup()

setup = function(thread)
  thread:set("prefix", string.format("bench-t%d-%d", #threads, os.time()))
  table.insert(threads, thread)
end

init = function(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  local voter = string.format("%s-%012d", prefix, counter)
  return wrk.format(nil, nil, nil, '{"voter":"' .. voter .. '"}')
end

dofile(os.getenv("BENCH_WRK_REPORT"))
