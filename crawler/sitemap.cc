#include "crawler/sitemap.h"

#include <utility>

#include "crawler/feed.h"
#include "crawler/xml_doc.h"
#include "index/url.h"
#include "warc/content_decoder.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

// A W3C datetime is at most 35 characters; anything much longer is not a date.
constexpr size_t kMaxLastmodBytes = 64;

bool IsGzip(std::string_view body) {
  return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
         static_cast<unsigned char>(body[1]) == 0x8b;
}

// The protocol caps a sitemap at kSitemapMaxBytes uncompressed, so a stream inflating past
// it is refused outright. A damaged or cut-off stream keeps what inflated before the damage.
Status Inflate(std::string_view body, std::string* out, bool* truncated) {
  Status s = warc::DecodeContent({"gzip"}, body, kSitemapMaxBytes, out);
  if (s.ok()) return s;
  if (out->empty()) return Status::Corruption("gzip'd sitemap: " + s.message());
  *truncated = true;
  return Status::OK();
}

std::string_view SkipBomAndSpace(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  return TrimXmlSpace(body);
}

class SitemapHandler : public XmlHandler {
 public:
  SitemapHandler(const index::Url& base, Sitemap* out) : base_(base), out_(out) {}

  bool is_sitemap() const { return is_sitemap_; }

  bool OnStart(const XmlElement& e) override {
    if (e.depth == 0) {
      out_->is_index = e.local == "sitemapindex";
      is_sitemap_ = out_->is_index || e.local == "urlset";
      root_ns_ = e.ns;
      return is_sitemap_;
    }
    if (e.depth == 1) {
      in_entry_ = InVocabulary(e) && e.local == (out_->is_index ? "sitemap" : "url");
      has_loc_ = false;
      loc_.clear();
      lastmod_.clear();
    }
    return true;
  }

  bool OnEnd(const XmlElement& e, std::string_view text) override {
    if (!in_entry_) return true;
    if (e.depth == 1) {
      in_entry_ = false;
      return Add();
    }
    if (e.depth != 2 || !InVocabulary(e)) return true;
    if (e.local == "loc" && !has_loc_) {
      loc_ = text;
      has_loc_ = true;
    } else if (e.local == "lastmod") {
      lastmod_ = TrimXmlSpace(text);
    }
    return true;
  }

 private:
  // Extensions (image:loc, video:*, xhtml:link) sit in other namespaces and are not entries.
  bool InVocabulary(const XmlElement& e) const {
    return e.ns == root_ns_ || (e.ns.empty() && e.prefix.empty());
  }

  bool Add() {
    std::string url;
    if (!has_loc_ || !ResolveLink(base_, loc_, &url)) return true;
    if (out_->entries.size() == kSitemapMaxUrls) {
      out_->truncated = true;
      return false;
    }
    if (lastmod_.size() > kMaxLastmodBytes) lastmod_.clear();
    out_->entries.push_back({std::move(url), std::move(lastmod_)});
    return true;
  }

  const index::Url& base_;
  Sitemap* out_;
  bool is_sitemap_ = false;
  std::string root_ns_;
  bool in_entry_ = false;
  bool has_loc_ = false;
  std::string loc_;
  std::string lastmod_;
};

// Google and others take RSS 2.0 and Atom feeds as sitemaps: the items' pages are the URLs.
void FeedToSitemap(const Feed& feed, Sitemap* out) {
  out->truncated = out->truncated || feed.truncated;
  for (const FeedItem& item : feed.items) {
    if (item.link.empty()) continue;
    if (out->entries.size() == kSitemapMaxUrls) {
      out->truncated = true;
      return;
    }
    out->entries.push_back({item.link, item.published});
  }
}

std::string_view NextLine(std::string_view* rest) {
  size_t end = rest->find('\n');
  std::string_view line = rest->substr(0, end);
  rest->remove_prefix(end == std::string_view::npos ? rest->size() : end + 1);
  return line;
}

bool ParseAbsoluteHttpUrl(std::string_view line, std::string* url) {
  index::Url parsed;
  if (!index::ParseUrl(line, &parsed).ok()) return false;
  if ((parsed.scheme != "http" && parsed.scheme != "https") || !parsed.host.has_value() ||
      parsed.host->empty()) {
    return false;
  }
  parsed.fragment.reset();
  *url = parsed.ToString();
  return true;
}

// The protocol's text form: one absolute URL per line. Lines that are not one are skipped,
// but a body with none at all is not a sitemap.
Status ParseTextSitemap(std::string_view body, std::string_view xml_error, Sitemap* out) {
  std::string first_bad;
  size_t line_number = 0;
  while (!body.empty()) {
    std::string_view line = TrimXmlSpace(NextLine(&body));
    ++line_number;
    std::string url;
    if (line.empty()) continue;
    if (!ParseAbsoluteHttpUrl(line, &url)) {
      if (first_bad.empty()) {
        first_bad = "line " + std::to_string(line_number) + ": " + text::QuoteForError(line);
      }
      continue;
    }
    if (out->entries.size() == kSitemapMaxUrls) {
      out->truncated = true;
      break;
    }
    out->entries.push_back({std::move(url), ""});
  }
  if (!out->entries.empty()) return Status::OK();
  std::string why = "not a sitemap: ";
  if (!xml_error.empty()) why += "not XML (" + std::string(xml_error) + ") and ";
  return Status::Corruption(why + "no line is an absolute http(s) URL (" + first_bad + ")");
}

Status FinishXmlSitemap(std::string_view body, std::string_view sitemap_url,
                        const XmlOutcome& outcome, const SitemapHandler& handler, Sitemap* out) {
  if (handler.is_sitemap()) {
    if (!outcome.root_closed) out->truncated = true;
    return Status::OK();
  }
  Feed feed;
  if (ParseFeed(body, sitemap_url, &feed).ok()) {
    out->is_index = false;
    FeedToSitemap(feed, out);
    return Status::OK();
  }
  return Status::InvalidArgument("not a sitemap: the root element is " +
                                 text::QuoteForError(outcome.root) +
                                 ", not <urlset>, <sitemapindex> or a feed");
}

}  // namespace

Status ParseSitemap(std::string_view body, std::string_view sitemap_url, Sitemap* out) {
  *out = Sitemap();
  index::Url base;
  Status s = ParseDocumentUrl(sitemap_url, "sitemap URL", &base);
  if (!s.ok()) return s;
  std::string inflated;
  if (IsGzip(body)) {
    s = Inflate(body, &inflated, &out->truncated);
    if (!s.ok()) return s;
    body = inflated;
  }
  if (body.size() > kSitemapMaxBytes) {
    body = body.substr(0, kSitemapMaxBytes);
    out->truncated = true;
  }
  std::string_view content = SkipBomAndSpace(body);
  if (content.empty()) return Status::Corruption("empty sitemap: the body is blank");
  std::string xml_error;
  if (content.front() == '<') {
    SitemapHandler handler(base, out);
    XmlOutcome outcome;
    s = ParseXml(body, &handler, &outcome);
    if (!s.ok()) return s;
    if (!outcome.root.empty()) {
      return FinishXmlSitemap(body, sitemap_url, outcome, handler, out);
    }
    xml_error = outcome.first_error;  // no element at all: perhaps the text form
  }
  // A cut body may end inside a URL; a partial last line must not pass for a whole one.
  if (out->truncated) content = content.substr(0, content.rfind('\n') + 1);
  return ParseTextSitemap(content, xml_error, out);
}

}  // namespace warcrawl::crawler
