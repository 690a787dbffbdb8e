#!/usr/bin/env bash
# The replay benchmark (scripts/bench replay): the sample blog is crawled, and one of its
# posts (the one with the most comment pages) is then requested with wrk on loopback from
# nginx serving the very bytes replay returns as a static file (the practical ceiling), from
# `warcrawl replay` as it runs by default (rendered pages kept in memory), and from
# `warcrawl replay --cache-mb 0` (index lookup, record read, decoding, rewriting and banner
# on every request), in the same run, with the same wrk settings. Reports requests/s,
# latency percentiles, and the ratio to nginx.
#
#   bench/replay_bench.sh BUILD_DIR OUT_DIR [SECONDS] [CONNECTIONS]
set -euo pipefail
build="$(cd "$1" && pwd)"
out="$(cd "$2" && pwd)"
seconds="${3:-10}"
connections="${4:-16}"
replay_port=18180
nginx_port=18181
work="$out/replay"
rm -rf "$work"
mkdir -p "$work/static" "$work/tmp"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

# --- an archive of the sample blog -------------------------------------------------------
"$build/tests/fixtures/warcrawl-sample-blog" --listen 127.0.0.1:0 --crawl-delay -1 >"$work/blog.out" &
pids+=($!)
for _ in $(seq 100); do grep -q '^serving ' "$work/blog.out" && break; sleep 0.05; done
blog="$(sed -n 's/^serving //p' "$work/blog.out" | head -n1)"
cat >"$work/job.yaml" <<YAML
name: replay-bench
seeds: ["$blog"]
contact: "mailto:bench@localhost"
workers: 4
politeness: { minDelay: 0s, maxDelay: 0s }
YAML
"$build/cli/warcrawl" crawl "$work/job.yaml" --data "$work/data" >/dev/null 2>&1

# One replay server at a time: the index is locked to one process. Sets $replay_pid.
start_replay() {
  "$build/cli/warcrawl" replay --data "$work/data" --collection bench \
    --listen "127.0.0.1:$replay_port" "$@" >"$work/replay.out" 2>&1 &
  replay_pid=$!
  pids+=("$replay_pid")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$replay_port/" >/dev/null && break; sleep 0.05; done
}
stop_replay() { kill "$replay_pid"; wait "$replay_pid" 2>/dev/null || true; }
start_replay
# The post with the most comment pages, at its exact capture time (no redirect).
post="$(curl -s "http://127.0.0.1:$replay_port/bench/" |
  grep -o 'href="/bench/[0-9]\{14\}/[^"]*">[^<]*</a> <small>[0-9]* comment page' |
  sort -t'>' -k3 -n | tail -n1 | sed 's/^href="\([^"]*\)".*/\1/')"
[[ -n "$post" ]] || { echo "replay bench: no post found in the archive" >&2; exit 1; }
curl -sf "http://127.0.0.1:$replay_port$post" -o "$work/static/post.html"
bytes=$(stat -c %s "$work/static/post.html")

# --- nginx serving the same bytes ---------------------------------------------------------
cat >"$work/nginx.conf" <<NGINX
worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 1000000;
  types { text/html html; }
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/static; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" -g "daemon on;"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/post.html" >/dev/null && break; sleep 0.1; done

# wrk's figures: requests/s and the 50th/99th latency percentiles in ms.
run_wrk() {
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" >"$work/wrk.txt"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, bad }' "$work/wrk.txt"
}
read -r nginx_rps nginx_p50 nginx_p99 nginx_bad < <(run_wrk "http://127.0.0.1:$nginx_port/post.html")
read -r replay_rps replay_p50 replay_p99 replay_bad < <(run_wrk "http://127.0.0.1:$replay_port$post")
# The same load with one request in ten malformed: the server must keep serving and answer
# each with a 4xx.
wrk -t2 -c"$connections" -d"${seconds}s" -s "$(dirname "$0")/replay_hostile.lua" \
  "http://127.0.0.1:$replay_port" -- "$post" >"$work/wrk-hostile.txt"
mixed_rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$work/wrk-hostile.txt")
read -r mixed_2xx mixed_3xx mixed_4xx mixed_5xx < <(awk '/^hostile-/ { printf "%s ", $2 } END { print "" }' "$work/wrk-hostile.txt")
mixed_errors=$(awk '/Socket errors/ { print }' "$work/wrk-hostile.txt")
stop_replay
start_replay --cache-mb 0
read -r render_rps render_p50 render_p99 render_bad < <(run_wrk "http://127.0.0.1:$replay_port$post")
stop_replay
if [[ "$replay_bad" != 0 || "$render_bad" != 0 || "$nginx_bad" != 0 ]]; then
  echo "replay bench: non-2xx answers" >&2
  exit 1
fi
if [[ "$mixed_5xx" != 0 || "$mixed_3xx" != 0 ]]; then
  echo "replay bench: malformed requests got $mixed_5xx 5xx and $mixed_3xx 3xx answers" >&2
  exit 1
fi
ratio() { printf '%.2f' "$(echo "$1 / $nginx_rps" | bc -l)"; }

{
  echo "## Replay ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "One replayed post ($bytes bytes of HTML after rewriting), wrk -t2 -c$connections -d${seconds}s on loopback."
  echo
  echo "| server | requests/s | p50 ms | p99 ms | ratio to nginx |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), the same bytes as a static file (peer) | $nginx_rps | $nginx_p50 | $nginx_p99 | 1.00 |"
  echo "| warcrawl replay (default: rendered pages cached) | $replay_rps | $replay_p50 | $replay_p99 | $(ratio "$replay_rps") |"
  echo "| warcrawl replay --cache-mb 0 (rendered per request) | $render_rps | $render_p50 | $render_p99 | $(ratio "$render_rps") |"
  echo
  echo "With one request in ten malformed (bench/replay_hostile.lua), default settings:"
  echo "$mixed_rps requests/s ($(ratio "$mixed_rps") of nginx's clean run); answers: $mixed_2xx 2xx,"
  echo "$mixed_4xx 4xx, $mixed_5xx 5xx, $mixed_3xx 3xx.${mixed_errors:+ wrk: $mixed_errors.}"
} | tee "$out/replay-results.md"
