#include "warc/record_id.h"

#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <random>

namespace warcrawl::warc {

std::string NewRecordId() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    // OpenSSL's generator failing is near-impossible; a per-thread mt19937_64 seeded from
    // random_device still gives unique IDs, which is all an ID needs.
    thread_local std::mt19937_64 gen{std::random_device{}()};
    for (auto& byte : b) byte = static_cast<unsigned char>(gen());
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::array<char, 64> out{};
  std::snprintf(out.data(), out.size(),
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]);
  return out.data();
}

bool IsValidRecordId(std::string_view id) {
  if (id.size() < 4 || id.front() != '<' || id.back() != '>') return false;
  std::string_view inner = id.substr(1, id.size() - 2);
  size_t colon = inner.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == inner.size()) return false;
  for (char c : inner) {
    if (c == ' ' || c == '\t' || c == '<' || c == '>' || static_cast<unsigned char>(c) < 0x21) {
      return false;
    }
  }
  return true;
}

}  // namespace warcrawl::warc
