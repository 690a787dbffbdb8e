#include "index/surt_rules.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "index/url.h"
#include "warc/text_util.h"

namespace warcrawl::index::surt_rules {
namespace {

using warc::text::HexDigitValue;

constexpr size_t npos = std::string_view::npos;

using warc::text::IsAlnum;
using warc::text::IsAlpha;
using warc::text::IsAscii;
using warc::text::IsDigit;
using warc::text::LowerAscii;

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (at > s.size() || s.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(s[at + i]) != LowerAscii(prefix[i])) return false;
  }
  return true;
}

// Drops the bytes that are not part of a well-formed UTF-8 sequence, as Python's
// decode('utf-8', 'ignore') does (no overlongs, surrogates or code points past U+10FFFF).
std::string DropInvalidUtf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80                 ? 1
                 : b >= 0xc2 && b <= 0xdf ? 2
                 : b >= 0xe0 && b <= 0xef ? 3
                 : b >= 0xf0 && b <= 0xf4 ? 4
                                          : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    }
    if (ok && len >= 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(b == 0xe0 && b1 < 0xa0) && !(b == 0xed && b1 >= 0xa0) && !(b == 0xf0 && b1 < 0x90) &&
           !(b == 0xf4 && b1 >= 0x90);
    }
    if (ok) out.append(s.substr(i, len));
    i += ok ? len : 1;
  }
  return out;
}

// Length of the label separator at the start of `rest`: '.' or one of the three other dots
// Python's idna codec splits on (U+3002, U+FF0E, U+FF61), else 0.
size_t DotLength(std::string_view rest) {
  if (rest[0] == '.') return 1;
  std::string_view head = rest.substr(0, 3);
  return (head == "\xe3\x80\x82" || head == "\xef\xbc\x8e" || head == "\xef\xbd\xa1") ? 3 : 0;
}

std::vector<std::string> SplitIdnaLabels(std::string_view s) {
  std::vector<std::string> labels(1);
  for (size_t i = 0; i < s.size();) {
    size_t dot = DotLength(s.substr(i));
    if (dot > 0) {
      labels.emplace_back();
      i += dot;
    } else {
      labels.back().push_back(s[i++]);
    }
  }
  return labels;
}

bool LabelLengthOk(std::string_view label) { return !label.empty() && label.size() < 64; }

// inet_aton's reading of 2-4 dotted decimal or octal parts (inputs are already restricted
// to digits and dots).
std::optional<uint32_t> InetAton(const std::vector<std::string_view>& parts) {
  uint64_t acc = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    int base = (p.size() > 1 && p[0] == '0') ? 8 : 10;
    uint64_t v = 0;
    for (char c : p) {
      if (c - '0' >= base) return std::nullopt;
      v = v * base + (c - '0');
      if (v > 0xffffffffULL) return std::nullopt;
    }
    bool last = i + 1 == parts.size();
    uint64_t limit = last ? (0xffffffffULL >> (8 * i)) : 0xff;
    if (v > limit) return std::nullopt;
    acc = last ? (acc << (8 * (4 - i))) | v : (acc << 8) | v;
  }
  return static_cast<uint32_t>(acc);
}

std::string DottedQuad(uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 255) + "." +
         std::to_string((v >> 8) & 255) + "." + std::to_string(v & 255);
}

// For each r, whether path[r:] matches "[^?]+\.aspx.*": some ".aspx" after the first byte
// and before any '?'. One backward pass keeps the session-id rules linear.
std::vector<bool> AspxRests(std::string_view path) {
  std::vector<bool> ok(path.size() + 1, false);
  size_t next_aspx = npos, next_question = npos;
  for (size_t i = path.size(); i-- > 0;) {
    if (StartsWithNoCase(path, i + 1, ".aspx")) next_aspx = i + 1;
    if (path[i] == '?') next_question = i;
    ok[i] = next_aspx != npos && next_aspx < next_question;
  }
  return ok;
}

bool IsAlnumRun(std::string_view s, size_t at, size_t n) {
  if (at > s.size() || s.size() - at < n) return false;
  return std::all_of(s.begin() + at, s.begin() + at + n, IsAlnum);
}

// Length of "(X(<24>)Y(<24>)...)/" at the start of `s`, or 0.
size_t MultiSessionSegment(std::string_view s) {
  if (s.empty() || s[0] != '(') return 0;
  size_t j = 1, units = 0;
  while (j + 27 <= s.size() && IsAlpha(s[j]) && s[j + 1] == '(' && IsAlnumRun(s, j + 2, 24) &&
         s[j + 26] == ')') {
    j += 27;
    ++units;
  }
  if (units == 0 || s.substr(j, 2) != ")/") return 0;
  return j + 2;
}

// Length of "(<24>)/" at the start of `s`, or 0.
size_t SingleSessionSegment(std::string_view s) {
  if (s.size() < 27 || s[0] != '(' || !IsAlnumRun(s, 1, 24) || s.substr(25, 2) != ")/") return 0;
  return 27;
}

// Applies one of surt's "^(.*/)(segment)([^?]+\.aspx.*)$" rules; the greedy "(.*/)" means
// the last segment that fits is the one removed.
std::string StripAspxSegment(std::string_view path, size_t (*segment)(std::string_view)) {
  std::vector<bool> aspx_rest = AspxRests(path);
  for (size_t i = path.size(); i > 0; --i) {
    if (path[i - 1] != '/') continue;
    size_t len = segment(path.substr(i));
    if (len > 0 && aspx_rest[i + len]) {
      return std::string(path.substr(0, i)) + std::string(path.substr(i + len));
    }
  }
  return std::string(path);
}

// End of a "name=<32 alphanumerics>" session argument at `at`, or npos.
size_t MatchFixed(std::string_view q, size_t at, std::string_view name) {
  if (!StartsWithNoCase(q, at, name)) return npos;
  return IsAlnumRun(q, at + name.size(), 32) ? at + name.size() + 32 : npos;
}

size_t MatchAspSession(std::string_view q, size_t at) {
  if (!StartsWithNoCase(q, at, "aspsessionid")) return npos;
  size_t i = at + 12;
  if (q.size() < i + 8 + 1 + 24) return npos;
  for (size_t k = 0; k < 8; ++k) {
    if (!IsAlpha(q[i + k])) return npos;
  }
  if (q[i + 8] != '=') return npos;
  for (size_t k = 0; k < 24; ++k) {
    if (!IsAlpha(q[i + 9 + k])) return npos;
  }
  return i + 33;
}

// "cfid=[^&]+&cftoken=[^&]+"; next_amp[i] is the first '&' at or after i.
size_t MatchCfToken(std::string_view q, size_t at, const std::vector<size_t>& next_amp) {
  if (!StartsWithNoCase(q, at, "cfid=")) return npos;
  size_t amp = next_amp[at + 5];
  if (amp == at + 5 || amp == q.size() || !StartsWithNoCase(q, amp + 1, "cftoken=")) return npos;
  size_t value = amp + 9;
  size_t end = value < q.size() ? next_amp[value] : q.size();
  return end > value ? end : npos;
}

// One of surt's "^(.*)(?:token)(?:&(.*))?$" rules: the last token followed by '&' or the
// end is removed together with that '&'.
template <typename Match>
std::string StripQueryToken(std::string_view q, Match match) {
  for (size_t p = q.size() + 1; p-- > 0;) {
    size_t end = match(q, p);
    if (end == npos || (end < q.size() && q[end] != '&')) continue;
    std::string out(q.substr(0, p));
    if (end < q.size()) out.append(q.substr(end + 1));
    return out;
  }
  return std::string(q);
}

}  // namespace

std::string UnescapeRepeatedly(std::string_view s) {
  // Escapes never overlap, so collapsing each one as soon as it completes at the end of the
  // output reaches the same fixed point as decoding the whole string over and over.
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    out.push_back(c);
    while (out.size() >= 3 && out[out.size() - 3] == '%' &&
           HexDigitValue(out[out.size() - 2]) >= 0 && HexDigitValue(out.back()) >= 0) {
      char v =
          static_cast<char>(HexDigitValue(out[out.size() - 2]) * 16 + HexDigitValue(out.back()));
      out.resize(out.size() - 3);
      out.push_back(v);
    }
  }
  return out;
}

std::string EscapeOnce(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '#' || c == '%') {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string NormalizePath(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  size_t start = path.find('/');  // the first segment is dropped, as surt does
  while (start != npos) {
    size_t end = path.find('/', start + 1);
    std::string_view seg = path.substr(start + 1, end == npos ? npos : end - start - 1);
    if (seg == "..") {
      if (!kept.empty()) {
        kept.pop_back();
      } else {
        kept.push_back(seg);
      }
    } else if (seg != ".") {
      kept.push_back(seg);
    }
    start = end;
  }
  std::string out = "/";
  for (size_t i = 0; i + 1 < kept.size(); ++i) {
    if (!kept[i].empty()) out.append(kept[i]).push_back('/');
  }
  if (!kept.empty()) out.append(kept.back());
  return out;
}

std::optional<std::string> AttemptIpFormats(std::string_view host) {
  // Only digits and dots can pass; most hosts fail at once, before any splitting.
  if (host.empty() ||
      !std::all_of(host.begin(), host.end(), [](char c) { return IsDigit(c) || c == '.'; })) {
    return std::nullopt;
  }
  if (std::all_of(host.begin(), host.end(), IsDigit)) {
    uint32_t v = 0;  // Python masks the integer to its low 32 bits
    for (char c : host) v = v * 10 + static_cast<uint32_t>(c - '0');
    return DottedQuad(v);
  }
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t dot = host.find('.', start);
    parts.push_back(host.substr(start, dot == npos ? npos : dot - start));
    if (dot == npos) break;
    start = dot + 1;
  }
  if (parts.size() > 4) return std::nullopt;
  for (std::string_view p : parts) {
    if (p.empty()) return std::nullopt;
  }
  bool octal = parts[0][0] == '0';
  for (std::string_view p : parts) {
    for (char c : p) {
      if (!IsDigit(c) || (octal && c > '7')) return std::nullopt;
    }
  }
  std::optional<uint32_t> v = InetAton(parts);
  if (!v) return std::nullopt;
  return DottedQuad(*v);
}

std::optional<std::string> PythonIdnaEncode(std::string_view host) {
  std::string text = DropInvalidUtf8(host);
  if (text.empty()) return "";
  if (IsAscii(text)) {
    std::vector<std::string> labels = SplitIdnaLabels(text);
    for (size_t i = 0; i + 1 < labels.size(); ++i) {
      if (!LabelLengthOk(labels[i])) return std::nullopt;
    }
    if (labels.back().size() >= 64) return std::nullopt;
    return text;
  }
  std::vector<std::string> labels = SplitIdnaLabels(text);
  bool trailing_dot = labels.back().empty();
  if (trailing_dot) labels.pop_back();
  std::string out;
  for (const std::string& label : labels) {
    std::string ascii = label;
    if (!IsAscii(label) && !HostToAscii(label, IdnaMode::kTransitional, &ascii).ok()) {
      return std::nullopt;
    }
    if (!LabelLengthOk(ascii)) return std::nullopt;
    if (!out.empty()) out.push_back('.');
    out += ascii;
  }
  if (trailing_dot) out.push_back('.');
  return out;
}

std::string MassageHost(std::string_view host) {
  if (host.substr(0, 3) != "www") return std::string(host);
  size_t i = 3;
  while (i < host.size() && IsDigit(host[i])) ++i;
  if (i < host.size() && host[i] == '.') return std::string(host.substr(i + 1));
  return std::string(host);
}

std::string StripPathSessionId(std::string_view path) {
  std::string once = StripAspxSegment(path, MultiSessionSegment);
  return StripAspxSegment(once, SingleSessionSegment);
}

std::string StripQuerySessionId(std::string_view query) {
  std::string q(query);
  for (std::string_view name : {"jsessionid=", "phpsessid=", "sid="}) {
    q = StripQueryToken(q,
                        [name](std::string_view s, size_t at) { return MatchFixed(s, at, name); });
  }
  q = StripQueryToken(q, MatchAspSession);
  std::vector<size_t> next_amp(q.size() + 1, q.size());
  for (size_t i = q.size(); i-- > 0;) next_amp[i] = q[i] == '&' ? i : next_amp[i + 1];
  return StripQueryToken(
      q, [&](std::string_view s, size_t at) { return MatchCfToken(s, at, next_amp); });
}

std::string AlphaReorderQuery(std::string_view query) {
  if (query.size() <= 1) return std::string(query);
  // (name, has '=', value): Python sorts ("a",) before ("a", "") before ("a", "x").
  std::vector<std::tuple<std::string_view, bool, std::string_view>> args;
  for (size_t start = 0;;) {
    size_t amp = query.find('&', start);
    std::string_view arg = query.substr(start, amp == npos ? npos : amp - start);
    size_t eq = arg.find('=');
    if (eq == npos) {
      args.emplace_back(arg, false, std::string_view());
    } else {
      args.emplace_back(arg.substr(0, eq), true, arg.substr(eq + 1));
    }
    if (amp == npos) break;
    start = amp + 1;
  }
  std::sort(args.begin(), args.end());
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& [name, has_value, value] = args[i];
    if (i > 0) out.push_back('&');
    out.append(name);
    if (has_value) out.append("=").append(value);
  }
  return out;
}

}  // namespace warcrawl::index::surt_rules
