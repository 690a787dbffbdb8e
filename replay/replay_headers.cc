#include "replay/replay_headers.h"

#include <array>

#include "warc/record.h"

namespace warcrawl::replay {
namespace {

// Headers that say what the content is and nothing about this connection or the live site.
constexpr std::array<std::string_view, 4> kKept = {
    "content-type",
    "content-language",
    "content-disposition",
    "last-modified",
};

bool IsKept(std::string_view name) {
  for (std::string_view kept : kKept) {
    if (warc::EqualsIgnoreCase(name, kept)) return true;
  }
  return false;
}

}  // namespace

HeaderList ReplayHeaders(const warc::HeaderFields& archived) {
  HeaderList out;
  out.reserve(archived.entries().size());
  for (const auto& [name, value] : archived.entries()) {
    if (IsKept(name)) {
      out.emplace_back(name, value);
    } else {
      out.emplace_back(std::string(kArchiveOrigPrefix) + name, value);
    }
  }
  return out;
}

HeaderList ReplaySafetyHeaders() {
  return {
      {"Content-Security-Policy",
       "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
       "form-action 'self'; base-uri 'self'; frame-ancestors 'self'"},
      {"X-DNS-Prefetch-Control", "off"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "same-origin"},
  };
}

}  // namespace warcrawl::replay
