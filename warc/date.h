// WARC dates: WARC-Date values (W3C-ISO8601 in UTC, "2026-11-28T03:27:26Z", with optional
// fractional seconds in WARC/1.1) and the 14-digit timestamps that file names and CDX use.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_WARC_DATE_H_
#define WARCRAWL_WARC_DATE_H_

#include <chrono>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::warc {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::microseconds>;

TimePoint NowMicros();

// "YYYY-MM-DDThh:mm:ssZ", or "YYYY-MM-DDThh:mm:ss.ffffffZ" with microseconds.
std::string FormatWarcDate(TimePoint t, bool with_microseconds);

// Parses a W3C-DTF date as WARC allows it: "YYYY", "YYYY-MM", "YYYY-MM-DD",
// "YYYY-MM-DDThh:mmZ", "YYYY-MM-DDThh:mm:ssZ" or with 1-9 fractional digits before 'Z'.
// Fields out of range (month 13, hour 24…) are InvalidArgument.
Status ParseWarcDate(std::string_view text, TimePoint* t);

// "YYYYMMDDhhmmss" (14 digits), as CDX and file names use.
std::string FormatTimestamp14(TimePoint t);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_DATE_H_
