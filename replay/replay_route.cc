#include "replay/replay_route.h"

#include <chrono>

#include "replay/archive_url.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

namespace text = warc::text;

Status Bad(std::string_view what, std::string_view offender) {
  return Status::InvalidArgument(std::string(what) + " " + text::QuoteForError(offender));
}

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// ".", ".." and their %2e spellings: a proxy or file server in front of us would resolve
// them, so a path holding one means something other than what we would route.
bool IsDotSegment(std::string_view seg) {
  std::string lower = text::LowerAscii(seg);
  return lower == "." || lower == ".." || lower == "%2e" || lower == "%2e%2e" || lower == ".%2e" ||
         lower == "%2e.";
}

std::string PercentDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    int hi = -1, lo = -1;
    if (s[i] == '%' && i + 2 < s.size()) {
      hi = text::HexDigitValue(s[i + 1]);
      lo = text::HexDigitValue(s[i + 2]);
    }
    if (hi >= 0 && lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(plus_as_space && s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseQueryParams(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view key = piece.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
    params.emplace_back(PercentDecode(key, true), PercentDecode(value, true));
  }
  return params;
}

namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!text::IsDigit(c)) return false;
  }
  return true;
}

int TwoDigits(std::string_view ts, size_t pos) {
  return (ts[pos] - '0') * 10 + (ts[pos + 1] - '0');
}

// Checks the field at `pos` of a partial timestamp: the whole field when both digits are
// there, else its first digit against the first digit of `max`.
bool FieldFits(std::string_view ts, size_t pos, int min, int max) {
  if (ts.size() <= pos) return true;
  if (ts.size() == pos + 1) return ts[pos] - '0' <= max / 10;
  int v = TwoDigits(ts, pos);
  return v >= min && v <= max;
}

int DaysInMonth(std::string_view ts) {
  using namespace std::chrono;
  year y(TwoDigits(ts, 0) * 100 + TwoDigits(ts, 2));
  month m(static_cast<unsigned>(TwoDigits(ts, 4)));
  return static_cast<int>(static_cast<unsigned>((y / m / last).day()));
}

// 1-14 digits naming a time that can exist, as far as the digits go ("2023" and "2023022"
// are fine, "20231301" and "20230230" are not). A second of 60 is a leap second.
Status ValidateTimestamp(std::string_view ts) {
  if (ts.empty() || !AllDigits(ts)) return Bad("timestamp must be digits (YYYYMMDDhhmmss):", ts);
  if (ts.size() > 14) return Bad("timestamp has more than 14 digits (YYYYMMDDhhmmss):", ts);
  const bool month_ok = FieldFits(ts, 4, 1, 12);
  const bool day_ok = month_ok && FieldFits(ts, 6, 1, ts.size() >= 8 ? DaysInMonth(ts) : 31);
  if (!day_ok || !FieldFits(ts, 8, 0, 23) || !FieldFits(ts, 10, 0, 59) ||
      !FieldFits(ts, 12, 0, 60)) {
    return Bad("timestamp names no possible date and time (YYYYMMDDhhmmss):", ts);
  }
  return Status::OK();
}

// A "{ts}{mod}" segment: digits, then optionally lowercase letters ending in '_'.
bool SplitTimestampModifier(std::string_view seg, std::string_view* ts, std::string_view* mod) {
  size_t digits = 0;
  while (digits < seg.size() && text::IsDigit(seg[digits])) ++digits;
  std::string_view rest = seg.substr(digits);
  if (!rest.empty()) {
    if (rest.size() < 2 || rest.back() != '_') return false;
    for (char c : rest.substr(0, rest.size() - 1)) {
      if (c < 'a' || c > 'z') return false;
    }
  }
  if (seg.empty()) return false;
  *ts = seg.substr(0, digits);
  *mod = rest;
  return true;
}

// A capture-list segment: "*", "{from}*", "{from}-{to}*" (either end may be empty).
bool SplitRange(std::string_view seg, std::string_view* from, std::string_view* to) {
  if (seg.empty() || seg.back() != '*') return false;
  seg.remove_suffix(1);
  size_t dash = seg.find('-');
  *from = seg.substr(0, dash);
  *to = dash == std::string_view::npos ? std::string_view() : seg.substr(dash + 1);
  return AllDigits(*from) && AllDigits(*to);
}

// A URL submitted through a form arrives as "http%3A%2F%2Fexample.com%2F": its scheme and
// host (up to the first literal '/', '?' or '#') are decoded, as pywb does.
std::string DecodeEncodedScheme(std::string_view url) {
  size_t colon = url.find("%3");
  if (colon == std::string_view::npos || colon == 0 || colon + 2 >= url.size() ||
      (url[colon + 2] != 'A' && url[colon + 2] != 'a')) {
    return std::string(url);
  }
  for (char c : url.substr(0, colon)) {
    if (!text::IsAlnum(c) && c != '+' && c != '-' && c != '.') return std::string(url);
  }
  size_t end = url.find_first_of("/?#");
  return PercentDecode(url.substr(0, end), false) +
         std::string(end == std::string_view::npos ? "" : url.substr(end));
}

// Length of "scheme:" when `url` starts with a scheme followed by ":/", else 0.
size_t SchemeColonLength(std::string_view url) {
  if (url.empty() || !text::IsAlpha(url[0])) return 0;
  size_t i = 1;
  while (i < url.size() &&
         (text::IsAlnum(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')) {
    ++i;
  }
  return (i + 1 < url.size() && url[i] == ':' && url[i + 1] == '/') ? i + 1 : 0;
}

// pywb's reading of the text after the prefix: up to three leading slashes dropped, no
// scheme means http, and "http:/x" (browsers merge "//" in paths) becomes "http://x".
Status NormalizeArchivedUrl(std::string_view raw, std::string* url) {
  for (int i = 0; i < 3 && !raw.empty() && raw.front() == '/'; ++i) raw.remove_prefix(1);
  if (raw.empty()) return Status::InvalidArgument("the archived URL is missing");
  std::string decoded = DecodeEncodedScheme(raw);
  std::string_view u = decoded;
  if (IsDotSegment(u.substr(0, u.find_first_of("/?#")))) {
    return Bad("the archived URL cannot start with a dot segment:", u);
  }
  url->clear();
  if (text::LowerAscii(u.substr(0, 4)) == "urn:") {
    url->append(EncodeUnsafeUrlBytes(u));
    return Status::OK();
  }
  size_t scheme = SchemeColonLength(u);
  if (scheme == 0) {
    url->append("http://");
  } else if (scheme + 1 >= u.size() || u[scheme + 1] != '/') {
    url->append(u.substr(0, scheme + 1));
    url->push_back('/');
    u.remove_prefix(scheme + 1);
  }
  url->append(EncodeUnsafeUrlBytes(u));
  return Status::OK();
}

Status ParseTimeMap(std::string_view rest, ReplayRoute* route) {
  size_t slash = rest.find('/');
  std::string_view format = rest.substr(0, slash);
  if (format == "link") {
    route->kind = RouteKind::kTimeMapLink;
  } else if (format == "json") {
    route->kind = RouteKind::kTimeMapJson;
  } else {
    return Bad("unknown timemap format (use timemap/link/ or timemap/json/):", format);
  }
  if (slash == std::string_view::npos) {
    return Status::InvalidArgument("the archived URL is missing");
  }
  return NormalizeArchivedUrl(rest.substr(slash + 1), &route->url);
}

Status ParseCaptureList(std::string_view from, std::string_view to, std::string_view raw_url,
                        ReplayRoute* route) {
  if (!from.empty()) {
    if (Status s = ValidateTimestamp(from); !s.ok()) return s;
  }
  if (!to.empty()) {
    if (Status s = ValidateTimestamp(to); !s.ok()) return s;
  }
  route->kind = RouteKind::kCaptureList;
  route->timestamp = from;
  route->end_timestamp = to;
  if (!raw_url.empty() && raw_url.back() == '*') {
    route->kind = RouteKind::kPrefixList;
    raw_url.remove_suffix(1);
  }
  return NormalizeArchivedUrl(raw_url, &route->url);
}

Status ParseReplay(std::string_view ts, std::string_view mod, std::string_view raw_url,
                   ReplayRoute* route) {
  if (!ts.empty()) {
    if (Status s = ValidateTimestamp(ts); !s.ok()) return s;
  }
  if (!mod.empty() && !IsValidModifier(mod)) {
    return Bad("unknown modifier (two lowercase letters and '_', like id_):", mod);
  }
  route->kind = RouteKind::kReplay;
  route->timestamp = ts;
  route->modifier = mod;
  return NormalizeArchivedUrl(raw_url, &route->url);
}

// `rest` is what follows "/{coll}/", non-empty and not starting with '?'.
Status ParseCollectionRest(std::string_view rest, ReplayRoute* route) {
  size_t q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : rest.substr(q + 1);
  if (path == "cdx" || path == "search") {
    route->kind = path == "cdx" ? RouteKind::kCdx : RouteKind::kSearch;
    route->params = ParseQueryParams(query);
    return Status::OK();
  }
  if (path == "timemap" || path == "timegate") {
    return Status::InvalidArgument("the archived URL is missing after /" + std::string(path));
  }
  if (rest.starts_with("timemap/")) return ParseTimeMap(rest.substr(8), route);
  if (rest.starts_with("timegate/")) {
    route->kind = RouteKind::kTimeGate;
    return NormalizeArchivedUrl(rest.substr(9), &route->url);
  }
  size_t slash = path.find('/');
  if (slash != std::string_view::npos) {
    std::string_view seg = path.substr(0, slash);
    std::string_view after = rest.substr(slash + 1);
    std::string_view a, b;
    if (SplitRange(seg, &a, &b)) return ParseCaptureList(a, b, after, route);
    if (SplitTimestampModifier(seg, &a, &b)) return ParseReplay(a, b, after, route);
  }
  return ParseReplay("", "", rest, route);
}

bool IsValidStaticName(std::string_view name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char c : name) {
    if (!text::IsAlnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

Status ParseStatic(std::string_view rest, ReplayRoute* route) {
  std::string_view name = rest.substr(0, rest.find('?'));
  if (!IsValidStaticName(name)) return Bad("no such static file:", name);
  route->kind = RouteKind::kStatic;
  route->static_name = name;
  return Status::OK();
}

// `rest` is the target after its leading '/', non-empty and not starting with '?'.
Status ParseTopLevel(std::string_view rest, ReplayRoute* route) {
  if (rest.starts_with("_static/")) return ParseStatic(rest.substr(8), route);
  size_t end = rest.find_first_of("/?");
  std::string_view first = rest.substr(0, end);
  if (first == "search" && (end == std::string_view::npos || rest[end] == '?')) {
    route->kind = RouteKind::kSearch;
    route->params = ParseQueryParams(end == std::string_view::npos ? "" : rest.substr(end + 1));
    return Status::OK();
  }
  if (!IsValidCollectionName(first)) {
    return Bad("no such collection (names are 1-64 letters, digits, '.', '_' or '-'):", first);
  }
  route->collection = first;
  route->kind = RouteKind::kCollectionHome;
  if (end == std::string_view::npos || rest[end] == '?') return Status::OK();
  std::string_view after = rest.substr(end + 1);
  if (after.empty() || after.front() == '?') return Status::OK();
  return ParseCollectionRest(after, route);
}

}  // namespace

Status ParseReplayTarget(std::string_view target, ReplayRoute* route) {
  if (target.size() > kMaxTargetBytes) {
    return Status::InvalidArgument("request target is " + std::to_string(target.size()) +
                                   " bytes; the limit is " + std::to_string(kMaxTargetBytes));
  }
  if (target.empty() || target.front() != '/') {
    return Bad("request target must start with '/':", target);
  }
  for (size_t i = 0; i < target.size(); ++i) {
    if (IsControl(target[i])) {
      return Status::InvalidArgument("request target has a control byte at offset " +
                                     std::to_string(i));
    }
  }
  ReplayRoute parsed;
  std::string_view rest = target.substr(1);
  if (!rest.empty() && rest.front() != '?') {
    if (Status s = ParseTopLevel(rest, &parsed); !s.ok()) return s;
  }
  *route = std::move(parsed);
  return Status::OK();
}

}  // namespace warcrawl::replay
