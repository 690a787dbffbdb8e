#include "replay/static_files.h"

namespace warcrawl::replay {
namespace {

constexpr std::string_view kBrowseCss =
    R"css(:root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6478;
  --line: #d9dee8; --bg: #fbfcfe; --accent: #1f5fbf; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e8f0; --muted: #9aa3b5; --line: #343b4a; --bg: #161a22; --accent: #7fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
header.top { padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; letter-spacing: .02em; text-decoration: none; color: var(--fg); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: 1rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
a { color: var(--accent); }
.url { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em;
  overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); font-size: .85em; text-transform: uppercase;
  letter-spacing: .04em; }
.capture { display: inline-block; margin: 0 .8rem .2rem 0; white-space: nowrap; }
small { color: var(--muted); }
form.search { display: flex; gap: .5rem; margin: 1rem 0; }
form.search input { flex: 1; padding: .45rem .6rem; font: inherit; border: 1px solid var(--line);
  border-radius: 6px; background: transparent; color: inherit; }
form.search button { padding: .45rem 1rem; font: inherit; border: 0; border-radius: 6px;
  background: var(--accent); color: #fff; cursor: pointer; }
.collections li { margin: .3rem 0; font-size: 1.1rem; }
.error { color: #b3261e; }
)css";

constexpr std::string_view kBannerCss = R"css(#wcr-banner { all: initial; display: block;
  box-sizing: border-box; width: 100%; padding: 6px 12px; background: #1d2330; color: #e4e8f0;
  font: 13px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; border-bottom: 2px solid #1f5fbf;
  position: relative; z-index: 2147483647; }
#wcr-banner a { color: #9cc3ff; margin: 0 .4em; text-decoration: none; font: inherit; }
#wcr-banner a:hover { text-decoration: underline; }
#wcr-banner .wcr-home { font-weight: 700; color: #fff; margin-left: 0; }
#wcr-banner b { color: #fff; margin: 0 .4em; }
#wcr-banner time { font-variant-numeric: tabular-nums; }
)css";

constexpr StaticFile kFiles[] = {
    {"text/css; charset=utf-8", kBrowseCss},
    {"text/css; charset=utf-8", kBannerCss},
};

}  // namespace

const StaticFile* FindStaticFile(std::string_view name) {
  if (name == "browse.css") return &kFiles[0];
  if (name == "banner.css") return &kFiles[1];
  return nullptr;
}

}  // namespace warcrawl::replay
