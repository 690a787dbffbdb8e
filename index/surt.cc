#include "index/surt.h"

#include "index/surt_canonicalizer.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

using warc::text::QuoteForError;

constexpr size_t npos = std::string_view::npos;

// The host part of a SURT: labels reversed and joined with ',' ("a.b.org" -> "org,b,a").
void AppendReversedHost(std::string_view host, std::string* out) {
  for (size_t end = host.size();;) {
    const size_t dot = end == 0 ? npos : host.rfind('.', end - 1);
    if (dot == npos) {
      out->append(host.substr(0, end));
      return;
    }
    out->append(host.substr(dot + 1, end - dot - 1)).push_back(',');
    end = dot;
  }
}

// The path, query and their separators, as surt appends them after the host.
void AppendPathAndQuery(const SurtUrl& url, std::string* out) {
  if (!url.path.empty()) {
    out->append(url.path);
  } else if (!url.query.empty()) {
    out->push_back('/');
  }
  if (!url.query.empty()) out->append("?").append(url.query);
}

// Runs surt's parse and canonicalisation; true when *out is final (empty or filedesc URL).
Status Prepare(std::string_view url, SurtUrl* parsed, std::string* out, bool* done) {
  *done = true;
  if (url.empty()) {
    out->assign(1, '-');
    return Status::OK();
  }
  if (url.substr(0, 8) == "filedesc") {
    *out = std::string(url);
    return Status::OK();
  }
  if (Status s = ParseSurtUrl(url, parsed); !s.ok()) {
    return Status::InvalidArgument("no SURT for URL " + QuoteForError(url) + ": " + s.message());
  }
  CanonicalizeSurtUrl(parsed);
  *done = false;
  return Status::OK();
}

// The smallest string above every string that starts with `s`; "" when there is none.
std::string Successor(std::string s) {
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xff) s.pop_back();
  if (!s.empty()) s.back() = static_cast<char>(s.back() + 1);
  return s;
}

bool EndsWith(std::string_view s, char c) { return !s.empty() && s.back() == c; }

}  // namespace

Status SurtKey(std::string_view url, std::string* key) {
  SurtUrl parsed;
  bool done = false;
  if (Status s = Prepare(url, &parsed, key, &done); !s.ok() || done) return s;
  key->clear();
  if (parsed.host.empty()) {
    key->append(parsed.scheme).push_back(':');
  } else {
    AppendReversedHost(parsed.host, key);
    if (parsed.port >= 0) key->append(":").append(std::to_string(parsed.port));
    key->push_back(')');
  }
  AppendPathAndQuery(parsed, key);
  return Status::OK();
}

Status SurtCanonicalUrl(std::string_view url, std::string* canonical) {
  SurtUrl parsed;
  bool done = false;
  if (Status s = Prepare(url, &parsed, canonical, &done); !s.ok() || done) return s;
  *canonical = parsed.scheme + ":";
  if (!parsed.host.empty()) {
    if (parsed.scheme != "dns") canonical->append("//");
    canonical->append(parsed.host);
    if (parsed.port >= 0) canonical->append(":").append(std::to_string(parsed.port));
  }
  AppendPathAndQuery(parsed, canonical);
  return Status::OK();
}

Status SurtSearchRange(std::string_view url, MatchType match, SurtRange* range) {
  if (url.empty()) return Status::InvalidArgument("empty URL for a key range");
  std::string key;
  if (Status s = SurtKey(url, &key); !s.ok()) return s;
  std::string host = key.substr(0, key.find(")/"));
  switch (match) {
    case MatchType::kExact:
      *range = {key, key + "!"};
      break;
    case MatchType::kPrefix:
      if (EndsWith(url, '/') && !EndsWith(key, '/')) {
        key.push_back('/');
      } else if (EndsWith(url, '?') && !EndsWith(key, '?')) {
        key.push_back('?');
      }
      *range = {key, Successor(key)};
      break;
    case MatchType::kHost:
      *range = {host + ")/", host + "*"};
      break;
    case MatchType::kDomain:
      *range = {host + (host.find(',') == npos ? "," : ")/"), host + "-"};
      break;
  }
  return Status::OK();
}

Status SurtHostPrefix(std::string_view host, bool include_subdomains, std::string* prefix) {
  for (char c : host) {
    if (static_cast<unsigned char>(c) <= 0x20 || std::string_view("/\\?#@").find(c) != npos) {
      return Status::InvalidArgument("not a host name: " + QuoteForError(host));
    }
  }
  std::string key;
  if (Status s = SurtKey("http://" + std::string(host) + "/", &key); !s.ok()) return s;
  if (key.size() < 3 || key.substr(key.size() - 2) != ")/") {
    return Status::InvalidArgument("host name " + QuoteForError(host) +
                                   " canonicalises to nothing");
  }
  *prefix = include_subdomains ? key.substr(0, key.size() - 2) : key;
  return Status::OK();
}

bool InSurtDomain(std::string_view key, std::string_view domain_prefix) {
  if (key.size() <= domain_prefix.size() || key.substr(0, domain_prefix.size()) != domain_prefix) {
    return false;
  }
  char next = key[domain_prefix.size()];
  return next == ')' || next == ',';
}

}  // namespace warcrawl::index
