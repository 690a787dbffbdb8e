#include "crawler/traps.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>

#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

// Query parameter `name` (lowercase) is present in the lowercased URL.
bool HasParam(std::string_view url, std::string_view name) {
  for (size_t pos = url.find(name); pos != std::string_view::npos; pos = url.find(name, pos + 1)) {
    if (pos > 0 && (url[pos - 1] == '?' || url[pos - 1] == '&') && pos + name.size() < url.size() &&
        url[pos + name.size()] == '=') {
      return true;
    }
  }
  return false;
}

// The value of query parameter `name` in the lowercased URL, if present.
std::optional<std::string_view> ParamValue(std::string_view url, std::string_view name) {
  for (size_t pos = url.find(name); pos != std::string_view::npos; pos = url.find(name, pos + 1)) {
    size_t eq = pos + name.size();
    if (pos > 0 && (url[pos - 1] == '?' || url[pos - 1] == '&') && eq < url.size() &&
        url[eq] == '=') {
      std::string_view value = url.substr(eq + 1);
      return value.substr(0, value.find_first_of("&#"));
    }
  }
  return std::nullopt;
}

size_t DigitsAt(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9') ++n;
  return n;
}

// "PREFIX<digits>SUFFIX" somewhere in `url`.
bool HasNumbered(std::string_view url, std::string_view prefix, std::string_view suffix) {
  for (size_t pos = url.find(prefix); pos != std::string_view::npos;
       pos = url.find(prefix, pos + 1)) {
    size_t digits = DigitsAt(url, pos + prefix.size());
    if (digits > 0 && url.substr(pos + prefix.size() + digits, suffix.size()) == suffix)
      return true;
  }
  return false;
}

bool IsSessionToken(std::string_view value) {
  return value.size() >= 16 && std::all_of(value.begin(), value.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c));
         });
}

// The default traps match the lowercased URL with plain string searches: they run on every
// new URL a page links to, where std::regex cost a tenth of the crawl's CPU.
using TrapMatcher = bool (*)(std::string_view lower_url);

struct DefaultTrap {
  const char* name;
  TrapMatcher match;  // nullptr: a structural rule handled by TrapRules itself
};

constexpr DefaultTrap kDefaultTraps[] = {
    {"replytocom", [](std::string_view u) { return HasParam(u, "replytocom"); }},
    {"share", [](std::string_view u) { return HasParam(u, "share"); }},
    {"showComment", [](std::string_view u) { return HasParam(u, "showcomment"); }},
    {"like_comment", [](std::string_view u) { return HasParam(u, "like_comment"); }},
    {"quote-comment", [](std::string_view u) { return HasNumbered(u, "/quote-comment-", "/"); }},
    {"jetpack-comment",
     [](std::string_view u) { return u.find("/jetpack-comment/") != std::string_view::npos; }},
    {"wp-login",
     [](std::string_view u) { return u.find("/wp-login.php") != std::string_view::npos; }},
    {"wp-admin", [](std::string_view u) { return u.find("/wp-admin/") != std::string_view::npos; }},
    // Blogger's feed of one comment; the per-post comment feed itself is fine.
    {"blogger-comment-feed",
     [](std::string_view u) {
       size_t pos = u.find("/comments/default/");
       return pos != std::string_view::npos && DigitsAt(u, pos + 18) > 0 &&
              u.substr(0, pos).find("/feeds/") != std::string_view::npos;
     }},
    {"calendar",
     [](std::string_view u) {
       auto m = ParamValue(u, "m");
       return u.find("/calendar/") != std::string_view::npos || HasParam(u, "ical") ||
              HasParam(u, "tribe-bar-date") || HasParam(u, "calendar") ||
              (m && m->size() == 8 && DigitsAt(*m, 0) == 8);
     }},
    {"session-id",
     [](std::string_view u) {
       if (u.find(";jsessionid=") != std::string_view::npos) return true;
       for (std::string_view name : {"phpsessid", "sid", "sessionid", "session_id", "jsessionid"}) {
         auto v = ParamValue(u, name);
         if (v && IsSessionToken(*v)) return true;
       }
       return false;
     }},
    {"re-escaping", [](std::string_view u) { return u.find("%252525") != std::string_view::npos; }},
    {"calendar-years", nullptr},
    {"repeated-segments", nullptr},
    {"url-length", nullptr},
};

std::string_view PathOf(std::string_view url) {
  size_t scheme = url.find("://");
  size_t start = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (start == std::string_view::npos) return "/";
  std::string_view path = url.substr(start);
  return path.substr(0, path.find_first_of("?#"));
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    size_t slash = path.find('/');
    if (slash != 0) out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// True when some run of 1-4 segments repeats back to back more than `max_repeats` times.
bool HasRepeatedSegments(std::string_view url, int max_repeats) {
  std::vector<std::string_view> seg = Segments(PathOf(url));
  for (size_t len = 1; len <= 4; ++len) {
    for (size_t start = 0; start + len <= seg.size(); ++start) {
      int repeats = 1;
      for (size_t next = start + len; next + len <= seg.size(); next += len) {
        if (!std::equal(seg.begin() + start, seg.begin() + start + len, seg.begin() + next)) break;
        if (++repeats > max_repeats) return true;
      }
    }
  }
  return false;
}

// Date archives for years no blog has posts in: calendars link to them forever.
bool HasImpossibleYear(std::string_view url) {
  std::string_view path = PathOf(url);
  for (size_t pos = path.find('/'); pos != std::string_view::npos; pos = path.find('/', pos + 1)) {
    // "/YYYY/MM/"
    if (DigitsAt(path, pos + 1) != 4 || path.substr(pos + 5, 1) != "/" ||
        DigitsAt(path, pos + 6) != 2 || path.substr(pos + 8, 1) != "/") {
      continue;
    }
    int year = std::stoi(std::string(path.substr(pos + 1, 4)));
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return year < 1990 || year > tm.tm_year + 1900 + 1;
  }
  return false;
}

}  // namespace

std::vector<std::string> DefaultTrapNames() {
  std::vector<std::string> names;
  for (const DefaultTrap& t : kDefaultTraps) names.emplace_back(t.name);
  return names;
}

Status TrapRules::Create(const TrapConfig& config, TrapRules* rules) {
  TrapRules r;
  r.max_path_repeats_ = config.max_path_repeats;
  r.max_url_length_ = static_cast<size_t>(config.max_url_length);
  for (const DefaultTrap& t : kDefaultTraps) {
    if (!config.defaults || config.disable.contains(t.name)) continue;
    std::string_view name = t.name;
    if (name == "repeated-segments") {
      r.repeated_segments_ = true;
    } else if (name == "calendar-years") {
      r.calendar_years_ = true;
    } else if (t.match != nullptr) {
      r.defaults_.emplace_back(t.name, t.match);
    }
  }
  if (!config.defaults || config.disable.contains("url-length")) r.max_url_length_ = SIZE_MAX;
  for (const std::string& extra : config.extra) {
    UrlPattern pattern;
    Status s = UrlPattern::Compile(extra, &pattern);
    if (!s.ok()) return Status::InvalidArgument("traps.extra: '" + extra + "': " + s.message());
    r.patterns_.push_back({"extra:" + extra, std::move(pattern)});
  }
  *rules = std::move(r);
  return Status::OK();
}

std::optional<std::string> TrapRules::Match(std::string_view url) const {
  if (url.size() > max_url_length_) return "url-length";
  const std::string lower = warc::text::LowerAscii(url);
  for (const auto& [name, match] : defaults_) {
    if (match(lower)) return name;
  }
  for (const Pattern& p : patterns_) {
    if (p.regex.FoundIn(url)) return p.name;
  }
  if (repeated_segments_ && HasRepeatedSegments(url, max_path_repeats_)) {
    return "repeated-segments";
  }
  if (calendar_years_ && HasImpossibleYear(url)) return "calendar-years";
  return std::nullopt;
}

bool QueryVariantLimiter::Admit(std::string_view url) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return true;
  std::hash<std::string_view> hash;
  std::string_view query = url.substr(q + 1);
  query = query.substr(0, query.find('#'));
  std::unordered_set<uint64_t>& queries = seen_[hash(url.substr(0, q))];
  if (queries.contains(hash(query))) return true;
  if (queries.size() >= max_) return false;
  queries.insert(hash(query));
  return true;
}

}  // namespace warcrawl::crawler
