#include "crawler/html_links.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <climits>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>

#include "crawler/css_links.h"
#include "crawler/html_charset.h"
#include "crawler/html_url_values.h"
#include "crawler/resolve_memo.h"
#include "index/url.h"
#include "warc/record.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

// Raw attribute values kept before resolution; more than the link cap, since several raw
// spellings may resolve to one URL.
constexpr size_t kMaxRawLinks = 2 * kMaxLinksPerPage;

// Page requisites: per element, the attributes holding a URL and those holding a srcset.
// <a>/<area>, <link>, <meta>, <base>, <input type=image> and style="" are handled apart.
struct EmbedRule {
  std::string_view element;
  std::string_view url_attributes;  // space separated, as are the lists below
  std::string_view srcset_attributes;
};
constexpr EmbedRule kEmbedRules[] = {
    {"img", "src data-src data-lazy-src", "srcset data-srcset data-lazy-srcset"},
    {"source", "src data-src", "srcset data-srcset"},
    {"iframe", "src data-src", ""},
    {"video", "src poster", ""},
    {"script", "src", ""},
    {"frame", "src", ""},
    {"audio", "src", ""},
    {"track", "src", ""},
    {"embed", "src", ""},
    {"object", "data", ""},
    {"body", "background", ""},
    {"table", "background", ""},
    {"tr", "background", ""},
    {"td", "background", ""},
    {"th", "background", ""}};

// <link rel> tokens whose target a browser loads with the page, and those naming other pages.
constexpr std::string_view kEmbedRels =
    "stylesheet icon preload modulepreload manifest mask-icon apple-touch-icon "
    "apple-touch-icon-precomposed";
constexpr std::string_view kNavigationRels =
    "next prev previous canonical alternate first last up amphtml";

constexpr LinkContext kNav = LinkContext::kNavigation;
constexpr LinkContext kEmbed = LinkContext::kEmbed;

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = text::LowerAscii(c);
  return out;
}

using warc::EqualsIgnoreCase;

// Whether `s` contains `lower` (lowercase), ignoring ASCII case.
bool ContainsIgnoreCase(std::string_view s, std::string_view lower) {
  for (size_t at = 0; at + lower.size() <= s.size(); ++at) {
    if (EqualsIgnoreCase(s.substr(at, lower.size()), lower)) return true;
  }
  return false;
}

// Whether `token` is one of the words of `list` (single-space separated).
bool HasToken(std::string_view list, std::string_view token) {
  for (size_t at = list.find(token); at != std::string_view::npos; at = list.find(token, at + 1)) {
    size_t end = at + token.size();
    if ((at == 0 || list[at - 1] == ' ') && (end == list.size() || list[end] == ' ')) return true;
  }
  return false;
}

const EmbedRule* FindEmbedRule(std::string_view element) {
  for (const EmbedRule& rule : kEmbedRules) {
    if (rule.element == element) return &rule;
  }
  return nullptr;
}

struct RawLink {
  std::string value;
  LinkContext context;
  std::string element, attribute, rel, type;
  bool nofollow = false;
  bool in_comments = false;
};

using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

std::optional<std::string_view> Find(const Attributes& attrs, std::string_view name) {
  for (const auto& [key, value] : attrs) {
    if (key == name) return value;
  }
  return std::nullopt;
}

bool HasCommentMarker(const Attributes& attrs) {
  for (const auto& [key, value] : attrs) {
    if ((key == "id" || key == "class") && ContainsIgnoreCase(value, "comment")) {
      return true;
    }
  }
  return false;
}

// The SAX side: turns the parser's element events into raw links.
class Collector {
 public:
  explicit Collector(htmlParserCtxtPtr ctxt) : ctxt_(ctxt) {}

  void StartElement(std::string_view name, const xmlChar** atts);
  void EndElement();
  void Text(std::string_view chunk) {
    if (style_depth_ != 0 && style_depth_ == depth_) style_text_.append(chunk);
  }

  std::vector<RawLink>* raw() { return &raw_; }
  const std::optional<std::string>& base_href() const { return base_href_; }
  bool truncated() const { return truncated_; }

  // Ends the parse early; the links so far stand.
  void Stop() {
    truncated_ = true;
    xmlStopParser(ctxt_);
  }

 private:
  // The rel/type/nofollow of the element being visited, copied into its links.
  struct Current {
    std::string_view element;
    std::string rel, type;
    bool nofollow = false;
  };

  void Add(std::string_view value, LinkContext context, std::string_view attribute);
  void AddSrcset(std::string_view srcset, std::string_view attribute);
  void AddCss(std::string_view css, std::string_view attribute);
  void VisitLink(const Attributes& attrs);
  void VisitMeta(const Attributes& attrs);

  htmlParserCtxtPtr ctxt_;
  Current current_;
  int depth_ = 0;
  int comment_depth_ = 0;  // depth of the element that opened a comments block, or 0
  int style_depth_ = 0;    // depth of an open <style>, or 0
  std::string style_text_;
  std::optional<std::string> base_href_;
  Attributes attrs_;  // of the element being visited; reused
  std::vector<RawLink> raw_;
  std::unordered_set<std::string> seen_;  // value + context of raw_
  bool truncated_ = false;
};

void Collector::Add(std::string_view value, LinkContext context, std::string_view attribute) {
  std::string url = CleanUrlValue(value);
  if (url.empty() || HasOtherScheme(url) || truncated_) return;
  std::string key = url;
  key.push_back(static_cast<char>('0' + static_cast<int>(context)));
  if (!seen_.insert(std::move(key)).second) return;
  if (raw_.size() == kMaxRawLinks) return Stop();
  raw_.push_back(RawLink{std::move(url), context, std::string(current_.element),
                         std::string(attribute), current_.rel, current_.type, current_.nofollow,
                         comment_depth_ != 0});
}

void Collector::AddSrcset(std::string_view srcset, std::string_view attribute) {
  for (std::string_view url : SrcsetUrls(srcset)) Add(url, kEmbed, attribute);
}

void Collector::AddCss(std::string_view css, std::string_view attribute) {
  std::vector<std::string> urls;
  ExtractCssUrls(css, &urls);
  for (const std::string& url : urls) Add(url, kEmbed, attribute);
}

void Collector::VisitLink(const Attributes& attrs) {
  bool embed = false, navigation = false;
  for (std::string_view token : SplitOnHtmlSpace(current_.rel)) {
    embed = embed || HasToken(kEmbedRels, token);
    navigation = navigation || HasToken(kNavigationRels, token);
  }
  if (!embed && !navigation) return;
  if (std::optional<std::string_view> href = Find(attrs, "href")) {
    Add(*href, embed ? kEmbed : kNav, "href");
  }
  std::optional<std::string_view> srcset = Find(attrs, "imagesrcset");
  if (embed && srcset) AddSrcset(*srcset, "imagesrcset");
}

void Collector::VisitMeta(const Attributes& attrs) {
  std::optional<std::string_view> equiv = Find(attrs, "http-equiv");
  std::optional<std::string_view> content = Find(attrs, "content");
  if (!equiv || !content || !EqualsIgnoreCase(TrimHtmlSpace(*equiv), "refresh")) return;
  if (std::optional<std::string_view> url = RefreshUrl(*content)) {
    Add(*url, LinkContext::kRefresh, "content");
  }
}

void Collector::StartElement(std::string_view name, const xmlChar** atts) {
  if (++depth_ > kMaxHtmlDepth) return Stop();
  Attributes& attrs = attrs_;
  attrs.clear();
  for (size_t i = 0; atts != nullptr && atts[i] != nullptr; i += 2) {
    if (atts[i + 1] == nullptr) continue;  // <a href>: no value
    attrs.emplace_back(reinterpret_cast<const char*>(atts[i]),
                       reinterpret_cast<const char*>(atts[i + 1]));
  }
  if (comment_depth_ == 0 && HasCommentMarker(attrs)) comment_depth_ = depth_;
  current_ = Current();
  current_.element = name;
  if (name == "a" || name == "area" || name == "link") {
    for (std::string_view token : SplitOnHtmlSpace(Find(attrs, "rel").value_or(""))) {
      if (!current_.rel.empty()) current_.rel.push_back(' ');
      current_.rel += Lowercase(token);
    }
    current_.nofollow = HasToken(current_.rel, "nofollow");
  }
  if (name == "link") {
    current_.type = Lowercase(TrimHtmlSpace(Find(attrs, "type").value_or("")));
    VisitLink(attrs);
  } else if (name == "meta") {
    VisitMeta(attrs);
  } else if (name == "base") {
    std::optional<std::string_view> href = Find(attrs, "href");
    if (href && !base_href_) base_href_ = std::string(*href);
  } else if (name == "style") {
    style_depth_ = depth_;
    style_text_.clear();
  }
  bool image_input =
      name == "input" && EqualsIgnoreCase(TrimHtmlSpace(Find(attrs, "type").value_or("")), "image");
  bool anchor = name == "a" || name == "area";
  const EmbedRule* rule = FindEmbedRule(name);
  for (const auto& [key, value] : attrs) {
    if (key == "style") AddCss(value, "style");
    if (anchor && key == "href") Add(value, kNav, key);
    if ((image_input && key == "src") || (rule && HasToken(rule->url_attributes, key))) {
      Add(value, kEmbed, key);
    }
    if (rule && HasToken(rule->srcset_attributes, key)) AddSrcset(value, key);
  }
}

void Collector::EndElement() {
  if (style_depth_ != 0 && style_depth_ == depth_) {
    current_ = Current();
    current_.element = "style";
    AddCss(style_text_, "");
    style_depth_ = 0;
    style_text_.clear();
  }
  if (comment_depth_ == depth_) comment_depth_ = 0;
  --depth_;
}

// Runs a SAX callback. No exception may unwind through libxml2's C frames: an allocation
// failure ends the parse instead, reported as truncation.
template <typename Callback>
void Guarded(void* ctx, Callback callback) {
  auto* collector = static_cast<Collector*>(static_cast<htmlParserCtxtPtr>(ctx)->_private);
  try {
    callback(collector);
  } catch (const std::exception&) {
    collector->Stop();
  }
}

void OnStartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
  Guarded(ctx, [&](Collector* c) { c->StartElement(reinterpret_cast<const char*>(name), atts); });
}
void OnEndElement(void* ctx, const xmlChar*) {
  Guarded(ctx, [](Collector* c) { c->EndElement(); });
}
void OnText(void* ctx, const xmlChar* chunk, int len) {
  Guarded(ctx, [&](Collector* c) {
    c->Text({reinterpret_cast<const char*>(chunk), static_cast<size_t>(len)});
  });
}

struct ParserCtxtDeleter {
  void operator()(htmlParserCtxtPtr ctxt) const { htmlFreeParserCtxt(ctxt); }
};
struct DocDeleter {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

// Runs libxml2 over UTF-8 `html`, feeding `collector`.
void Parse(std::string_view html, Collector* collector, htmlParserCtxtPtr ctxt) {
  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = OnStartElement;
  sax.endElement = OnEndElement;
  sax.characters = OnText;
  sax.cdataBlock = OnText;  // the text of <style> arrives here
  *ctxt->sax = sax;
  ctxt->_private = collector;
  // "UTF-8" given explicitly also keeps libxml2 from switching on a <meta charset>.
  std::unique_ptr<xmlDoc, DocDeleter> doc(htmlCtxtReadMemory(
      ctxt, html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
}

// The first <base href> if it resolves to a URL with a host (javascript: or garbage leave the
// page URL in force).
index::Url EffectiveBase(const index::Url& page, const std::optional<std::string>& href) {
  index::Url base;
  if (!href || !index::ResolveUrl(page, CleanUrlValue(*href), &base).ok() ||
      !base.has_authority()) {
    base = page;
  }
  base.fragment.reset();
  return base;
}

std::string DisplayUrl(const index::Url& url) {
  index::Url normalized = url;
  if (index::NormalizeUrl(&normalized).ok()) return normalized.ToString();
  return url.ToString();
}

// The absolute, normalized http(s) form of `raw`, or nullopt.
std::optional<std::string> ResolveLink(const index::Url& base, std::string_view raw,
                                       std::string_view charset) {
  index::Url url;
  if (!index::ResolveUrl(base, raw, &url).ok()) return std::nullopt;
  if ((url.scheme != "http" && url.scheme != "https") || !url.has_authority()) {
    return std::nullopt;
  }
  url.fragment.reset();
  if (url.query && !text::IsAscii(*url.query)) {
    *url.query = EncodeQueryInCharset(*url.query, charset);
  }
  if (!index::NormalizeUrl(&url).ok()) return std::nullopt;
  return url.ToString();
}

// Resolves, filters and deduplicates `raw` into out->links.
void Resolve(std::vector<RawLink>* raw_links, const index::Url& base, HtmlLinks* out) {
  thread_local ResolveMemo memo;
  std::unordered_set<std::string> seen;
  std::string memo_key;
  for (RawLink& raw : *raw_links) {
    std::optional<std::string> url;
    if (!ResolveMemo::Key(base, raw.value, out->charset, &memo_key)) {
      url = ResolveLink(base, raw.value, out->charset);
    } else if (const std::optional<std::string>* known = memo.Find(memo_key)) {
      url = *known;
    } else {
      url = ResolveLink(base, raw.value, out->charset);
      memo.Remember(memo_key, url);
    }
    if (!url) continue;
    std::string key = *url;
    key.push_back(static_cast<char>('0' + static_cast<int>(raw.context)));
    if (!seen.insert(std::move(key)).second) continue;
    if (out->links.size() == kMaxLinksPerPage) {
      out->truncated = true;
      return;
    }
    out->links.push_back(ExtractedLink{std::move(*url), raw.context, std::move(raw.element),
                                       std::move(raw.attribute), std::move(raw.rel),
                                       std::move(raw.type), raw.nofollow, raw.in_comments});
  }
}

void InitLibxml2Once() {
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
}

}  // namespace

Status ExtractHtmlLinks(std::string_view html, std::string_view page_url,
                        std::string_view http_charset, HtmlLinks* out) {
  *out = HtmlLinks();
  index::Url page;
  if (Status s = index::ParseUrl(page_url, &page); !s.ok()) {
    return Status::InvalidArgument("page URL: " + s.message());
  }
  InitLibxml2Once();
  out->charset = SniffHtmlCharset(html, http_charset);
  std::string utf8;
  if (!DecodeHtmlToUtf8(html, out->charset, &utf8).ok()) {
    out->charset = "windows-1252";
    (void)DecodeHtmlToUtf8(html, out->charset, &utf8);
  }
  if (utf8.size() > INT_MAX) {  // libxml2 takes an int size; cut at a character boundary
    size_t cut = INT_MAX;
    while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
    utf8.resize(cut);
    out->truncated = true;
  }
  std::unique_ptr<htmlParserCtxt, ParserCtxtDeleter> ctxt(htmlNewParserCtxt());
  if (ctxt == nullptr) return Status::IOError("libxml2 could not allocate a parser");
  Collector collector(ctxt.get());
  Parse(utf8, &collector, ctxt.get());
  out->truncated = out->truncated || collector.truncated();
  index::Url base = EffectiveBase(page, collector.base_href());
  out->base_url = DisplayUrl(base);
  Resolve(collector.raw(), base, out);
  return Status::OK();
}

}  // namespace warcrawl::crawler
