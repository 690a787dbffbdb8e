#include "cli/listen_address.h"

#include <charconv>

namespace warcrawl::cli {

bool ParseListen(const std::string& text, std::string* host, int* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  *host = text.substr(0, colon);
  if (host->empty()) *host = "127.0.0.1";
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, *port);
  return ec == std::errc() && ptr == end && *port >= 0 && *port <= 65535;
}

}  // namespace warcrawl::cli
