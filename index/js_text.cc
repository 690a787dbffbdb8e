#include "index/js_text.h"

#include <charconv>
#include <cmath>

#include "warc/text_util.h"

namespace warcrawl::index::js {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

bool IsJsSpace(uint32_t cp) {
  switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// A high or low surrogate as WTF-8.
void AppendSurrogate(uint32_t unit, std::string* out) {
  out->push_back(static_cast<char>(0xE0 | (unit >> 12)));
  out->push_back(static_cast<char>(0x80 | ((unit >> 6) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | (unit & 0x3F)));
}

// Whether bytes are exactly one well-formed UTF-8 character, as decodeURI requires.
bool IsOneUtf8Char(std::string_view bytes) {
  size_t i = 0;
  const uint32_t cp = NextCodePoint(bytes, &i);
  return i == bytes.size() && (cp != kReplacement || bytes == "\xEF\xBF\xBD");
}

constexpr std::string_view kUriReserved = ";/?:@&=+$,#";

}  // namespace

uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b0 = static_cast<uint8_t>(s[(*i)++]);
  if (b0 < 0x80) return b0;
  int need = 0;
  uint8_t lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return kReplacement;
  }
  uint32_t cp = b0 & (0x3F >> need);
  for (int k = 0; k < need; ++k) {
    if (*i >= s.size()) return kReplacement;
    const auto b = static_cast<uint8_t>(s[*i]);
    if (b < lo || b > hi) return kReplacement;
    lo = 0x80, hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    ++*i;
  }
  return cp;
}

std::string DecodeUtf8(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(bytes, &i);
    if (cp == kReplacement) {
      warc::text::AppendUtf8(cp, &out);
    } else {
      out.append(bytes.substr(start, i - start));
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!IsJsSpace(NextCodePoint(s, &next))) break;
    begin = next;
  }
  size_t end = s.size();
  while (end > begin) {
    size_t start = end - 1;  // back to the lead byte of the last character
    while (start > begin && end - start < 4 && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) {
      --start;
    }
    size_t next = start;
    if (!IsJsSpace(NextCodePoint(s, &next)) || next != end) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

std::string NumberToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";
  std::string out = value < 0 ? "-" : "";
  char buf[64];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  const std::string_view sci(buf, ec == std::errc() ? end - buf : 0);
  const size_t e = sci.find('e');
  if (e == std::string_view::npos) return "NaN";
  std::string digits(1, sci[0]);
  if (e > 2) digits += sci.substr(2, e - 2);
  int exponent = 0;
  std::string_view exp_text = sci.substr(e + 1);
  if (exp_text.starts_with('+')) exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  // ECMAScript's Number::toString: value = digits x 10^(n - k).
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(-n, '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 < 0 ? "e-" : "e+") + std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string FormUrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    if (warc::text::IsAlnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      const auto b = static_cast<uint8_t>(c);
      out += {'%', kHex[b >> 4], kHex[b & 0xF]};
    }
  }
  return out;
}

void SearchParams::Set(const std::string& name, std::string_view value) {
  auto [it, added] = index_.emplace(name, pairs_.size());
  if (added) {
    pairs_.emplace_back(name, value);
  } else {
    pairs_[it->second].second = value;
  }
}

std::string SearchParams::ToString() const {
  std::string out;
  for (const auto& [name, value] : pairs_) {
    if (!out.empty()) out.push_back('&');
    out += FormUrlEncode(name) + "=" + FormUrlEncode(value);
  }
  return out;
}

size_t Utf16Length(std::string_view s) {
  size_t units = 0;
  for (size_t i = 0; i < s.size(); ++units) {
    const bool surrogate = s.size() - i >= 3 && static_cast<uint8_t>(s[i]) == 0xED &&
                           static_cast<uint8_t>(s[i + 1]) >= 0xA0;
    if (surrogate) {
      i += 3;  // a lone surrogate, as Utf16Prefix leaves one
    } else if (NextCodePoint(s, &i) >= 0x10000) {
      ++units;
    }
  }
  return units;
}

std::string Utf16Prefix(std::string_view s, size_t units) {
  std::string out;
  size_t taken = 0;
  for (size_t i = 0; i < s.size() && taken < units;) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(s, &i);
    const size_t width = cp >= 0x10000 ? 2 : 1;
    if (taken + width > units) {
      AppendSurrogate(0xD800 + ((cp - 0x10000) >> 10), &out);
      break;
    }
    out.append(s.substr(start, i - start));
    taken += width;
  }
  return out;
}

std::optional<std::string> DecodeUri(std::string_view s) {
  std::string out;
  auto escaped_byte = [&s](size_t at, int* byte) {
    if (at + 2 >= s.size() || s[at] != '%') return false;
    const int hi = warc::text::HexDigitValue(s[at + 1]);
    const int lo = warc::text::HexDigitValue(s[at + 2]);
    if (hi < 0 || lo < 0) return false;
    *byte = hi * 16 + lo;
    return true;
  };
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '%') {
      out.push_back(s[i++]);
      continue;
    }
    int b = 0;
    if (!escaped_byte(i, &b)) return std::nullopt;
    if (b < 0x80) {
      if (kUriReserved.find(static_cast<char>(b)) != std::string_view::npos) {
        out.append(s.substr(i, 3));
      } else {
        out.push_back(static_cast<char>(b));
      }
      i += 3;
      continue;
    }
    const size_t n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + 3 * (n - 1) >= s.size()) return std::nullopt;
    std::string bytes(1, static_cast<char>(b));
    for (size_t k = 1; k < n; ++k) {
      int c = 0;
      if (!escaped_byte(i + 3 * k, &c) || (c & 0xC0) != 0x80) return std::nullopt;
      bytes.push_back(static_cast<char>(c));
    }
    if (!IsOneUtf8Char(bytes)) return std::nullopt;
    out += bytes;
    i += 3 * n;
  }
  return out;
}

}  // namespace warcrawl::index::js
