#include "warc/date.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace warcrawl::warc {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hh_mm_ss;
using std::chrono::microseconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct CivilTime {
  int year, month, day, hour, minute, second;
  long micros;
};

CivilTime ToCivil(TimePoint t) {
  auto day_point = floor<days>(t);
  year_month_day ymd{day_point};
  hh_mm_ss<microseconds> hms{t - day_point};
  return {static_cast<int>(ymd.year()),
          static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())),
          static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count()),
          static_cast<long>(hms.subseconds().count())};
}

// Reads exactly `width` decimal digits at *pos.
bool ReadDigits(std::string_view s, size_t* pos, size_t width, int* value) {
  if (*pos + width > s.size()) return false;
  for (size_t i = 0; i < width; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
  }
  std::from_chars(s.data() + *pos, s.data() + *pos + width, *value);
  *pos += width;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

Status BadDate(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("bad date '" + std::string(text.substr(0, 64)) +
                                 "': " + std::string(why));
}

// Parses "Thh:mm[:ss[.f+]]Z" at *pos; hour, minute, second and micros stay 0 when absent.
bool ReadTimeOfDay(std::string_view s, size_t* pos, CivilTime* c) {
  if (!Expect(s, pos, 'T') || !ReadDigits(s, pos, 2, &c->hour) || !Expect(s, pos, ':') ||
      !ReadDigits(s, pos, 2, &c->minute)) {
    return false;
  }
  if (*pos < s.size() && s[*pos] == ':') {
    ++*pos;
    if (!ReadDigits(s, pos, 2, &c->second)) return false;
    if (*pos < s.size() && s[*pos] == '.') {
      ++*pos;
      size_t digits = 0;
      long scale = 100000;
      while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
        if (scale > 0) c->micros += (s[*pos] - '0') * scale;
        scale /= 10;
        ++*pos;
        ++digits;
      }
      if (digits == 0 || digits > 9) return false;
    }
  }
  return Expect(s, pos, 'Z');
}

}  // namespace

TimePoint NowMicros() { return std::chrono::time_point_cast<microseconds>(Clock::now()); }

std::string FormatWarcDate(TimePoint t, bool with_microseconds) {
  CivilTime c = ToCivil(t);
  std::array<char, 40> buf{};
  if (with_microseconds) {
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", c.year, c.month,
                  c.day, c.hour, c.minute, c.second, c.micros);
  } else {
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  c.hour, c.minute, c.second);
  }
  return buf.data();
}

std::string FormatTimestamp14(TimePoint t) {
  CivilTime c = ToCivil(t);
  std::array<char, 24> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf.data();
}

Status ParseWarcDate(std::string_view text, TimePoint* t) {
  CivilTime c{0, 1, 1, 0, 0, 0, 0};
  size_t pos = 0;
  if (!ReadDigits(text, &pos, 4, &c.year)) return BadDate(text, "expected a 4-digit year");
  if (pos < text.size() && !(Expect(text, &pos, '-') && ReadDigits(text, &pos, 2, &c.month))) {
    return BadDate(text, "expected -MM");
  }
  if (pos < text.size() && !(Expect(text, &pos, '-') && ReadDigits(text, &pos, 2, &c.day))) {
    return BadDate(text, "expected -DD");
  }
  if (pos < text.size() && !ReadTimeOfDay(text, &pos, &c)) {
    return BadDate(text, "expected Thh:mm[:ss[.fff]]Z in UTC");
  }
  if (pos != text.size()) return BadDate(text, "unexpected characters after the date");
  year_month_day ymd{std::chrono::year(c.year), std::chrono::month(c.month),
                     std::chrono::day(c.day)};
  if (!ymd.ok()) return BadDate(text, "no such calendar day");
  if (c.hour > 23 || c.minute > 59 || c.second > 60) {
    return BadDate(text, "time of day out of range");
  }
  *t = TimePoint(sys_days(ymd).time_since_epoch()) + std::chrono::hours(c.hour) +
       std::chrono::minutes(c.minute) + std::chrono::seconds(c.second) + microseconds(c.micros);
  return Status::OK();
}

}  // namespace warcrawl::warc
