#include "crawler/traps.h"

#include <chrono>
#include <ctime>
#include <functional>

namespace warcrawl::crawler {
namespace {

struct DefaultTrap {
  const char* name;
  const char* pattern;  // ECMAScript, searched in the whole URL; "" for a structural rule
};

constexpr DefaultTrap kDefaultTraps[] = {
    {"replytocom", R"([?&]replytocom=)"},
    {"share", R"([?&]share=)"},
    {"showComment", R"([?&]showComment=)"},
    {"like_comment", R"([?&]like_comment=)"},
    {"quote-comment", R"(/quote-comment-[0-9]+/)"},
    {"jetpack-comment", R"(/jetpack-comment/)"},
    {"wp-login", R"(/wp-login\.php)"},
    {"wp-admin", R"(/wp-admin/)"},
    // Blogger's feed of one comment; the per-post comment feed itself is fine.
    {"blogger-comment-feed", R"(/feeds/[0-9]+/comments/default/[0-9]+)"},
    {"calendar", R"(/calendar/|[?&](ical|tribe-bar-date|calendar)=|[?&]m=[0-9]{8})"},
    {"session-id",
     R"(;jsessionid=|[?&](phpsessid|sid|sessionid|session_id|jsessionid)=[0-9a-zA-Z]{16,})"},
    {"re-escaping", R"(%25(25){2,})"},
    {"calendar-years", ""},
    {"repeated-segments", ""},
    {"url-length", ""},
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
  static const std::regex kYear(R"(/([0-9]{4})/[0-9]{2}/)");
  std::string path(PathOf(url));
  std::smatch m;
  if (!std::regex_search(path, m, kYear)) return false;
  int year = std::stoi(m[1].str());
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return year < 1990 || year > tm.tm_year + 1900 + 1;
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
    } else if (name != "url-length") {
      r.patterns_.push_back({t.name, std::regex(t.pattern, std::regex::icase)});
    }
  }
  if (!config.defaults || config.disable.contains("url-length")) r.max_url_length_ = SIZE_MAX;
  for (const std::string& extra : config.extra) {
    try {
      r.patterns_.push_back({"extra:" + extra, std::regex(extra, std::regex::ECMAScript)});
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("traps.extra: '" + extra + "': " + e.what());
    }
  }
  *rules = std::move(r);
  return Status::OK();
}

std::optional<std::string> TrapRules::Match(std::string_view url) const {
  if (url.size() > max_url_length_) return "url-length";
  for (const Pattern& p : patterns_) {
    if (std::regex_search(url.begin(), url.end(), p.regex)) return p.name;
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
