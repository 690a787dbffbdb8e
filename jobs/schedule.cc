#include "jobs/schedule.h"

#include <array>
#include <charconv>
#include <vector>

#include "warc/text_util.h"

namespace warcrawl::jobs {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kDayNames = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};

struct Field {
  const char* name;
  int min, max;
  const std::string_view* names;  // for month and weekday names, else null
  int names_base;                 // the value of names[0]
  size_t name_count;
};

constexpr Field kFields[] = {
    {"minute", 0, 59, nullptr, 0, 0},
    {"hour", 0, 23, nullptr, 0, 0},
    {"day of month", 1, 31, nullptr, 0, 0},
    {"month", 1, 12, kMonthNames.data(), 1, 12},
    {"day of week", 0, 7, kDayNames.data(), 0, 7},
};

Status FieldError(size_t index, std::string_view text, const std::string& what) {
  return Status::InvalidArgument("cron: field " + std::to_string(index + 1) + " (" +
                                 kFields[index].name + "): \"" + std::string(text) + "\" " + what);
}

bool ParseNumber(std::string_view text, const Field& field, int* value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  if (ec == std::errc() && ptr == text.data() + text.size()) return true;
  const std::string lower = warc::text::LowerAscii(text);
  for (size_t i = 0; i < field.name_count; ++i) {
    if (field.names[i] == lower) {
      *value = field.names_base + static_cast<int>(i);
      return true;
    }
  }
  return false;
}

// One comma-separated item: "*", "N", "A-B", each optionally "/STEP".
Status ParseItem(size_t index, std::string_view item, std::vector<bool>* allowed) {
  const Field& field = kFields[index];
  int step = 1;
  std::string_view range = item;
  if (size_t slash = item.find('/'); slash != std::string_view::npos) {
    range = item.substr(0, slash);
    std::string_view step_text = item.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
    if (ec != std::errc() || ptr != step_text.data() + step_text.size() || step < 1) {
      return FieldError(index, item, "has a bad step");
    }
  }
  // Day of week: "*" and "A/STEP" run to Saturday (6), not to the second Sunday (7).
  const int open_end = index == 4 ? 6 : field.max;
  int low = field.min, high = open_end;
  if (range != "*") {
    const size_t dash = range.find('-', 1);
    if (!ParseNumber(range.substr(0, dash), field, &low)) {
      return FieldError(index, item, "is not a number or name");
    }
    high = low;
    if (dash != std::string_view::npos && !ParseNumber(range.substr(dash + 1), field, &high)) {
      return FieldError(index, item, "is not a range");
    }
    // "A/STEP" runs from A to the end of the field, as cron reads it.
    if (dash == std::string_view::npos && item.find('/') != std::string_view::npos) {
      high = open_end;
    }
  }
  for (int v : {low, high}) {
    if (v < field.min || v > field.max) {
      return FieldError(
          index, item,
          "is out of range " + std::to_string(field.min) + "-" + std::to_string(field.max));
    }
  }
  if (low > high) return FieldError(index, item, "is a range that runs backwards");
  for (int v = low; v <= high; v += step) (*allowed)[static_cast<size_t>(v)] = true;
  return Status::OK();
}

Status ParseField(size_t index, std::string_view text, std::vector<bool>* allowed) {
  allowed->assign(static_cast<size_t>(kFields[index].max) + 1, false);
  while (true) {
    const size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    if (item.empty()) return FieldError(index, text, "has an empty list item");
    if (Status s = ParseItem(index, item, allowed); !s.ok()) return s;
    if (comma == std::string_view::npos) return Status::OK();
    text.remove_prefix(comma + 1);
  }
}

std::string_view Macro(std::string_view text) {
  if (text == "@hourly") return "0 * * * *";
  if (text == "@daily" || text == "@midnight") return "0 0 * * *";
  if (text == "@weekly") return "0 0 * * 0";
  if (text == "@monthly") return "0 0 1 * *";
  if (text == "@yearly" || text == "@annually") return "0 0 1 1 *";
  return "";
}

std::vector<std::string_view> SplitFields(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

// Some allowed day of some allowed month exists (February has 29 days in leap years).
bool CanMatch(const Schedule& s) {
  if (s.weekdays_restricted) return true;  // any weekday occurs in every month
  constexpr int kLongest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; s.months[static_cast<size_t>(m)] && d <= kLongest[m]; ++d) {
      if (s.days[static_cast<size_t>(d)]) return true;
    }
  }
  return false;
}

bool DayMatches(const Schedule& s, sys_days day) {
  const std::chrono::year_month_day ymd(day);
  if (!s.months[static_cast<unsigned>(ymd.month())]) return false;
  const bool dom = s.days[static_cast<unsigned>(ymd.day())];
  const bool dow = s.weekdays[std::chrono::weekday(day).c_encoding()];
  if (s.days_restricted && s.weekdays_restricted) return dom || dow;
  return dom && dow;
}

warc::TimePoint NextCron(const Schedule& s, warc::TimePoint after) {
  using std::chrono::floor;
  using std::chrono::minutes;
  const auto start = floor<minutes>(after) + minutes(1);
  sys_days day = floor<days>(start);
  auto minute_of_day = std::chrono::duration_cast<minutes>(start - day).count();
  // Nine years always hold a February 29th: if nothing matches by then, nothing will.
  for (int i = 0; i < 9 * 366; ++i, day += days(1), minute_of_day = 0) {
    if (!DayMatches(s, day)) continue;
    for (auto m = minute_of_day; m < int64_t{24} * 60; ++m) {
      if (s.hours[static_cast<size_t>(m / 60)] && s.minutes[static_cast<size_t>(m % 60)]) {
        return warc::TimePoint(day.time_since_epoch()) + minutes(m);
      }
    }
  }
  return warc::TimePoint::max();
}

std::string DurationText(std::chrono::seconds d) {
  static constexpr std::pair<int64_t, char> kUnits[] = {
      {7 * 86400, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  std::string out;
  int64_t left = d.count();
  for (const auto& [size, unit] : kUnits) {
    if (left >= size) {
      out += std::to_string(left / size) + unit;
      left %= size;
    }
  }
  return out;
}

}  // namespace

Status ParseEvery(std::string_view text, warc::TimePoint anchor, Schedule* schedule) {
  const std::string_view given = warc::text::TrimBlanks(text);
  std::string_view rest = given;
  int64_t total = 0;
  auto error = [&](const std::string& what) {
    return Status::InvalidArgument("every: \"" + std::string(given) + "\": " + what);
  };
  if (rest.empty()) return error("empty (use e.g. 30m, 6h, 1d)");
  while (!rest.empty()) {
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || ptr == rest.data() + rest.size()) {
      return error("expected a number and a unit (s, m, h, d, w)");
    }
    const char unit = *ptr;
    const int64_t size = unit == 's'   ? 1
                         : unit == 'm' ? 60
                         : unit == 'h' ? 3600
                         : unit == 'd' ? 86400
                         : unit == 'w' ? 7 * 86400
                                       : 0;
    if (size == 0) return error(std::string("unknown unit '") + unit + "' (use s, m, h, d, w)");
    if (n > (int64_t{100} * 365 * 86400) / size) return error("longer than a century");
    total += n * size;
    rest.remove_prefix(static_cast<size_t>(ptr - rest.data()) + 1);
  }
  if (total < 1) return error("must be at least 1s");
  Schedule out;
  out.kind = Schedule::Kind::kEvery;
  out.interval = std::chrono::seconds(total);
  out.anchor = anchor;
  *schedule = std::move(out);
  return Status::OK();
}

Status ParseCron(std::string_view text, Schedule* schedule) {
  const std::string_view given = warc::text::TrimBlanks(text);
  std::string_view expression = given.starts_with("@") ? Macro(given) : given;
  if (expression.empty()) {
    return Status::InvalidArgument("cron: unknown macro \"" + std::string(given) + "\"");
  }
  std::vector<std::string_view> fields = SplitFields(expression);
  if (fields.size() != 5) {
    return Status::InvalidArgument("cron: \"" + std::string(given) + "\" has " +
                                   std::to_string(fields.size()) +
                                   " fields; expected 5 (minute hour day month weekday)");
  }
  Schedule out;
  out.kind = Schedule::Kind::kCron;
  out.cron = std::string(given);
  std::vector<bool> allowed;
  for (size_t i = 0; i < 5; ++i) {
    if (Status s = ParseField(i, fields[i], &allowed); !s.ok()) return s;
    for (size_t v = 0; v < allowed.size(); ++v) {
      if (!allowed[v]) continue;
      if (i == 0) out.minutes[v] = true;
      if (i == 1) out.hours[v] = true;
      if (i == 2) out.days[v] = true;
      if (i == 3) out.months[v] = true;
      if (i == 4) out.weekdays[v % 7] = true;  // 7 is Sunday too
    }
  }
  // As in Vixie cron, a day field starting with "*" ("*", "*/2") does not restrict days.
  out.days_restricted = fields[2][0] != '*';
  out.weekdays_restricted = fields[4][0] != '*';
  if (!CanMatch(out)) {
    return Status::InvalidArgument("cron: \"" + std::string(given) +
                                   "\" never matches: no such day in the months given");
  }
  *schedule = std::move(out);
  return Status::OK();
}

warc::TimePoint NextRun(const Schedule& schedule, warc::TimePoint after) {
  if (schedule.kind == Schedule::Kind::kCron) return NextCron(schedule, after);
  const auto interval = std::chrono::duration_cast<std::chrono::microseconds>(schedule.interval);
  if (after < schedule.anchor) return schedule.anchor;
  const auto periods = (after - schedule.anchor) / interval + 1;
  return schedule.anchor + periods * interval;
}

std::string Describe(const Schedule& schedule) {
  if (schedule.kind == Schedule::Kind::kCron) return "cron " + schedule.cron;
  return "every " + DurationText(schedule.interval);
}

std::string FormatSchedule(const Schedule& schedule) {
  if (schedule.kind == Schedule::Kind::kCron) return "cron " + schedule.cron;
  return "every " + DurationText(schedule.interval) + " " +
         std::to_string(schedule.anchor.time_since_epoch().count());
}

Status ParseSchedule(std::string_view text, Schedule* schedule) {
  if (text.starts_with("cron ")) return ParseCron(text.substr(5), schedule);
  if (text.starts_with("every ")) {
    std::string_view rest = text.substr(6);
    const size_t space = rest.find(' ');
    int64_t anchor_us = 0;
    std::string_view anchor = space == std::string_view::npos ? "" : rest.substr(space + 1);
    auto [ptr, ec] = std::from_chars(anchor.data(), anchor.data() + anchor.size(), anchor_us);
    if (ec != std::errc() || ptr != anchor.data() + anchor.size()) {
      return Status::Corruption("stored schedule \"" + std::string(text) + "\" has no anchor");
    }
    return ParseEvery(rest.substr(0, space), warc::TimePoint(std::chrono::microseconds(anchor_us)),
                      schedule);
  }
  return Status::Corruption("stored schedule \"" + std::string(text) + "\" is neither");
}

}  // namespace warcrawl::jobs
