#include "replay/memento.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <span>

#include "index/cdx_format.h"
#include "index/timestamp.h"
#include "replay/archive_url.h"
#include "replay/capture_selection.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

namespace text = warc::text;
using index::CaptureEntry;

constexpr std::array<std::string_view, 7> kShortDays = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct DateFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

// Reads an HTTP-date left to right; each step fails without moving on a mismatch.
class DateCursor {
 public:
  explicit DateCursor(std::string_view s) : s_(s) {}

  bool Digits(size_t width, int* value) {
    if (pos_ + width > s_.size()) return false;
    int v = 0;
    for (size_t i = 0; i < width; ++i) {
      if (!text::IsDigit(s_[pos_ + i])) return false;
      v = v * 10 + (s_[pos_ + i] - '0');
    }
    *value = v;
    pos_ += width;
    return true;
  }
  bool Char(char c) {
    if (pos_ >= s_.size() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // Matches one of `words` case-insensitively; *index is its position in the list.
  bool Word(std::span<const std::string_view> words, int* index) {
    for (size_t i = 0; i < words.size(); ++i) {
      std::string_view here = s_.substr(pos_, words[i].size());
      if (text::LowerAscii(here) == text::LowerAscii(words[i])) {
        pos_ += words[i].size();
        *index = static_cast<int>(i);
        return true;
      }
    }
    return false;
  }
  bool Gmt() {
    int unused = 0;
    static constexpr std::array<std::string_view, 1> kGmt = {"GMT"};
    return Word(kGmt, &unused);
  }
  bool TimeOfDay(DateFields* f) {
    return Digits(2, &f->hour) && Char(':') && Digits(2, &f->minute) && Char(':') &&
           Digits(2, &f->second);
  }
  bool AtEnd() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool ParseImfFixdate(std::string_view s, DateFields* f) {
  DateCursor c(s);
  int dow = 0;
  return c.Word(kShortDays, &dow) && c.Char(',') && c.Char(' ') && c.Digits(2, &f->day) &&
         c.Char(' ') && c.Word(kMonths, &f->month) && c.Char(' ') && c.Digits(4, &f->year) &&
         c.Char(' ') && c.TimeOfDay(f) && c.Char(' ') && c.Gmt() && c.AtEnd();
}

// A two-digit year more than 50 years ahead is the most recent past year ending in it.
int ExpandTwoDigitYear(int yy) {
  using namespace std::chrono;
  const int this_year = static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year());
  int year = this_year / 100 * 100 + yy;
  if (year > this_year + 50) year -= 100;
  return year;
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
bool ParseRfc850(std::string_view s, DateFields* f) {
  DateCursor c(s);
  int dow = 0, yy = 0;
  bool ok = c.Word(kLongDays, &dow) && c.Char(',') && c.Char(' ') && c.Digits(2, &f->day) &&
            c.Char('-') && c.Word(kMonths, &f->month) && c.Char('-') && c.Digits(2, &yy) &&
            c.Char(' ') && c.TimeOfDay(f) && c.Char(' ') && c.Gmt() && c.AtEnd();
  if (ok) f->year = ExpandTwoDigitYear(yy);
  return ok;
}

// "Sun Nov  6 08:49:37 1994" (the day of month is two digits or a space and one digit)
bool ParseAsctime(std::string_view s, DateFields* f) {
  DateCursor c(s);
  int dow = 0;
  if (!(c.Word(kShortDays, &dow) && c.Char(' ') && c.Word(kMonths, &f->month) && c.Char(' '))) {
    return false;
  }
  if (!(c.Char(' ') ? c.Digits(1, &f->day) : c.Digits(2, &f->day))) return false;
  return c.Char(' ') && c.TimeOfDay(f) && c.Char(' ') && c.Digits(4, &f->year) && c.AtEnd();
}

bool FieldsPossible(const DateFields& f) {
  using namespace std::chrono;
  year_month_day ymd{year(f.year), month(static_cast<unsigned>(f.month)),
                     day(static_cast<unsigned>(f.day))};
  return ymd.ok() && f.hour <= 23 && f.minute <= 59 && f.second <= 60;
}

std::string FormatTimestamp(const DateFields& f) {
  std::array<char, 80> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d%02d%02d%02d%02d%02d", f.year, f.month, f.day, f.hour,
                f.minute, f.second);
  return buf.data();
}

std::string_view Origin(std::string_view base_origin) {
  while (!base_origin.empty() && base_origin.back() == '/') base_origin.remove_suffix(1);
  return base_origin;
}

// "<url>" with what would end the brackets or split a naive parser percent-encoded.
std::string Bracketed(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "<";
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('>');
  return out;
}

// "{origin}/{coll}/{service}/{url}" for the TimeGate ("timegate") and TimeMap
// ("timemap/link").
std::string ServiceLink(std::string_view origin, std::string_view collection,
                        std::string_view service, std::string_view url) {
  std::string uri(origin);
  uri += CollectionPath(collection);
  uri += service;
  uri += '/';
  uri += url;
  return Bracketed(uri);
}

std::string MementoLink(std::string_view origin, std::string_view collection,
                        std::string_view original_url, const CaptureEntry& capture,
                        std::string_view rel) {
  std::string_view url = capture.url.empty() ? original_url : std::string_view(capture.url);
  std::string link =
      Bracketed(std::string(origin) + ArchiveUrl(collection, capture.timestamp, "", url));
  link += "; rel=\"";
  link += rel;
  link += "\"; datetime=\"";
  link += HttpDateFromTimestamp(capture.timestamp);
  link += '"';
  return link;
}

std::string TimeMapType() { return "; type=\"application/link-format\""; }

// The relation types of captures[i] as seen from captures[current] (current may be n: none).
std::string RelationTypes(size_t i, size_t current, size_t n) {
  std::string rel;
  if (i == 0) rel += "first ";
  if (current < n && i + 1 == current) rel += "prev ";
  if (current < n && i == current + 1) rel += "next ";
  if (i + 1 == n) rel += "last ";
  return rel + "memento";
}

}  // namespace

std::string HttpDateFromTimestamp(std::string_view ts14) {
  using namespace std::chrono;
  std::string padded;
  if (!index::PadTimestamp(ts14, index::Bound::kLower, &padded).ok()) return "";
  const sys_seconds t{seconds{index::TimestampSeconds(padded)}};
  const sys_days day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{t - day_point};
  std::array<char, 48> buf{};
  std::snprintf(buf.data(), buf.size(), "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kShortDays[weekday{day_point}.c_encoding()].data(),
                static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1].data(),
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf.data();
}

Status TimestampFromHttpDate(std::string_view http_date, std::string* ts14) {
  std::string_view s = text::TrimBlanks(http_date);
  DateFields f;
  const size_t comma = s.find(',');
  bool parsed = comma == 3                        ? ParseImfFixdate(s, &f)
                : comma != std::string_view::npos ? ParseRfc850(s, &f)
                                                  : ParseAsctime(s, &f);
  if (!parsed) {
    return Status::InvalidArgument("not an HTTP date (like 'Sun, 06 Nov 1994 08:49:37 GMT'): " +
                                   text::QuoteForError(http_date));
  }
  ++f.month;  // Word() gave its index
  if (!FieldsPossible(f)) {
    return Status::InvalidArgument("HTTP date names no possible date and time: " +
                                   text::QuoteForError(http_date));
  }
  *ts14 = FormatTimestamp(f);
  return Status::OK();
}

size_t ClosestCapture(const std::vector<CaptureEntry>& captures, std::string_view ts) {
  return captures.empty() ? 0 : NearestFirst(captures, ts).front();
}

std::string MementoLinkHeader(std::string_view base_origin, std::string_view collection,
                              std::string_view original_url,
                              const std::vector<CaptureEntry>& captures, size_t current) {
  const std::string_view origin = Origin(base_origin);
  const size_t n = captures.size();
  std::string header = Bracketed(original_url) + "; rel=\"original\", ";
  header += ServiceLink(origin, collection, "timegate", original_url) + "; rel=\"timegate\", ";
  header += ServiceLink(origin, collection, "timemap/link", original_url) + "; rel=\"timemap\"" +
            TimeMapType();
  if (current >= n) return header;
  std::vector<size_t> picks = {0, current == 0 ? 0 : current - 1, current,
                               std::min(current + 1, n - 1), n - 1};
  picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
  for (size_t i : picks) {
    header += ", ";
    header +=
        MementoLink(origin, collection, original_url, captures[i], RelationTypes(i, current, n));
  }
  return header;
}

std::string TimeMapLinkFormat(std::string_view base_origin, std::string_view collection,
                              std::string_view original_url,
                              const std::vector<CaptureEntry>& captures) {
  const std::string_view origin = Origin(base_origin);
  const size_t n = captures.size();
  std::string out = Bracketed(original_url) + "; rel=\"original\",\n";
  out += ServiceLink(origin, collection, "timemap/link", original_url) + "; rel=\"self\"" +
         TimeMapType();
  if (n > 0) {
    out += "; from=\"" + HttpDateFromTimestamp(captures.front().timestamp) + "\"; until=\"" +
           HttpDateFromTimestamp(captures.back().timestamp) + "\"";
  }
  out += ",\n";
  out += ServiceLink(origin, collection, "timegate", original_url) + "; rel=\"timegate\"";
  for (size_t i = 0; i < n; ++i) {
    out += ",\n";
    out += MementoLink(origin, collection, original_url, captures[i], RelationTypes(i, n, n));
    out += "; collection=\"" + std::string(collection) + "\"";
  }
  out += "\n";
  return out;
}

std::string TimeMapJson(const std::vector<CaptureEntry>& captures) {
  std::string out;
  for (const CaptureEntry& c : captures) {
    out += index::FormatJsonLine(c);
    out += '\n';
  }
  return out;
}

}  // namespace warcrawl::replay
