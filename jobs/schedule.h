// When a crawl job runs: every fixed interval ("every 6h"), or on a 5-field cron
// expression ("0 */6 * * *"). Both are in UTC: crawls are timestamped in UTC and archives
// are shared across time zones. An interval is anchored (at the job's creation), so runs
// happen at anchor + k × interval and never drift with how long runs take. A job that was
// due several times while the service was down runs once: NextRun is always the next time
// after now, and the scheduler runs a job that is overdue once.
//
// Thread-safety: plain values and pure functions.
#ifndef WARCRAWL_JOBS_SCHEDULE_H_
#define WARCRAWL_JOBS_SCHEDULE_H_

#include <bitset>
#include <chrono>
#include <string>
#include <string_view>

#include "warc/date.h"
#include "warc/status.h"

namespace warcrawl::jobs {

struct Schedule {
  enum class Kind { kEvery, kCron };
  Kind kind = Kind::kEvery;
  // kEvery
  std::chrono::seconds interval{0};
  warc::TimePoint anchor{};
  // kCron: the expression as given, and the values each field allows.
  std::string cron;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;              // 1-31
  std::bitset<13> months;            // 1-12
  std::bitset<7> weekdays;           // 0 = Sunday
  bool days_restricted = false;      // the day-of-month field is not "*"
  bool weekdays_restricted = false;  // the day-of-week field is not "*"
};

// "30s", "15m", "6h", "1d", "2w", "1h30m" (at least 1s). InvalidArgument naming the problem.
Status ParseEvery(std::string_view text, warc::TimePoint anchor, Schedule* schedule);

// Five fields (minute, hour, day of month, month, day of week: 0-7 or SUN-SAT, 7 = Sunday;
// months 1-12 or JAN-DEC) with lists, ranges and steps, or @hourly, @daily, @midnight,
// @weekly, @monthly, @yearly, @annually. When both day fields are restricted, a day
// matches if either does (as every cron does). An expression that can never match
// ("0 0 31 2 *") is refused. Errors name the field and the text at fault.
Status ParseCron(std::string_view text, Schedule* schedule);

// The first run strictly after `after` (cron: at a whole minute).
warc::TimePoint NextRun(const Schedule& schedule, warc::TimePoint after);

// "every 6h", "every 1h30m", "cron 0 */6 * * *".
std::string Describe(const Schedule& schedule);

// One line that ParseSchedule reads back to the same schedule (for the job store).
std::string FormatSchedule(const Schedule& schedule);
Status ParseSchedule(std::string_view text, Schedule* schedule);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_SCHEDULE_H_
