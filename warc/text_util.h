// Small text helpers shared by the parsers of untrusted input (HTTP heads, chunk framing,
// digest fields), in their own namespace so they cannot collide with file-local helpers.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_WARC_TEXT_UTIL_H_
#define WARCRAWL_WARC_TEXT_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace warcrawl::warc::text {

// HTTP's optional whitespace: space and horizontal tab.
inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline bool IsAscii(std::string_view s) {
  for (char c : s) {
    if ((c & 0x80) != 0) return false;
  }
  return true;
}
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// 0-15 for a hex digit of either case, -1 for anything else.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Untrusted bytes for an error message: single-quoted, cut at `max_chars` (then "..."), and
// with control and non-ASCII bytes shown as \xNN so a message cannot mangle a terminal or log.
inline std::string QuoteForError(std::string_view text, size_t max_chars = 80) {
  std::string out = "'";
  for (char c : text.substr(0, max_chars)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out.append(buf);
    } else {
      out.push_back(c);
    }
  }
  if (text.size() > max_chars) out.append("...");
  out.push_back('\'');
  return out;
}

// Appends code point `cp` (at most U+10FFFF; callers replace surrogates and invalid ones
// with U+FFFD first) in UTF-8.
inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  int extra = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  static constexpr unsigned char kLead[] = {0, 0xC0, 0xE0, 0xF0};
  out->push_back(static_cast<char>(kLead[extra] | (cp >> (6 * extra))));
  for (int k = extra - 1; k >= 0; --k) {
    out->push_back(static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3F)));
  }
}

}  // namespace warcrawl::warc::text

#endif  // WARCRAWL_WARC_TEXT_UTIL_H_
