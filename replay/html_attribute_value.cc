#include "replay/html_attribute_value.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "replay/url_rewriter.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

using warc::text::HexDigitValue;
using warc::text::IsAlnum;
using warc::text::IsDigit;

struct NamedReference {
  std::string_view name;
  uint32_t cp;
  bool legacy;  // also recognised without its ';'
};

constexpr NamedReference kNamedReferences[] = {
    {"amp", '&', true},       {"AMP", '&', true},        {"lt", '<', true},
    {"LT", '<', true},        {"gt", '>', true},         {"GT", '>', true},
    {"quot", '"', true},      {"QUOT", '"', true},       {"apos", '\'', false},
    {"nbsp", 0xA0, true},     {"copy", 0xA9, true},      {"COPY", 0xA9, true},
    {"reg", 0xAE, true},      {"REG", 0xAE, true},       {"laquo", 0xAB, true},
    {"raquo", 0xBB, true},    {"middot", 0xB7, true},    {"shy", 0xAD, true},
    {"sect", 0xA7, true},     {"para", 0xB6, true},      {"deg", 0xB0, true},
    {"times", 0xD7, true},    {"divide", 0xF7, true},    {"pound", 0xA3, true},
    {"yen", 0xA5, true},      {"cent", 0xA2, true},      {"eacute", 0xE9, true},
    {"egrave", 0xE8, true},   {"aacute", 0xE1, true},    {"agrave", 0xE0, true},
    {"ccedil", 0xE7, true},   {"auml", 0xE4, true},      {"ouml", 0xF6, true},
    {"uuml", 0xFC, true},     {"szlig", 0xDF, true},     {"euro", 0x20AC, false},
    {"trade", 0x2122, false}, {"hellip", 0x2026, false}, {"mdash", 0x2014, false},
    {"ndash", 0x2013, false}, {"lsquo", 0x2018, false},  {"rsquo", 0x2019, false},
    {"ldquo", 0x201C, false}, {"rdquo", 0x201D, false},  {"bull", 0x2022, false},
    {"Tab", '\t', false},     {"NewLine", '\n', false},  {"excl", '!', false},
    {"num", '#', false},      {"dollar", '$', false},    {"percnt", '%', false},
    {"lpar", '(', false},     {"rpar", ')', false},      {"ast", '*', false},
    {"plus", '+', false},     {"comma", ',', false},     {"period", '.', false},
    {"sol", '/', false},      {"colon", ':', false},     {"semi", ';', false},
    {"equals", '=', false},   {"quest", '?', false},     {"commat", '@', false},
    {"lsqb", '[', false},     {"rsqb", ']', false},      {"bsol", '\\', false},
    {"lowbar", '_', false},   {"grave", '`', false},     {"lcub", '{', false},
    {"rcub", '}', false},     {"verbar", '|', false},
};

void AppendDecoded(uint32_t cp, Spelling spelling, std::string* out) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80 || spelling == Spelling::kUrl) return AppendCodePointToUrl(cp, out);
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%x ", static_cast<unsigned>(cp));
  out->append(buf);
}

// Decodes the reference whose '&' is at s[i] into *out and returns its length; 0 when there
// is none (the '&' is then literal, as is an unknown name).
size_t DecodeReference(std::string_view s, size_t i, Spelling spelling, std::string* out) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    bool hex = j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X');
    size_t start = j + (hex ? 2 : 1), k = start;
    uint32_t cp = 0;
    for (; k < s.size(); ++k) {
      int d = hex ? HexDigitValue(s[k]) : (IsDigit(s[k]) ? s[k] - '0' : -1);
      if (d < 0) break;
      cp = std::min<uint32_t>(cp * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
    }
    if (k == start) return 0;
    if (k < s.size() && s[k] == ';') ++k;
    AppendDecoded(cp, spelling, out);
    return k - i;
  }
  size_t k = j;
  while (k < s.size() && IsAlnum(s[k]) && k - j < 32) ++k;
  std::string_view name = s.substr(j, k - j);
  bool semicolon = k < s.size() && s[k] == ';';
  for (const NamedReference& ref : kNamedReferences) {
    if (ref.name != name) continue;
    // In attributes a legacy name without ';' followed by '=' stays literal ("?a&copy=1").
    if (!semicolon && (!ref.legacy || (k < s.size() && s[k] == '='))) return 0;
    AppendDecoded(ref.cp, spelling, out);
    return k - i + (semicolon ? 1 : 0);
  }
  return 0;
}

}  // namespace

std::string DecodeAttribute(std::string_view raw, Spelling spelling) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    size_t amp = std::min(raw.find('&', i), raw.size());
    out.append(raw.substr(i, amp - i));
    if (amp == raw.size()) break;
    size_t length = DecodeReference(raw, amp, spelling, &out);
    if (length == 0) out.push_back('&');
    i = amp + std::max<size_t>(length, 1);
  }
  return out;
}

std::string QuoteAttribute(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    out.append(c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string_view(&c, 1));
  }
  return out + '"';
}

}  // namespace warcrawl::replay
