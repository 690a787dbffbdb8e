#include "crawler/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "index/url.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

bool IsUnreserved(unsigned char c) {
  return text::IsAlnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool IsTokenChar(char c) { return text::IsAlpha(c) || c == '_' || c == '-'; }

void AppendEscape(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (text::LowerAscii(a[i]) != text::LowerAscii(b[i])) return false;
  }
  return true;
}

// Removes the next line (ended by LF, CR or CRLF) from `*rest` and returns it.
std::string_view NextLine(std::string_view* rest) {
  size_t end = rest->find_first_of("\r\n");
  std::string_view line = rest->substr(0, end);
  if (end == std::string_view::npos) {
    rest->remove_prefix(rest->size());
  } else {
    bool crlf = (*rest)[end] == '\r' && end + 1 < rest->size() && (*rest)[end + 1] == '\n';
    rest->remove_prefix(end + (crlf ? 2 : 1));
  }
  return line;
}

// The part of a user-agent value that names a product ("Foo-Bot/2.1 (+url)" -> "Foo-Bot").
std::string_view ProductToken(std::string_view value) {
  size_t n = 0;
  while (n < value.size() && IsTokenChar(value[n])) ++n;
  return value.substr(0, n);
}

// Non-negative decimal seconds ("10", "0.5"); nullopt for anything else.
std::optional<double> ParseDelay(std::string_view value) {
  if (value.empty() || !(text::IsDigit(value.front()) || value.front() == '.')) return std::nullopt;
  double seconds = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), seconds, std::chars_format::fixed);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(seconds)) {
    return std::nullopt;
  }
  return seconds;
}

bool IsAbsoluteUrl(std::string_view value) {
  index::Url url;
  return index::ParseUrl(value, &url).ok() && url.has_authority() && !url.host->empty();
}

bool IsRobotsTxt(std::string_view normalized) {
  return normalized.substr(0, normalized.find('?')) == "/robots.txt";
}

// `pattern` keeps '*' and '$' as operators; in a URL they are data and get escaped, so a
// pattern can name them verbatim as "%2A" and "%24" (RFC 9309 §2.2.3).
std::string NormalizeForMatch(std::string_view path, bool pattern) {
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    auto c = static_cast<unsigned char>(path[i]);
    if (c == '%') {
      int hi = i + 2 < path.size() ? text::HexDigitValue(path[i + 1]) : -1;
      int lo = hi >= 0 ? text::HexDigitValue(path[i + 2]) : -1;
      if (lo < 0) {
        AppendEscape(c, &out);  // a stray '%' means itself
        continue;
      }
      auto decoded = static_cast<unsigned char>(hi * 16 + lo);
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        AppendEscape(decoded, &out);
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7F || (!pattern && (c == '*' || c == '$'))) {
      AppendEscape(c, &out);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) { return NormalizeForMatch(path, false); }

// Collects the groups that apply to one product token while the body is read line by line.
class Robots::Builder {
 public:
  explicit Builder(std::string_view token) : token_(token) {}

  void Line(std::string_view line) {
    line = line.substr(0, line.find('#'));
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string_view key = text::TrimBlanks(line.substr(0, colon));
    std::string_view value = text::TrimBlanks(line.substr(colon + 1));
    if (EqualsIgnoreCase(key, "user-agent")) {
      UserAgent(value);
    } else if (EqualsIgnoreCase(key, "allow")) {
      AddRule(value, true);
    } else if (EqualsIgnoreCase(key, "disallow")) {
      AddRule(value, false);
    } else if (EqualsIgnoreCase(key, "crawl-delay")) {
      CrawlDelay(value);
    } else if (EqualsIgnoreCase(key, "sitemap")) {
      if (IsAbsoluteUrl(value)) robots_.sitemaps_.emplace_back(value);
    }
    // Other records (and sitemap lines) neither open nor close a group (RFC 9309 §2.2.4).
  }

  Robots Finish(bool truncated) && {
    Group& chosen = ours_.seen ? ours_ : star_;
    robots_.rules_ = std::move(chosen.rules);
    robots_.crawl_delay_ = chosen.crawl_delay;
    robots_.truncated_ = truncated;
    return std::move(robots_);
  }

 private:
  struct Group {
    bool seen = false;
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };

  void UserAgent(std::string_view value) {
    if (!in_agent_lines_) {  // a user-agent after rules starts a new group
      applies_to_ours_ = false;
      applies_to_star_ = false;
      in_agent_lines_ = true;
      in_group_ = true;
    }
    if (!value.empty() && value.front() == '*') {
      applies_to_star_ = true;
      star_.seen = true;
    } else if (EqualsIgnoreCase(ProductToken(value), token_)) {
      applies_to_ours_ = true;
      ours_.seen = true;
    }
  }

  // Groups naming both us and "*" feed both, so either choice sees the whole group.
  template <typename Fn>
  void ForCurrentGroups(Fn fn) {
    in_agent_lines_ = false;
    if (!in_group_) return;  // records before any user-agent belong to no group
    if (applies_to_ours_) fn(ours_);
    if (applies_to_star_) fn(star_);
  }

  void AddRule(std::string_view value, bool allow) {
    if (value.empty()) {  // "Disallow:" with no path is no rule at all
      ForCurrentGroups([](Group&) {});
      return;
    }
    Rule rule = MakeRule(value, allow);
    ForCurrentGroups([&rule](Group& g) { g.rules.push_back(rule); });
  }

  void CrawlDelay(std::string_view value) {
    std::optional<double> delay = ParseDelay(value);
    ForCurrentGroups([delay](Group& g) {
      if (delay && (!g.crawl_delay || *delay > *g.crawl_delay)) g.crawl_delay = delay;
    });
  }

  static Rule MakeRule(std::string_view value, bool allow) {
    Rule rule;
    rule.allow = allow;
    std::string raw = NormalizeForMatch(value, true);
    rule.length = raw.size();
    if (!raw.empty() && raw.back() == '$') {
      rule.anchored = true;
      raw.pop_back();
    }
    std::string pattern;  // a '$' before the end is data, as in the URL's form
    for (char c : raw) {
      if (c == '$') {
        pattern.append("%24");
      } else {
        pattern.push_back(c);
      }
    }
    size_t start = 0;
    for (;;) {
      size_t star = pattern.find('*', start);
      bool edge = rule.segments.empty() || star == std::string::npos;
      if (edge || star > start) rule.segments.push_back(pattern.substr(start, star - start));
      if (star == std::string::npos) break;  // "**" adds nothing, so empty middles are skipped
      start = star + 1;
    }
    return rule;
  }

  std::string_view token_;
  Robots robots_;
  Group ours_;
  Group star_;
  bool in_group_ = false;
  bool in_agent_lines_ = false;
  bool applies_to_ours_ = false;
  bool applies_to_star_ = false;
};

Robots Robots::DisallowAll() {
  Robots robots;
  robots.disallow_all_ = true;
  return robots;
}

Status Robots::Parse(std::string_view body, std::string_view product_token, Robots* out) {
  if (product_token.empty() ||
      !std::all_of(product_token.begin(), product_token.end(), IsTokenChar)) {
    return Status::InvalidArgument("robots: product token " + text::QuoteForError(product_token) +
                                   " must be letters, '_' and '-' only");
  }
  bool truncated = body.size() > kRobotsMaxBytes;
  if (truncated) {
    body = body.substr(0, kRobotsMaxBytes);
    size_t last_end = body.find_last_of("\r\n");
    body = body.substr(0, last_end == std::string_view::npos ? 0 : last_end);
  }
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  Builder builder(product_token);
  while (!body.empty()) builder.Line(NextLine(&body));
  *out = std::move(builder).Finish(truncated);
  return Status::OK();
}

// Segments are matched leftmost-first: for glob patterns whose only operator is '*', the
// earliest placement of each literal leaves the most room for the rest, so no backtracking.
bool Robots::Matches(const Rule& rule, std::string_view path) {
  const std::vector<std::string>& seg = rule.segments;
  if (!path.starts_with(seg.front())) return false;
  if (seg.size() == 1) return !rule.anchored || path.size() == seg.front().size();
  size_t pos = seg.front().size();
  for (size_t i = 1; i + 1 < seg.size(); ++i) {
    size_t found = path.find(seg[i], pos);
    if (found == std::string_view::npos) return false;
    pos = found + seg[i].size();
  }
  const std::string& last = seg.back();
  if (!rule.anchored) return path.find(last, pos) != std::string_view::npos;
  return path.size() >= pos + last.size() && path.ends_with(last);
}

bool Robots::IsAllowed(std::string_view path_and_query) const {
  std::string path = NormalizeRobotsPath(path_and_query.empty() ? "/" : path_and_query);
  if (IsRobotsTxt(path)) return true;
  if (disallow_all_) return false;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (best != nullptr &&
        (rule.length < best->length || (rule.length == best->length && !rule.allow))) {
      continue;  // cannot beat the current best, so skip the match work
    }
    if (Matches(rule, path)) best = &rule;
  }
  return best == nullptr || best->allow;
}

RobotsFetchPolicy RobotsPolicyForStatus(int http_status) {
  if (http_status >= 200 && http_status < 300) return RobotsFetchPolicy::kUseBody;
  if (http_status >= 300 && http_status < 500) return RobotsFetchPolicy::kAllowAll;
  return RobotsFetchPolicy::kDisallowAll;
}

}  // namespace warcrawl::crawler
