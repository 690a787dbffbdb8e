#!/usr/bin/env bash
# The crawl benchmark (scripts/bench crawl): the sample blog's big site exported as static
# files, served by nginx on HOSTS loopback addresses (127.0.0.1 … 127.0.0.HOSTS), crawled
# with politeness off by warcrawl (one process, zlib levels 1/6/9) and by GNU wget
# `-r --warc-file` (one process per host, all at once), in the same run, output on the same
# filesystem. Reports pages/s, CPU seconds per 1,000 pages, peak RSS and WARC size.
#
#   bench/crawl_bench.sh BUILD_DIR OUT_DIR [PAGES_PER_HOST] [HOSTS]
set -euo pipefail
build="$(cd "$1" && pwd)"
out="$(cd "$2" && pwd)"
pages="${3:-3000}"
hosts="${4:-8}"
port=18080
work="$out/crawl"
rm -rf "$work"
mkdir -p "$work"

# --- the site, served by nginx on every host ---------------------------------------------
"$build/tests/fixtures/warcrawl-sample-blog" --big "$pages" --crawl-delay -1 --no-gzip \
  --export "$work/site" --base-url "http://127.0.0.1:$port" >/dev/null
{
  echo "worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; sendfile on; keepalive_requests 100000;"
  echo "  types { text/html html; text/css css; application/javascript js; image/png png;"
  echo "          image/gif gif; font/woff2 woff2; application/xml xml; }"
  echo "  default_type application/octet-stream;"
  echo "  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;"
  echo "  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;"
  for ((h = 1; h <= hosts; h++)); do
    echo "  server { listen 127.0.0.$h:$port; root $work/site; index index.html; }"
  done
  echo "}"
} >"$work/nginx.conf"
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" -g "daemon on;"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

# rusage of a command and all its children: "wall user sys maxrss_kb".
measure() { /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>&1; cat "$work/time.txt"; }
responses() { zcat "$@" 2>/dev/null | grep -ac '^WARC-Type: response' || true; }
# Response records whose HTTP Content-Type is text/html.
html_responses() {
  zcat "$@" 2>/dev/null | awk '
    /^WARC-Type: / { inresp = ($0 ~ /^WARC-Type: response/); state = 0; next }
    inresp && state == 0 && ($0 == "\r" || $0 == "") { state = 1; next }
    inresp && state == 1 { state = ($0 ~ /^HTTP\//) ? 2 : 0; if (!state) inresp = 0; next }
    inresp && state == 2 && tolower($0) ~ /^content-type: *text\/html/ { n++; inresp = 0; next }
    inresp && state == 2 && ($0 == "\r" || $0 == "") { inresp = 0 }
    END { print n + 0 }'
}

# --- wget: one process per host, all at once ---------------------------------------------
wget_all() {
  for ((h = 1; h <= hosts; h++)); do
    # The traps warcrawl refuses by default, and the feeds it is told not to follow, are
    # refused here too, so both fetch the same pages (warcrawl also fetches lazy images).
    (cd "$work/wget" && wget -q -r -l inf -np -e robots=off --delete-after --no-host-directories \
      --reject-regex '(replytocom=|wp-login\.php|/wp-admin/|/feed/)' \
      -P "h$h" --warc-file="h$h" "http://127.0.0.$h:$port/" || true) &
  done
  wait
}
mkdir -p "$work/wget"
export -f wget_all
read -r w_wall w_user w_sys w_rss <<<"$(measure bash -c "work='$work' hosts=$hosts port=$port; $(declare -f wget_all); wget_all")"
w_pages=$(html_responses "$work"/wget/*.warc.gz)
w_urls=$(responses "$work"/wget/*.warc.gz)
w_bytes=$(cat "$work"/wget/*.warc.gz | wc -c)

# --- warcrawl: one process, every host -----------------------------------------------------
run_warcrawl() {
  local level="$1" data="$work/warcrawl-$1"
  {
    echo "name: bench"
    echo "contact: \"mailto:bench@localhost\""
    echo "seeds:"
    for ((h = 1; h <= hosts; h++)); do echo "  - \"http://127.0.0.$h:$port/\""; done
    echo "workers: $((hosts * 2))"
    echo "blog: {feeds: false, sitemaps: false}"
    echo "politeness: {minDelay: 0s, maxDelay: 0s, connectionsPerHost: 2}"
    # Every host serves the same site: dedup would make revisits of hosts 2-8, which wget
    # cannot; off, both crawlers compress every page.
    echo "warc: {gzipLevel: $level, rotateSize: 10GB, dedup: false}"
  } >"$work/job-$level.yaml"
  measure "$build/cli/warcrawl" crawl "$work/job-$level.yaml" --data "$data"
}
declare -A c_wall c_cpu c_rss c_pages c_urls c_bytes
for level in 1 6 9; do
  read -r wall user sys rss <<<"$(run_warcrawl "$level")"
  c_wall[$level]=$wall
  c_cpu[$level]=$(echo "$user + $sys" | bc -l)
  c_rss[$level]=$rss
  c_pages[$level]=$(html_responses "$work/warcrawl-$level"/warcs/*.warc.gz)
  c_urls[$level]=$(responses "$work/warcrawl-$level"/warcs/*.warc.gz)
  c_bytes[$level]=$(cat "$work/warcrawl-$level"/warcs/*.warc.gz | wc -c)
done

fmt() { printf '%.2f' "$1"; }
per_s() { echo "$1 / $2" | bc -l; }
cpu_k() { echo "($1) * 1000 / $2" | bc -l; }
w_cpu=$(echo "$w_user + $w_sys" | bc -l)
{
  echo "## Crawl ($(date -u +%Y-%m-%d), $(nproc) cores, $hosts hosts × ~$pages pages, nginx)"
  echo
  echo "| crawler | wall s | HTML pages | all responses | pages/s | responses/s | CPU s / 1000 pages | peak RSS MB | WARC MB | pages/s ratio |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| GNU wget -r --warc-file, $hosts processes (peer) | $(fmt "$w_wall") | $w_pages | $w_urls | $(fmt "$(per_s "$w_pages" "$w_wall")") | $(fmt "$(per_s "$w_urls" "$w_wall")") | $(fmt "$(cpu_k "$w_cpu" "$w_pages")") | $(fmt "$(echo "$w_rss/1024" | bc -l)") (each) | $(fmt "$(echo "$w_bytes/1000000" | bc -l)") | 1.00 |"
  for level in 1 6 9; do
    echo "| warcrawl, gzip level $level | $(fmt "${c_wall[$level]}") | ${c_pages[$level]} | ${c_urls[$level]} | $(fmt "$(per_s "${c_pages[$level]}" "${c_wall[$level]}")") | $(fmt "$(per_s "${c_urls[$level]}" "${c_wall[$level]}")") | $(fmt "$(cpu_k "${c_cpu[$level]}" "${c_pages[$level]}")") | $(fmt "$(echo "${c_rss[$level]}/1024" | bc -l)") | $(fmt "$(echo "${c_bytes[$level]}/1000000" | bc -l)") | $(fmt "$(echo "(${c_pages[$level]} / ${c_wall[$level]}) / ($w_pages / $w_wall)" | bc -l)") |"
  done
} | tee "$out/crawl-results.md"

# --- memory with a million queued URLs ------------------------------------------------------
"$build/bench/frontier_bench" "$work/frontier" 1000000 1000 >"$work/frontier.txt"
value() { awk -v k="$1" '$1 == k {print $2}' "$work/frontier.txt"; }
{
  echo
  echo "| frontier, 1,000,000 queued URLs over 1,000 hosts | queue adds/s | take+finish/s | peak RSS MB |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| warcrawl Frontier (LevelDB) | $(value add_per_s) | $(value take_finish_per_s) | $(value peak_rss_mb) |"
} | tee -a "$out/crawl-results.md"
