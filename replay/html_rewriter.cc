#include "replay/html_rewriter.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "replay/archive_url.h"
#include "replay/css_rewriter.h"
#include "replay/html_attribute_value.h"
#include "warc/record.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

using warc::EqualsIgnoreCase;
using warc::text::IsAlpha;
using warc::text::LowerAscii;

constexpr size_t kNpos = std::string_view::npos;

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

size_t SkipHtmlSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsHtmlSpace(s[i])) ++i;
  return i;
}

bool StartsWithIgnoreCase(std::string_view s, size_t i, std::string_view lower) {
  return i <= s.size() && EqualsIgnoreCase(s.substr(i, lower.size()), lower);
}

// ---- The tokenizer.

struct Attribute {
  std::string_view name;
  std::string_view value;  // raw, quotes excluded
  size_t value_begin = 0;  // the value's span in the page, quotes included
  size_t value_end = 0;
  bool has_value = false;
};

// Reads a tag's attributes one at a time (HTML §13.2.5.32-39), keeping nothing, so a tag
// with a million attributes costs no memory.
class AttributeReader {
 public:
  AttributeReader(std::string_view s, size_t pos) : s_(s), pos_(pos) {}

  // False at the tag's '>' (end() is then just past it) or at the end of the input (end()
  // is then npos: the tag is unterminated).
  bool Next(Attribute* a) {
    size_t from = pos_;
    while (pos_ < s_.size() && (IsHtmlSpace(s_[pos_]) || s_[pos_] == '/')) ++pos_;
    if (pos_ >= s_.size()) return false;
    if (s_[pos_] == '>') {
      self_closing_ = pos_ > from && s_[pos_ - 1] == '/';
      end_ = ++pos_;
      return false;
    }
    size_t name_begin = pos_++;  // a leading '=' belongs to the name
    while (pos_ < s_.size() && !IsHtmlSpace(s_[pos_]) && s_[pos_] != '/' && s_[pos_] != '>' &&
           s_[pos_] != '=') {
      ++pos_;
    }
    *a = Attribute();
    a->name = s_.substr(name_begin, pos_ - name_begin);
    size_t eq = SkipHtmlSpace(s_, pos_);
    if (eq >= s_.size() || s_[eq] != '=') return true;
    size_t v = SkipHtmlSpace(s_, eq + 1);
    if (v >= s_.size()) return Unterminated();
    size_t value_begin = v, value_end = 0;
    if (s_[v] == '"' || s_[v] == '\'') {
      size_t close = s_.find(s_[v], v + 1);
      if (close == kNpos) return Unterminated();
      a->value = s_.substr(v + 1, close - v - 1);
      value_end = close + 1;
    } else {
      while (v < s_.size() && !IsHtmlSpace(s_[v]) && s_[v] != '>') ++v;
      a->value = s_.substr(value_begin, v - value_begin);
      value_end = v;
    }
    a->value_begin = value_begin;
    a->value_end = pos_ = value_end;
    a->has_value = true;
    return true;
  }

  size_t end() const { return end_; }
  bool self_closing() const { return self_closing_; }

 private:
  bool Unterminated() {
    pos_ = s_.size();
    return false;
  }

  std::string_view s_;
  size_t pos_;
  size_t end_ = kNpos;
  bool self_closing_ = false;
};

// A tag as the first pass over it sees it: enough to decide how to rewrite its attributes.
struct TagScan {
  std::string name;  // lowercased
  size_t attributes = 0;
  size_t end = kNpos;  // just past '>'; npos when unterminated
  bool self_closing = false;
  std::string_view rel, as, type, http_equiv;  // the first of each (HTML ignores the others)
};

TagScan ScanTag(std::string_view s, size_t name_begin) {
  TagScan tag;
  size_t i = name_begin;
  while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '/' && s[i] != '>') ++i;
  tag.name = LowerAscii(s.substr(name_begin, i - name_begin));
  tag.attributes = i;
  AttributeReader reader(s, i);
  Attribute a;
  bool seen[4] = {};
  std::string_view* fields[4] = {&tag.rel, &tag.as, &tag.type, &tag.http_equiv};
  constexpr std::string_view kNames[4] = {"rel", "as", "type", "http-equiv"};
  while (reader.Next(&a)) {
    for (int k = 0; k < 4; ++k) {
      if (!seen[k] && EqualsIgnoreCase(a.name, kNames[k])) {
        seen[k] = true;
        *fields[k] = a.value;
      }
    }
  }
  tag.end = reader.end();
  tag.self_closing = reader.self_closing();
  return tag;
}

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

// The modifier a <link> loads its href with, from its rel (and, for preload, its as).
std::string_view LinkModifier(const TagScan& tag) {
  std::string rel = LowerAscii(DecodeAttribute(tag.rel, Spelling::kUrl));
  std::string as = LowerAscii(DecodeAttribute(tag.as, Spelling::kUrl));
  bool icon = false, preload = false;
  for (size_t i = 0; i < rel.size();) {
    size_t end = i;
    while (end < rel.size() && !IsHtmlSpace(rel[end])) ++end;
    std::string_view token = std::string_view(rel).substr(i, end - i);
    if (token == "stylesheet") return kModStylesheet;
    icon = icon || IsOneOf(token, {"icon", "apple-touch-icon", "apple-touch-icon-precomposed"});
    preload = preload || token == "preload";
    i = SkipHtmlSpace(rel, end);
  }
  if (icon || (preload && as == "image")) return kModImage;
  if (preload && as == "style") return kModStylesheet;
  if (preload && as == "script") return kModScript;
  return "";
}

enum class Kind { kNone, kUrl, kSrcset, kCss, kRefresh };

struct UrlAttribute {
  std::string_view tag, attribute, modifier;
};

// The attributes holding one URL whose modifier depends on nothing else.
constexpr UrlAttribute kUrlAttributes[] = {
    {"a", "href", ""},
    {"area", "href", ""},
    {"base", "href", ""},
    {"form", "action", ""},
    {"blockquote", "cite", ""},
    {"q", "cite", ""},
    {"del", "cite", ""},
    {"ins", "cite", ""},
    {"img", "src", kModImage},
    {"video", "poster", kModImage},
    {"body", "background", kModImage},
    {"video", "src", kModEmbed},
    {"audio", "src", kModEmbed},
    {"track", "src", kModEmbed},
    {"embed", "src", kModEmbed},
    {"object", "data", kModEmbed},
    {"script", "src", kModScript},
    {"iframe", "src", kModFrame},
    {"frame", "src", kModFrame},
};

// Whether an attribute of this name can hold a URL or CSS on any element: most attributes
// of a page (class, id, rel, alt, title…) are passed over with this one check.
bool MayHoldUrl(std::string_view attr) {
  static constexpr std::string_view kNames[] = {
      "href",          "src",           "srcset",           "style",
      "action",        "cite",          "poster",           "background",
      "data",          "content",       "data-src",         "data-srcset",
      "data-lazy-src", "data-original", "data-lazy-srcset", "xlink:href"};
  for (std::string_view name : kNames) {
    if (attr.size() == name.size() && EqualsIgnoreCase(attr, name)) return true;
  }
  return false;
}

// What `attr` of `tag` holds, and the modifier its URLs are loaded with.
Kind Classify(const TagScan& tag, std::string_view attr, bool in_media, std::string_view* mod) {
  if (!MayHoldUrl(attr)) return Kind::kNone;
  const std::string& t = tag.name;
  *mod = kModImage;
  if (EqualsIgnoreCase(attr, "style")) return Kind::kCss;
  if (EqualsIgnoreCase(attr, "srcset") && (t == "img" || t == "source")) return Kind::kSrcset;
  if (EqualsIgnoreCase(attr, "src") && t == "source") {
    *mod = in_media ? kModEmbed : kModImage;
    return Kind::kUrl;
  }
  if (EqualsIgnoreCase(attr, "src") && t == "input") {
    return EqualsIgnoreCase(tag.type, "image") ? Kind::kUrl : Kind::kNone;
  }
  if (EqualsIgnoreCase(attr, "href") && t == "link") {
    *mod = LinkModifier(tag);
    return Kind::kUrl;
  }
  if (t == "img" || t == "source" || t == "iframe") {
    // Lazy loaders (WordPress's and most themes') copy these into src/srcset from a script.
    if (EqualsIgnoreCase(attr, "data-srcset") || EqualsIgnoreCase(attr, "data-lazy-srcset")) {
      return Kind::kSrcset;
    }
    if (EqualsIgnoreCase(attr, "data-src") || EqualsIgnoreCase(attr, "data-lazy-src") ||
        EqualsIgnoreCase(attr, "data-original")) {
      if (t == "iframe") *mod = kModFrame;
      return Kind::kUrl;
    }
  }
  if (t == "image" && (EqualsIgnoreCase(attr, "href") || EqualsIgnoreCase(attr, "xlink:href"))) {
    return Kind::kUrl;  // SVG <image>
  }
  *mod = "";
  if (EqualsIgnoreCase(attr, "content") && t == "meta") {
    bool refresh = EqualsIgnoreCase(DecodeAttribute(tag.http_equiv, Spelling::kUrl), "refresh");
    return refresh ? Kind::kRefresh : Kind::kNone;
  }
  for (const UrlAttribute& entry : kUrlAttributes) {
    if (entry.tag == t && EqualsIgnoreCase(attr, entry.attribute)) {
      *mod = entry.modifier;
      return Kind::kUrl;
    }
  }
  return Kind::kNone;
}

// Elements whose content is text up to their end tag: HTML §13.1.2's raw text and escapable
// raw text elements, <noscript> included as browsers running scripts read it.
bool IsRawTextElement(std::string_view name) {
  return IsOneOf(name, {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
                        "textarea", "title"});
}

class HtmlRewrite {
 public:
  // A nested rewrite (of <noscript> content) inserts nothing and sets no base.
  HtmlRewrite(std::string_view html, UrlRewriter* rewriter, const HtmlRewriteOptions& options,
              std::string* out, GrowthBudget* budget, bool nested)
      : html_(html),
        rewriter_(rewriter),
        options_(options),
        out_(out),
        budget_(*budget),
        head_done_(nested),
        banner_done_(nested),
        base_seen_(nested) {}

  // False when the budget ran out (the output is then incomplete).
  bool Run() {
    size_t i = 0;
    while (i < html_.size() && !budget_.exceeded()) {
      size_t lt = std::min(html_.find('<', i), html_.size());
      out_->append(html_.substr(i, lt - i));
      copied_ = lt;
      i = lt < html_.size() ? Markup(lt) : lt;
    }
    InsertHead();
    InsertBanner();
    return !budget_.exceeded();
  }

 private:
  // Copies or rewrites the construct starting with the '<' at `i`; returns its end.
  size_t Markup(size_t i) {
    std::string_view rest = html_.substr(i);
    char next = rest.size() > 1 ? rest[1] : '\0';
    if (rest.starts_with("<!--")) return CopyTo(CommentEnd(i + 4));
    if (rest.starts_with("<![CDATA[")) return CopyTo(FindEnd(i + 9, "]]>"));
    if (IsAlpha(next)) return StartTag(i);
    if (next == '/' && rest.size() > 2 && IsAlpha(rest[2])) return EndTag(i);
    if (next == '!' || next == '?' || next == '/') return CopyTo(FindEnd(i + 2, ">"));
    out_->push_back('<');  // a '<' in text
    return i + 1;
  }

  // HTML §13.2.5.43-52: "<!-->", "<!--->", then "-->" or "--!>".
  size_t CommentEnd(size_t i) const {
    if (html_.substr(i, 1) == ">") return i + 1;
    if (html_.substr(i, 2) == "->") return i + 2;
    for (size_t dash = html_.find("--", i); dash != kNpos; dash = html_.find("--", dash + 1)) {
      if (html_.substr(dash + 2, 1) == ">") return dash + 3;
      if (html_.substr(dash + 2, 2) == "!>") return dash + 4;
    }
    return html_.size();
  }

  size_t FindEnd(size_t i, std::string_view terminator) const {
    size_t at = html_.find(terminator, std::min(i, html_.size()));
    return at == kNpos ? html_.size() : at + terminator.size();
  }

  // Copies the page from where out_ stands to `end`.
  size_t CopyTo(size_t end) {
    out_->append(html_.substr(copied_, end - copied_));
    return copied_ = end;
  }

  size_t StartTag(size_t i) {
    TagScan tag = ScanTag(html_, i + 1);
    if (tag.end == kNpos) return CopyTo(html_.size());
    if (tag.name != "html" && tag.name != "head") InsertHead();
    WriteTag(tag);
    if (tag.name == "head") InsertHead();
    if (tag.name == "body") InsertBanner();
    if (tag.name == "video" || tag.name == "audio") ++media_depth_;
    bool foreign = foreign_depth_ > 0;
    if ((tag.name == "svg" || tag.name == "math") && !tag.self_closing) ++foreign_depth_;
    if (tag.name == "plaintext") return CopyTo(html_.size());
    if (!IsRawTextElement(tag.name) || (foreign && tag.self_closing)) return tag.end;
    return RawText(tag.name, tag.end);
  }

  size_t EndTag(size_t i) {
    TagScan tag = ScanTag(html_, i + 2);
    if (tag.end == kNpos) return CopyTo(html_.size());
    InsertHead();
    if (tag.name == "body" || tag.name == "html") InsertBanner();
    if ((tag.name == "video" || tag.name == "audio") && media_depth_ > 0) --media_depth_;
    if ((tag.name == "svg" || tag.name == "math") && foreign_depth_ > 0) --foreign_depth_;
    return CopyTo(tag.end);
  }

  // The text of a raw-text element up to "</name" followed by whitespace, '/' or '>'; the end
  // tag itself is left to the main loop.
  size_t RawText(std::string_view name, size_t begin) {
    size_t close = kNpos;
    for (size_t lt = html_.find("</", begin); lt != kNpos; lt = html_.find("</", lt + 2)) {
      size_t after = lt + 2 + name.size();
      if (StartsWithIgnoreCase(html_, lt + 2, name) && after < html_.size() &&
          (IsHtmlSpace(html_[after]) || html_[after] == '/' || html_[after] == '>')) {
        close = lt;
        break;
      }
    }
    if (close == kNpos) return CopyTo(html_.size());
    std::string_view text = html_.substr(begin, close - begin);
    if (name == "style") {
      out_->append(RewriteCss(text, *rewriter_, &budget_));
    } else if (name == "noscript") {  // markup to browsers without scripts
      HtmlRewrite(text, rewriter_, options_, out_, &budget_, true).Run();
    } else {
      return CopyTo(close);
    }
    return copied_ = close;
  }

  // Writes the tag from copied_ to its end, with its rewritten attribute values.
  void WriteTag(const TagScan& tag) {
    AttributeReader reader(html_, tag.attributes);
    Attribute a;
    while (reader.Next(&a)) {
      if ((tag.name == "script" || tag.name == "link") && EqualsIgnoreCase(a.name, "integrity")) {
        CopyTo(a.name.data() - html_.data());
        out_->append("_integrity");
        copied_ += a.name.size();
        continue;
      }
      std::string value;
      if (!a.has_value || !RewriteValue(tag, a, &value)) continue;
      CopyTo(a.value_begin);
      out_->append(QuoteAttribute(value));
      copied_ = a.value_end;
    }
    CopyTo(tag.end);
  }

  // The new value of attribute `a`; false when it is left as it is.
  bool RewriteValue(const TagScan& tag, const Attribute& a, std::string* value) {
    std::string_view mod;
    Kind kind = Classify(tag, a.name, media_depth_ > 0, &mod);
    if (kind == Kind::kNone || budget_.exceeded()) return false;
    std::string decoded =
        DecodeAttribute(a.value, kind == Kind::kCss ? Spelling::kCss : Spelling::kUrl);
    if (tag.name == "base" && kind == Kind::kUrl && !base_seen_) {
      base_seen_ = true;  // only the first <base href> counts (HTML's frozen base URL)
      rewriter_->SetBase(decoded);
    }
    if (kind == Kind::kSrcset) {
      *value = RewriteSrcset(decoded, *rewriter_, mod, &budget_);  // each URL is budgeted
    } else if (kind == Kind::kCss) {
      *value = RewriteCss(decoded, *rewriter_, &budget_);
    } else {
      *value = kind == Kind::kUrl ? rewriter_->Rewrite(decoded, mod)
                                  : RewriteRefresh(decoded, *rewriter_);
      if (*value != decoded && !budget_.Take(a.value.size(), value->size())) return false;
    }
    return *value != decoded;
  }

  void InsertHead() {
    if (!head_done_) out_->append(options_.head_insert);
    head_done_ = true;
  }
  void InsertBanner() {
    if (!banner_done_) out_->append(options_.banner);
    banner_done_ = true;
  }

  std::string_view html_;
  UrlRewriter* rewriter_;
  const HtmlRewriteOptions& options_;
  std::string* out_;
  GrowthBudget& budget_;
  size_t copied_ = 0;      // within a construct: how far html_ has been written to out_
  int media_depth_ = 0;    // open <video>/<audio>: their <source src> is media, not an image
  int foreign_depth_ = 0;  // open <svg>/<math>, where "<style/>" is an empty element
  bool head_done_;
  bool banner_done_;
  bool base_seen_;
};

}  // namespace

Status RewriteHtml(std::string_view html, UrlRewriter* rewriter, const HtmlRewriteOptions& options,
                   std::string* out) {
  if (rewriter == nullptr || out == nullptr) {
    return Status::InvalidArgument("RewriteHtml needs a rewriter and an output string");
  }
  out->clear();
  if (html.size() > kMaxRewrittenHtmlBytes) {
    return Status::InvalidArgument("page of " + std::to_string(html.size()) +
                                   " bytes is over the rewrite limit of " +
                                   std::to_string(kMaxRewrittenHtmlBytes) + " bytes");
  }
  out->reserve(html.size() + html.size() / 8 + options.head_insert.size() + options.banner.size());
  GrowthBudget budget(html.size());
  if (!HtmlRewrite(html, rewriter, options, out, &budget, false).Run()) {
    out->clear();
    return Status::InvalidArgument("rewriting would grow the page of " +
                                   std::to_string(html.size()) +
                                   " bytes by over 4 times its size (a long base URL?)");
  }
  return Status::OK();
}

}  // namespace warcrawl::replay
