#include "replay/url_rewriter.h"

#include "replay/archive_url.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

using warc::text::IsAlnum;
using warc::text::IsAlpha;
using warc::text::IsDigit;
using warc::text::LowerAscii;

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerAscii(s[i]) != LowerAscii(prefix[i])) return false;
  }
  return true;
}

// The URL Standard drops tabs and newlines anywhere in a URL before parsing it.
std::string DropTabsAndNewlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

// The lowercased scheme `s` starts with, or "" for a reference without one.
std::string SchemeOf(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return {};
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return LowerAscii(s.substr(0, i));
    if (!IsAlnum(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

bool IsHttp(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

}  // namespace

UrlRewriter::UrlRewriter(std::string_view collection, std::string_view timestamp,
                         std::string_view page_url, std::string_view replay_origin)
    : collection_(collection),
      timestamp_(timestamp),
      collection_path_(CollectionPath(collection)),
      replay_origin_(replay_origin) {
  while (!replay_origin_.empty() && replay_origin_.back() == '/') replay_origin_.pop_back();
  index::Url url;
  std::string page = DropTabsAndNewlines(TrimHtmlSpace(page_url));
  has_base_ = index::ParseUrl(page, &url).ok() && IsHttp(url.scheme);
  if (has_base_) base_ = std::move(url);
}

// The part of `reference` from "/{collection}/{digit}" on when it is an archive URL of this
// collection (path-absolute, or on the replay origin with or without its scheme), else "".
std::string_view UrlRewriter::ArchivePath(std::string_view reference) const {
  std::string_view path = reference;
  if (!replay_origin_.empty()) {
    size_t colon = replay_origin_.find("://");
    std::string_view origin = replay_origin_;
    std::string_view schemeless =
        colon == std::string::npos ? origin : origin.substr(colon + 1);  // "//host:port"
    if (StartsWithIgnoreCase(path, origin)) {
      path.remove_prefix(origin.size());
    } else if (StartsWithIgnoreCase(path, schemeless)) {
      path.remove_prefix(schemeless.size());
    }
  }
  if (path.size() > collection_path_.size() &&
      path.substr(0, collection_path_.size()) == collection_path_ &&
      IsDigit(path[collection_path_.size()])) {
    return path;
  }
  return {};
}

bool UrlRewriter::Resolve(std::string_view reference, index::Url* url) const {
  std::string clean = DropTabsAndNewlines(reference);
  std::string scheme = SchemeOf(clean);
  if (!scheme.empty() && !IsHttp(scheme)) return false;
  Status status = has_base_        ? index::ResolveUrl(base_, clean, url)
                  : scheme.empty() ? Status::InvalidArgument("relative without a base")
                                   : index::ParseUrl(clean, url);
  return status.ok() && IsHttp(url->scheme);
}

std::string UrlRewriter::Rewrite(std::string_view reference, std::string_view modifier) const {
  std::string_view trimmed = TrimHtmlSpace(reference);
  if (trimmed.empty() || trimmed[0] == '#' || !ArchivePath(trimmed).empty()) {
    return std::string(reference);
  }
  index::Url url;
  if (!Resolve(trimmed, &url)) return std::string(reference);
  return ArchiveUrl(collection_, timestamp_, modifier, url.ToString());
}

void UrlRewriter::SetBase(std::string_view href) {
  std::string_view target = TrimHtmlSpace(href);
  if (std::string_view path = ArchivePath(target); !path.empty()) {
    // "/{collection}/{digits}{modifier}/{url}": the base is the archived URL.
    size_t i = collection_path_.size();
    while (i < path.size() && IsDigit(path[i])) ++i;
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos || slash - i > 3) return;
    target = path.substr(slash + 1);
  }
  index::Url url;
  if (target.empty() || !Resolve(target, &url)) return;
  base_ = std::move(url);
  has_base_ = true;
}

bool GrowthBudget::Take(size_t from, size_t to) {
  if (exceeded_) return false;
  if (to <= from) return true;
  if (to - from > remaining_) {
    exceeded_ = true;
    return false;
  }
  remaining_ -= to - from;
  return true;
}

void AppendCodePointToUrl(uint32_t cp, std::string* out) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string utf8;
  warc::text::AppendUtf8(cp, &utf8);
  for (char c : utf8) {
    auto u = static_cast<unsigned char>(c);
    out->push_back('%');
    out->push_back(kHex[u >> 4]);
    out->push_back(kHex[u & 15]);
  }
}

}  // namespace warcrawl::replay
