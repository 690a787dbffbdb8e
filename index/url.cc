#include "index/url.h"

#include <arpa/inet.h>
#include <idn2.h>

#include <cstdio>
#include <memory>
#include <string>

#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

using warc::text::HexDigitValue;
using warc::text::QuoteForError;

constexpr char kHex[] = "0123456789ABCDEF";

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool IsSubDelim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}
char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

void LowercaseAscii(std::string* s) {
  for (char& c : *s) c = ToLowerAscii(c);
}

bool IsValidScheme(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  for (char c : s) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Schemes whose URLs always have a host, and where browsers read '\' as '/'.
bool IsSpecialScheme(std::string_view s) {
  return s == "http" || s == "https" || s == "ws" || s == "wss" || s == "ftp";
}

Status Invalid(std::string_view problem, size_t offset) {
  return Status::InvalidArgument(std::string(problem) + " at offset " + std::to_string(offset));
}

// Bytes that are never part of a URL at either end: spaces and C0 controls.
bool IsTrimmable(char c) { return static_cast<unsigned char>(c) <= 0x20; }

// Trims, then rejects any control byte left inside; *lead is how many bytes were trimmed.
Status TrimAndCheck(std::string_view* text, size_t* lead) {
  std::string_view s = *text;
  *lead = 0;
  while (!s.empty() && IsTrimmable(s.front())) {
    s.remove_prefix(1);
    ++*lead;
  }
  while (!s.empty() && IsTrimmable(s.back())) s.remove_suffix(1);
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsControl(s[i])) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "control character 0x%02x", static_cast<unsigned char>(s[i]));
      return Invalid(buf, *lead + i);
    }
  }
  *text = s;
  return Status::OK();
}

// Offset of the scheme's ':' if `s` starts with a valid scheme, else npos.
size_t SchemeEnd(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return colon;
  if (s.find_first_of("/?#") < colon || !IsValidScheme(s.substr(0, colon))) {
    return std::string_view::npos;
  }
  return colon;
}

// The RFC 3986 Appendix B split of a reference without its scheme. The authority, when
// present, starts 2 bytes into the text.
struct Parts {
  std::optional<std::string_view> authority;
  std::string path;  // a copy: special schemes read '\' as '/'
  std::optional<std::string_view> query;
  std::optional<std::string_view> fragment;
};

Parts SplitReference(std::string_view text, bool special) {
  Parts parts;
  size_t hash = text.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  size_t question = text.find('?');
  if (question != std::string_view::npos) {
    parts.query = text.substr(question + 1);
    text = text.substr(0, question);
  }
  std::string head(text);
  if (special) {
    for (char& c : head) c = (c == '\\') ? '/' : c;
  }
  std::string_view rest = head;
  if (rest.substr(0, 2) == "//") {
    size_t end = rest.find('/', 2);
    if (end == std::string_view::npos) end = rest.size();
    parts.authority = text.substr(2, end - 2);
    rest = rest.substr(end);
  }
  parts.path = std::string(rest);
  return parts;
}

Status CheckPercent(std::string_view s, size_t i, size_t offset) {
  if (i + 2 >= s.size() || HexDigitValue(s[i + 1]) < 0 || HexDigitValue(s[i + 2]) < 0) {
    return Invalid("'%' not followed by two hex digits in host", offset + i);
  }
  return Status::OK();
}

Status ParseIpLiteral(std::string_view literal, size_t offset) {
  std::string inner(literal.substr(1, literal.size() - 2));
  if (!inner.empty() && (inner[0] == 'v' || inner[0] == 'V')) {
    size_t dot = inner.find('.');
    bool ok = dot != std::string::npos && dot > 1 && dot + 1 < inner.size();
    for (size_t i = 1; ok && i < dot; ++i) ok = HexDigitValue(inner[i]) >= 0;
    for (size_t i = dot + 1; ok && i < inner.size(); ++i) {
      ok = IsUnreserved(inner[i]) || IsSubDelim(inner[i]) || inner[i] == ':';
    }
    return ok ? Status::OK() : Invalid("invalid IPvFuture literal", offset);
  }
  in6_addr addr;
  if (inet_pton(AF_INET6, inner.c_str(), &addr) != 1) {
    return Invalid("invalid IPv6 address " + QuoteForError(inner), offset);
  }
  return Status::OK();
}

Status ParsePort(std::string_view text, size_t offset, int* port) {
  *port = -1;
  if (text.empty()) return Status::OK();
  long value = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i])) return Invalid("invalid port " + QuoteForError(text), offset + i);
    value = value * 10 + (text[i] - '0');
    if (value > 65535) return Invalid("port out of range " + QuoteForError(text), offset);
  }
  *port = static_cast<int>(value);
  return Status::OK();
}

// Parses `auth` (found at `offset` of the input) into url->userinfo, host and port.
Status ParseAuthority(std::string_view auth, size_t offset, bool special, Url* url) {
  url->userinfo.reset();
  size_t at = auth.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view info = auth.substr(0, at);
    for (size_t i = 0; i < info.size(); ++i) {
      char c = info[i];
      if (!IsUnreserved(c) && !IsSubDelim(c) && c != ':' && c != '%' && !IsNonAscii(c)) {
        return Invalid("invalid character " + QuoteForError({&info[i], 1}) + " in userinfo",
                       offset + i);
      }
    }
    url->userinfo = std::string(info);
    offset += at + 1;
    auth = auth.substr(at + 1);
  }
  std::string_view host = auth, port;
  if (!auth.empty() && auth[0] == '[') {
    size_t close = auth.find(']');
    if (close == std::string_view::npos) return Invalid("unterminated IP literal", offset);
    host = auth.substr(0, close + 1);
    std::string_view after = auth.substr(close + 1);
    if (!after.empty() && after[0] != ':') {
      return Invalid("unexpected character after IP literal", offset + close + 1);
    }
    if (!after.empty()) port = after.substr(1);
    if (Status s = ParseIpLiteral(host, offset); !s.ok()) return s;
  } else {
    size_t colon = auth.find(':');
    if (colon != std::string_view::npos) {
      host = auth.substr(0, colon);
      port = auth.substr(colon + 1);
    }
    for (size_t i = 0; i < host.size(); ++i) {
      char c = host[i];
      if (c == '%') {
        if (Status s = CheckPercent(host, i, offset); !s.ok()) return s;
      } else if (!IsUnreserved(c) && !IsSubDelim(c) && !IsNonAscii(c)) {
        return Invalid("invalid character " + QuoteForError({&host[i], 1}) + " in host",
                       offset + i);
      }
    }
  }
  if (special && host.empty()) return Invalid("empty host", offset);
  url->host = std::string(host);
  return ParsePort(port, offset + host.size() + 1, &url->port);
}

// Fills url's authority, path, query and fragment from `parts`.
Status ApplyParts(const Parts& parts, size_t offset, bool special, Url* url) {
  if (parts.authority) {
    Status s = ParseAuthority(*parts.authority, offset + 2, special, url);
    if (!s.ok()) return s;
  } else if (special) {
    return Invalid("no host (expected \"//\" after the scheme)", offset);
  }
  url->path = parts.path;
  if (parts.query) url->query = std::string(*parts.query);
  if (parts.fragment) url->fragment = std::string(*parts.fragment);
  return Status::OK();
}

// RFC 3986 §5.2.3: the reference path appended to the base path's directory.
std::string MergePaths(const Url& base, std::string_view ref_path) {
  std::string merged;
  if (base.has_authority() && base.path.empty()) {
    merged.push_back('/');
  } else {
    size_t slash = base.path.rfind('/');
    if (slash != std::string::npos) merged.assign(base.path, 0, slash + 1);
  }
  merged.append(ref_path);
  return merged;
}

bool NeedsEscape(char c, std::string_view also) {
  return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || IsNonAscii(c) ||
         std::string_view("<>\"`{}|\\^").find(c) != std::string_view::npos ||
         also.find(c) != std::string_view::npos;
}

void AppendEscaped(std::string* out, unsigned char c) {
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

// RFC 3986 §6.2.2.1-2: decodes escapes of unreserved characters, uppercases the others and
// escapes bytes a URL may not carry raw. A '%' without two hex digits is left as written,
// and a hex digit decoded right after one stays escaped: "%e%41" must not become the
// escape "%eA", or a second normalisation would give another spelling.
std::string NormalizeEscapes(std::string_view s, std::string_view also_escape) {
  std::string out;
  out.reserve(s.size());
  size_t lone_percent = std::string::npos;  // in `out`
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && HexDigitValue(s[i + 1]) >= 0 &&
        HexDigitValue(s[i + 2]) >= 0) {
      auto v = static_cast<unsigned char>(HexDigitValue(s[i + 1]) * 16 + HexDigitValue(s[i + 2]));
      const bool completes_escape = lone_percent != std::string::npos &&
                                    out.size() - lone_percent <= 2 &&
                                    HexDigitValue(static_cast<char>(v)) >= 0;
      if (IsUnreserved(static_cast<char>(v)) && !completes_escape) {
        out.push_back(static_cast<char>(v));
      } else {
        AppendEscaped(&out, v);
      }
      i += 2;
    } else if (c == '%') {
      lone_percent = out.size();
      out.push_back(c);
    } else if (NeedsEscape(c, also_escape)) {
      AppendEscaped(&out, static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Decodes the escapes in a reg-name that stand for bytes a host may hold raw.
std::string DecodeHostEscapes(std::string_view host) {
  std::string out;
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '%' && i + 2 < host.size() && HexDigitValue(host[i + 1]) >= 0 &&
        HexDigitValue(host[i + 2]) >= 0) {
      auto v = static_cast<char>(HexDigitValue(host[i + 1]) * 16 + HexDigitValue(host[i + 2]));
      if (IsUnreserved(v) || IsSubDelim(v) || IsNonAscii(v)) {
        out.push_back(v);
        i += 2;
        continue;
      }
    }
    out.push_back(host[i]);
  }
  return out;
}

Status NormalizeHost(std::string* host) {
  if (!host->empty() && (*host)[0] == '[') {
    LowercaseAscii(host);
    std::string inner = host->substr(1, host->size() - 2);
    in6_addr addr;
    char text[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET6, inner.c_str(), &addr) == 1 &&
        inet_ntop(AF_INET6, &addr, text, sizeof text) != nullptr) {
      std::string canonical(1, '[');
      canonical.append(text).push_back(']');
      *host = std::move(canonical);
    }
    return Status::OK();
  }
  return HostToAscii(DecodeHostEscapes(*host), IdnaMode::kNontransitional, host);
}

struct Idn2Free {
  void operator()(char* p) const { idn2_free(p); }
};

}  // namespace

std::string Url::ToString() const {
  std::string out = scheme + ":";
  if (host) {
    out += "//";
    if (userinfo) out += *userinfo + "@";
    out += *host;
    if (port >= 0) out.append(":").append(std::to_string(port));
    if (!path.empty() && path[0] != '/') out += "/";
  } else if (path.substr(0, 2) == "//") {
    out += "/.";
  }
  out += path;
  if (query) out.append("?").append(*query);
  if (fragment) out.append("#").append(*fragment);
  // ParseUrl ignores trailing spaces; escaped, they survive (a query "a " whose fragment
  // was dropped).
  const size_t kept = out.find_last_not_of(' ') + 1;
  const size_t spaces = out.size() - kept;
  out.resize(kept);
  for (size_t i = 0; i < spaces; ++i) out += "%20";
  return out;
}

Status ParseUrl(std::string_view input, Url* url) {
  *url = Url();
  size_t lead = 0;
  if (Status s = TrimAndCheck(&input, &lead); !s.ok()) return s;
  if (input.empty()) return Status::InvalidArgument("empty URL");
  size_t colon = SchemeEnd(input);
  if (colon == std::string_view::npos) {
    return Invalid("no scheme in " + QuoteForError(input), lead);
  }
  url->scheme = std::string(input.substr(0, colon));
  LowercaseAscii(&url->scheme);
  bool special = IsSpecialScheme(url->scheme);
  Parts parts = SplitReference(input.substr(colon + 1), special);
  return ApplyParts(parts, lead + colon + 1, special, url);
}

Status ResolveUrl(const Url& base, std::string_view reference, Url* result) {
  const std::string_view original = reference;
  size_t lead = 0;
  if (Status s = TrimAndCheck(&reference, &lead); !s.ok()) return s;
  size_t colon = SchemeEnd(reference);
  if (colon != std::string_view::npos) {
    std::string scheme(reference.substr(0, colon));
    LowercaseAscii(&scheme);
    std::string_view rest = reference.substr(colon + 1);
    bool same_special = scheme == base.scheme && IsSpecialScheme(scheme);
    if (!same_special || rest.substr(0, 2) == "//" || rest.substr(0, 2) == "\\\\") {
      if (Status s = ParseUrl(original, result); !s.ok()) return s;
      result->path = RemoveDotSegments(result->path);
      return Status::OK();
    }
    lead += colon + 1;
    reference = rest;
  }
  bool special = IsSpecialScheme(base.scheme);
  Parts ref = SplitReference(reference, special);
  Url target;
  target.scheme = base.scheme;
  if (ref.authority) {
    if (Status s = ApplyParts(ref, lead, special, &target); !s.ok()) return s;
    target.path = RemoveDotSegments(ref.path);
  } else {
    target.userinfo = base.userinfo;
    target.host = base.host;
    target.port = base.port;
    if (ref.path.empty()) {
      target.path = base.path;
      target.query = ref.query ? std::optional<std::string>(*ref.query) : base.query;
    } else {
      target.path = RemoveDotSegments(ref.path[0] == '/' ? ref.path : MergePaths(base, ref.path));
      if (ref.query) target.query = std::string(*ref.query);
    }
  }
  if (ref.fragment) target.fragment = std::string(*ref.fragment);
  *result = std::move(target);
  return Status::OK();
}

std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  auto pop_segment = [&out] {
    size_t slash = out.rfind('/');
    out.resize(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./" || in.substr(0, 3) == "/./") {
      in.remove_prefix(2);  // "./" goes; "/./" becomes "/"
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../") {
      in.remove_prefix(3);
      pop_segment();
    } else if (in == "/..") {
      in = "/";
      pop_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t end = in.find('/', 1);
      if (end == std::string_view::npos) end = in.size();
      out.append(in.substr(0, end));
      in.remove_prefix(end);
    }
  }
  return out;
}

Status NormalizeUrl(Url* url) {
  bool special = IsSpecialScheme(url->scheme);
  if (url->host) {
    if (Status s = NormalizeHost(&*url->host); !s.ok()) return s;
    if (url->port == DefaultPort(url->scheme)) url->port = -1;
    if (url->userinfo) *url->userinfo = NormalizeEscapes(*url->userinfo, "@/?#[]");
  }
  if (special) {
    for (char& c : url->path) c = (c == '\\') ? '/' : c;
    if (url->path.empty()) url->path.push_back('/');
  }
  // Escapes first (RFC 3986 section 6.2.2's order): "%2e%2E" is a ".." segment, as browsers
  // read it, and must go with the others or a second normalisation would remove it.
  url->path = NormalizeEscapes(url->path, "?#");
  if (!url->path.empty() && url->path[0] == '/') url->path = RemoveDotSegments(url->path);
  if (url->query) *url->query = NormalizeEscapes(*url->query, "#");
  if (url->fragment) *url->fragment = NormalizeEscapes(*url->fragment, "#");
  return Status::OK();
}

int DefaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "ftp") return 21;
  return -1;
}

Status HostToAscii(std::string_view host, IdnaMode mode, std::string* ascii) {
  bool all_ascii = true;
  for (char c : host) all_ascii = all_ascii && !IsNonAscii(c);
  if (all_ascii) {
    *ascii = std::string(host);
    LowercaseAscii(ascii);
    return Status::OK();
  }
  std::string input(host);
  if (input.find('\0') != std::string::npos) {
    return Status::InvalidArgument("NUL byte in host name");
  }
  int flags =
      IDN2_NFC_INPUT | (mode == IdnaMode::kTransitional ? IDN2_TRANSITIONAL : IDN2_NONTRANSITIONAL);
  char* raw = nullptr;
  int rc = idn2_to_ascii_8z(input.c_str(), &raw, flags);
  std::unique_ptr<char, Idn2Free> out(raw);
  if (rc != IDN2_OK) {
    return Status::InvalidArgument("IDNA rejects host " + QuoteForError(host) + ": " +
                                   idn2_strerror(rc));
  }
  *ascii = out.get();
  return Status::OK();
}

}  // namespace warcrawl::index
