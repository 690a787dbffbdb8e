-- wrk script for the replay benchmark: one request in ten is malformed (bad escapes, `..`
-- in paths and collection names, absurd timestamps, a 70 KB header), the rest replay the
-- page given as the first script argument. Prints how many answers fell in each status
-- class ("hostile-5xx N" must be 0).
local hostile = {
  "GET /bench/2020/http://a.test/%zz%4 HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /../../../etc/passwd HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /%2e%2e/2020/http://a.test/ HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /bench/..%2f..%2fetc/passwd HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /bench/99999999999999999999/http://a.test/ HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /bench/20201399/http://a.test/ HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /bench/cdx?url=&limit=-1&filter=~url:((( HTTP/1.1\r\nHost: h\r\n\r\n",
  "GET /bench/2020/http://a.test/ HTTP/1.1\r\nHost: h\r\nX-Huge: " ..
    string.rep("h", 70000) .. "\r\n\r\n",
}
local good
local sent = 0
classes = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }

function init(args)
  good = wrk.format("GET", args[1])
end

function request()
  sent = sent + 1
  if sent % 10 == 0 then
    return hostile[(sent / 10) % #hostile + 1]
  end
  return good
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  classes[class] = (classes[class] or 0) + 1
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = { [2] = 0, [3] = 0, [4] = 0, [5] = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("classes")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format("hostile-2xx %d\nhostile-3xx %d\nhostile-4xx %d\nhostile-5xx %d\n",
    total[2], total[3], total[4], total[5]))
end
