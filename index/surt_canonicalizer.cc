#include "index/surt_canonicalizer.h"

#include <algorithm>
#include <cstring>

#include "index/surt_rules.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

using surt_rules::AlphaReorderQuery;
using surt_rules::AttemptIpFormats;
using surt_rules::EscapeOnce;
using surt_rules::MassageHost;
using surt_rules::NormalizePath;
using surt_rules::PythonIdnaEncode;
using surt_rules::StripPathSessionId;
using surt_rules::StripQuerySessionId;
using surt_rules::UnescapeRepeatedly;
using warc::text::QuoteForError;

constexpr size_t npos = std::string_view::npos;

using warc::text::IsAlnum;
using warc::text::IsAlpha;
using warc::text::IsAscii;
using warc::text::IsDigit;
using warc::text::LowerAscii;

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

void LowercaseInPlace(std::string* s) {
  for (char& c : *s) c = LowerAscii(c);
}

// Most URLs need few of the rules, and each rule copies its text: the helpers below apply a
// rule only when it would change something.
bool NeedsEscape(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u >= 0x7f || c == '#' || c == '%';
}

void Unescape(std::string* s) {
  if (s->find('%') != npos) *s = UnescapeRepeatedly(*s);
}

void Escape(std::string* s) {
  if (std::any_of(s->begin(), s->end(), NeedsEscape)) *s = EscapeOnce(*s);
}

// Whether CollapseDots would change `s`.
bool HasStrayDots(std::string_view s) {
  return s.find("..") != npos || (!s.empty() && (s.front() == '.' || s.back() == '.'));
}

// NormalizePath leaves a path alone when it starts with '/' and has no empty, "." or ".."
// segment but the last; "/." (a dot segment or not) is left to it.
bool IsNormalPath(std::string_view path) {
  return !path.empty() && path[0] == '/' && path.find("//") == npos && path.find("/.") == npos;
}

// First of `chars` in `s` from `from`, or npos: one memchr per wanted byte, each stopping at
// the earliest found so far (find_first_of calls memchr once per byte of `s`; a byte loop
// testing each of `chars` cost more than the rest of the URL's parse).
size_t FindFirstOf(std::string_view s, std::string_view chars, size_t from = 0) {
  size_t end = s.size();
  for (char c : chars) {
    if (from >= end) break;
    if (const void* p = std::memchr(s.data() + from, c, end - from); p != nullptr) {
      end = static_cast<size_t>(static_cast<const char*>(p) - s.data());
    }
  }
  return end == s.size() ? npos : end;
}

// Python's bytes.strip(): the six ASCII whitespace bytes.
bool IsPythonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}

bool HasSchemePrefix(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  for (char c : s.substr(1)) {
    if (c == ':') return true;
    if (!IsAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

// "http://https://x" -> "https://x": keeps the last of a run of http(s):// prefixes.
std::string_view DropRepeatedProtocols(std::string_view s) {
  size_t pos = 0, last = 0;
  for (;;) {
    if (s.substr(pos, 7) == "http://") {
      last = pos;
      pos += 7;
    } else if (s.substr(pos, 8) == "https://") {
      last = pos;
      pos += 8;
    } else {
      return s.substr(last);
    }
  }
}

// urllib's hostname/port split of a netloc: userinfo ends at the last '@', an IPv6 literal
// loses its brackets.
Status SplitNetloc(std::string_view netloc, std::string* host, int* port) {
  size_t at = netloc.rfind('@');
  std::string_view info = at == npos ? netloc : netloc.substr(at + 1);
  std::string_view name, port_text;
  size_t open = info.find('[');
  if (open != npos) {
    std::string_view bracketed = info.substr(open + 1);
    size_t close = bracketed.find(']');
    name = bracketed.substr(0, close);
    std::string_view after = close == npos ? std::string_view() : bracketed.substr(close + 1);
    size_t colon = after.find(':');
    if (colon != npos) port_text = after.substr(colon + 1);
  } else {
    size_t colon = info.find(':');
    name = info.substr(0, colon);
    if (colon != npos) port_text = info.substr(colon + 1);
  }
  host->assign(name);
  LowercaseInPlace(host);
  *port = -1;
  if (port_text.empty()) return Status::OK();
  long value = 0;
  for (char c : port_text) {
    if (!IsDigit(c)) return Status::InvalidArgument("invalid port " + QuoteForError(port_text));
    value = value * 10 + (c - '0');
    if (value > 65535) {
      return Status::InvalidArgument("port out of range " + QuoteForError(port_text));
    }
  }
  if (value != 0) *port = static_cast<int>(value);
  return Status::OK();
}

// Python's bytes.replace(b'..', b'.') then strip(b'.').
std::string CollapseDots(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    if (s[i] == '.' && i + 1 < s.size() && s[i + 1] == '.') ++i;
  }
  size_t begin = out.find_first_not_of('.');
  if (begin == npos) return "";
  return out.substr(begin, out.find_last_not_of('.') + 1 - begin);
}

}  // namespace

Status ParseSurtUrl(std::string_view url, SurtUrl* out) {
  *out = SurtUrl();
  while (!url.empty() && IsPythonSpace(url.front())) url.remove_prefix(1);
  while (!url.empty() && IsPythonSpace(url.back())) url.remove_suffix(1);
  std::string text;
  std::string_view s = url;
  if (FindFirstOf(url, "\t\n\r") != npos) {
    for (char c : url) {
      if (c != '\t' && c != '\n' && c != '\r') text.push_back(c);
    }
    s = text;
  }
  if (s.empty()) return Status::InvalidArgument("empty URL");
  if (!HasSchemePrefix(s)) {
    text = "http://" + std::string(s);
    s = text;
  }
  s = DropRepeatedProtocols(s);

  size_t colon = s.find(':');
  out->scheme = std::string(s.substr(0, colon));
  std::string_view rest = s.substr(colon + 1);
  std::string_view netloc;
  if (rest.substr(0, 2) == "//") {
    size_t end = FindFirstOf(rest, "/?#", 2);
    netloc = rest.substr(2, end == npos ? npos : end - 2);
    rest = rest.substr(end == npos ? rest.size() : end);
  }
  size_t path_end = FindFirstOf(rest, "?#");
  out->path = std::string(rest.substr(0, path_end));
  if (path_end != npos && rest[path_end] == '?') {
    std::string_view query = rest.substr(path_end + 1);
    out->query = std::string(query.substr(0, query.find('#')));
  }
  while (!netloc.empty() && netloc.back() == ':') netloc.remove_suffix(1);
  if (Status st = SplitNetloc(netloc, &out->host, &out->port); !st.ok()) return st;

  // "http:////www.vikings.com" and "http:host/": surt digs the host out of the path.
  if (out->scheme.substr(0, 4) == "http" && out->host.empty() && !out->path.empty()) {
    std::string path = std::move(out->path);
    size_t begin = std::min(path.find_first_not_of('/'), path.size());
    size_t slash = path.find('/', begin);
    out->host = path.substr(begin, slash == npos ? npos : slash - begin);
    out->path.assign(1, '/');
    if (slash != npos) out->path.append(path, slash + 1);
  }
  return Status::OK();
}

void CanonicalizeSurtUrl(SurtUrl* url) {
  // GoogleURLCanonicalizer.
  if (!url->query.empty()) {
    Unescape(&url->query);
    Escape(&url->query);
  }
  if (std::string& host = url->host; !host.empty()) {
    Unescape(&host);
    if (!IsAscii(host)) {
      std::optional<std::string> ascii = PythonIdnaEncode(host);
      if (ascii) host = *ascii;
    }
    if (HasStrayDots(host)) host = CollapseDots(host);
    if (std::optional<std::string> ip = AttemptIpFormats(host)) {
      host = *ip;
    } else {
      LowercaseInPlace(&host);
      Escape(&host);
    }
  }
  Unescape(&url->path);
  if (!url->host.empty() && !IsNormalPath(url->path)) url->path = NormalizePath(url->path);
  Escape(&url->path);

  // IAURLCanonicalizer.
  LowercaseInPlace(&url->host);
  if (url->host.starts_with("www") && url->scheme != "dns") url->host = MassageHost(url->host);
  std::string scheme = Lowercase(url->scheme);
  int default_port = scheme == "http" ? 80 : scheme == "https" ? 443 : 0;
  if (url->port == default_port) url->port = -1;
  if (!url->path.empty()) {
    LowercaseInPlace(&url->path);
    // Every session-id segment StripPathSessionId removes starts with '('.
    if (url->path.find('(') != npos) url->path = StripPathSessionId(url->path);
    if (url->path.size() > 1 && url->path.back() == '/') url->path.pop_back();
  }
  if (!url->query.empty()) {
    url->query = AlphaReorderQuery(Lowercase(StripQuerySessionId(url->query)));
  }
}

}  // namespace warcrawl::index
