// JavaScript's text operations that warcio.js's index output depends on, over UTF-8 bytes:
// TextDecoder's lossy UTF-8, String.prototype.trim, Number.prototype.toString, the
// URLSearchParams serializer, String.prototype.slice on UTF-16 lengths, and decodeURI.
// A JavaScript string is held as UTF-8; a lone surrogate (which only a cut can make) as its
// three-byte generalised UTF-8 (WTF-8) form.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_JS_TEXT_H_
#define WARCRAWL_INDEX_JS_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace warcrawl::index::js {

// URLSearchParams used as warcio.js uses it: set() replaces a name's value in its place or
// appends it, and ToString() serializes every pair with FormUrlEncode.
class SearchParams {
 public:
  bool Has(const std::string& name) const { return index_.contains(name); }
  void Set(const std::string& name, std::string_view value);
  std::string ToString() const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::unordered_map<std::string, size_t> index_;
};

// Decodes the code point at s[*i] and advances past it; a bad sequence is U+FFFD and is
// consumed up to the first byte that cannot continue it (WHATWG's "maximal subpart").
uint32_t NextCodePoint(std::string_view s, size_t* i);

// new TextDecoder().decode(bytes): bad sequences become U+FFFD and a leading BOM goes.
std::string DecodeUtf8(std::string_view bytes);

// String.prototype.trim: Unicode white space and line terminators at both ends.
std::string_view Trim(std::string_view s);

// Number.prototype.toString() of a double: "1e+21", "1e-7", "0.000001", "-0" as "0".
std::string NumberToString(double value);

// The URLSearchParams serializer for one name or value: UTF-8, ' ' as '+', and all but ASCII
// letters, digits and "*-._" as %XX in capitals.
std::string FormUrlEncode(std::string_view s);

// The length of s in UTF-16 code units, as String.prototype.length counts.
size_t Utf16Length(std::string_view s);

// s.slice(0, units): a cut inside an astral character keeps its high surrogate.
std::string Utf16Prefix(std::string_view s, size_t units);

// decodeURI(s): %XX escapes of UTF-8 decoded, except those of ";/?:@&=+$,#" which stay as
// written; nullopt where decodeURI throws a URIError (a bad escape or bad UTF-8 in escapes).
std::optional<std::string> DecodeUri(std::string_view s);

}  // namespace warcrawl::index::js

#endif  // WARCRAWL_INDEX_JS_TEXT_H_
