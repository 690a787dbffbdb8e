#include "replay/url_rewriter.h"

#include <algorithm>

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

size_t SkipHtmlSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsHtmlSpace(s[i])) ++i;
  return i;
}

// HTML's shared declarative refresh steps: the span of the URL in a refresh value
// ("5; url='x'"), or false when it names none.
bool RefreshUrlSpan(std::string_view s, size_t* begin, size_t* end) {
  size_t i = SkipHtmlSpace(s, 0), digits = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == digits && (i >= s.size() || s[i] != '.')) return false;
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '.')) ++i;
  if (i >= s.size() || (s[i] != ';' && s[i] != ',' && !IsHtmlSpace(s[i]))) return false;
  i = SkipHtmlSpace(s, i);
  if (i < s.size() && (s[i] == ';' || s[i] == ',')) ++i;
  i = SkipHtmlSpace(s, i);
  if (i >= s.size()) return false;
  *begin = i;
  *end = s.size();
  if (StartsWithIgnoreCase(s.substr(i), "url")) {
    size_t eq = SkipHtmlSpace(s, i + 3);
    if (eq >= s.size() || s[eq] != '=') return true;  // "url…" is the URL itself
    i = SkipHtmlSpace(s, eq + 1);
  }
  *begin = i;
  if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
    *begin = i + 1;
    *end = std::min(s.find(s[i], i + 1), s.size());
  }
  return true;
}

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
  char mark = HideTrailBytes(&clean);
  Status status = has_base_        ? index::ResolveUrl(base_, clean, url)
                  : scheme.empty() ? Status::InvalidArgument("relative without a base")
                                   : index::ParseUrl(clean, url);
  if (!status.ok() || !IsHttp(url->scheme)) return false;
  if (mark != 0) {
    for (std::string* part :
         {&url->path, url->query ? &*url->query : nullptr,
          url->fragment ? &*url->fragment : nullptr, url->host ? &*url->host : nullptr,
          url->userinfo ? &*url->userinfo : nullptr}) {
      if (part != nullptr) std::replace(part->begin(), part->end(), mark, '\\');
    }
  }
  return true;
}

// Shift_JIS, Big5 and GBK have characters whose second byte is 0x5C (Shift_JIS "表" is
// 0x95 0x5C), which ParseUrl would read as a '\\' and turn into '/'. Each 0x5C right after a
// byte >= 0x81 is swapped for a high byte that neither `s` nor the base uses (returned, or 0).
char UrlRewriter::HideTrailBytes(std::string* s) const {
  auto is_trail = [s](size_t i) {
    return i > 0 && (*s)[i] == '\\' && static_cast<unsigned char>((*s)[i - 1]) >= 0x81;
  };
  size_t first = 1;
  while (first < s->size() && !is_trail(first)) ++first;
  if (first >= s->size()) return 0;
  bool used[256] = {};
  for (unsigned char c : *s) used[c] = true;
  if (has_base_) {
    for (unsigned char c : base_.ToString()) used[c] = true;
  }
  int mark = 0x80;
  while (mark < 256 && used[mark]) ++mark;
  if (mark == 256) return 0;
  for (size_t i = s->size() - 1; i >= first; --i) {  // backwards: (*s)[i - 1] is still original
    if (is_trail(i)) (*s)[i] = static_cast<char>(mark);
  }
  return static_cast<char>(mark);
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

std::string RewriteSrcset(std::string_view s, const UrlRewriter& rewriter,
                          std::string_view modifier, GrowthBudget* budget) {
  GrowthBudget own(s.size());
  if (budget == nullptr) budget = &own;
  std::string out;
  size_t copied = 0, i = 0;
  while (i < s.size() && !budget->exceeded()) {
    while (i < s.size() && (IsHtmlSpace(s[i]) || s[i] == ',')) ++i;
    if (i >= s.size()) break;
    size_t begin = i;
    while (i < s.size() && !IsHtmlSpace(s[i])) ++i;
    size_t end = i;
    bool descriptors = s[end - 1] != ',';
    while (s[end - 1] == ',') --end;
    std::string_view url = s.substr(begin, end - begin);
    std::string rewritten = rewriter.Rewrite(url, modifier);
    if (rewritten != url && budget->Take(url.size(), rewritten.size())) {
      out.append(s.substr(copied, begin - copied)).append(rewritten);
      copied = end;
    }
    for (bool in_parens = false; descriptors && i < s.size(); ++i) {
      if (s[i] == ',' && !in_parens) break;
      if (s[i] == '(' || s[i] == ')') in_parens = s[i] == '(';
    }
  }
  out.append(s.substr(copied));
  return out;
}

std::string RewriteRefresh(std::string_view s, const UrlRewriter& rewriter) {
  size_t begin = 0, end = 0;
  if (!RefreshUrlSpan(s, &begin, &end)) return std::string(s);
  std::string url = rewriter.Rewrite(s.substr(begin, end - begin), "");
  return std::string(s.substr(0, begin)) + url + std::string(s.substr(end));
}

}  // namespace warcrawl::replay
