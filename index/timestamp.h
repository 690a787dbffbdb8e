// 14-digit capture timestamps (YYYYMMDDhhmmss) as CDX queries use them: partial ones
// ("2022", "202208") padded to the lower or upper bound of the period they name, and the
// distance in seconds between two, for "closest" ordering.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_INDEX_TIMESTAMP_H_
#define WARCRAWL_INDEX_TIMESTAMP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::index {

enum class Bound { kLower, kUpper };

// Pads 1 to 14 digits to a 14-digit bound: "2014" → "20140101000000" (lower) or
// "20141231235959" (upper). Non-digits or more than 14 digits are InvalidArgument.
Status PadTimestamp(std::string_view partial, Bound bound, std::string* padded);

// Seconds since the epoch for a 14-digit timestamp; out-of-range fields are clamped,
// which is all ordering by distance needs.
int64_t TimestampSeconds(std::string_view ts14);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_TIMESTAMP_H_
