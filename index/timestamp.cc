#include "index/timestamp.h"

#include <algorithm>
#include <chrono>

namespace warcrawl::index {
namespace {

// The bound digits of each position; the upper day 31 is fine for ordering any month.
constexpr std::string_view kLowerPad = "00000101000000";
constexpr std::string_view kUpperPad = "99991231235959";

int Field(std::string_view ts, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len && i < ts.size(); ++i) v = v * 10 + (ts[i] - '0');
  return v;
}

}  // namespace

Status PadTimestamp(std::string_view partial, Bound bound, std::string* padded) {
  if (partial.empty() || partial.size() > 14 ||
      !std::all_of(partial.begin(), partial.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("timestamp '" + std::string(partial.substr(0, 40)) +
                                   "' must be 1 to 14 digits (YYYYMMDDhhmmss)");
  }
  std::string_view pad = bound == Bound::kLower ? kLowerPad : kUpperPad;
  *padded = std::string(partial) + std::string(pad.substr(partial.size()));
  return Status::OK();
}

int64_t TimestampSeconds(std::string_view ts14) {
  using namespace std::chrono;
  int y = Field(ts14, 0, 4);
  unsigned mo = static_cast<unsigned>(std::clamp(Field(ts14, 4, 2), 1, 12));
  unsigned d = static_cast<unsigned>(std::clamp(Field(ts14, 6, 2), 1, 31));
  year_month_day ymd{year(y), month(mo), day(d)};
  if (!ymd.ok()) ymd = year_month_day{ymd.year() / ymd.month() / last};
  int64_t days_since_epoch = sys_days(ymd).time_since_epoch().count();
  return days_since_epoch * 86400 + int64_t{Field(ts14, 8, 2)} * 3600 +
         int64_t{Field(ts14, 10, 2)} * 60 + Field(ts14, 12, 2);
}

}  // namespace warcrawl::index
