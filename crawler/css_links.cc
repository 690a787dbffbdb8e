#include "crawler/css_links.h"

#include <cstdint>
#include <optional>

#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

bool IsNewline(char c) { return c == '\n' || c == '\r' || c == '\f'; }
bool IsCssSpace(char c) { return c == ' ' || c == '\t' || IsNewline(c); }
bool IsNameChar(char c) {
  return text::IsAlnum(c) || c == '_' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}
// Bytes that make an unquoted url( bad (CSS Syntax §4.3.6).
bool IsBadUrlChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return c == '"' || c == '\'' || c == '(' || u <= 0x08 || u == 0x0B || (u >= 0x0E && u <= 0x1F) ||
         u == 0x7F;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (text::LowerAscii(a[i]) != text::LowerAscii(b[i])) return false;
  }
  return true;
}

// A simplified CSS tokenizer: it tracks only what decides whether a token is a URL.
class CssScanner {
 public:
  CssScanner(std::string_view css, std::vector<std::string>* urls) : s_(css), urls_(urls) {}
  void Run();

 private:
  bool ValidEscapeAt(size_t i) const { return i < s_.size() && s_[i] == '\\' && !NextIsNewline(i); }
  bool NextIsNewline(size_t i) const { return i + 1 < s_.size() && IsNewline(s_[i + 1]); }
  void SkipSpace() {
    while (pos_ < s_.size() && IsCssSpace(s_[pos_])) ++pos_;
  }
  void ConsumeEscape(std::string* out);
  std::string ConsumeName();
  std::optional<std::string> ConsumeString();
  void ConsumeUrl();
  void ConsumeBadUrlRemnants();
  void OnWord(const std::string& word);
  void OnString(std::string value);
  void Emit(std::string url) {
    if (!url.empty()) urls_->push_back(std::move(url));
  }

  std::string_view s_;
  std::vector<std::string>* urls_;
  size_t pos_ = 0;
  size_t depth_ = 0;            // open '(' and functions
  size_t image_set_depth_ = 0;  // depth_ just inside an open image-set(), or 0
  bool after_import_ = false;   // the last token was @import
};

// §4.3.7, with pos_ just after the backslash.
void CssScanner::ConsumeEscape(std::string* out) {
  if (pos_ >= s_.size()) {
    out->append("\xEF\xBF\xBD");
    return;
  }
  if (text::HexDigitValue(s_[pos_]) < 0) {
    out->push_back(s_[pos_++]);
    return;
  }
  uint32_t cp = 0;
  for (int n = 0; n < 6 && pos_ < s_.size() && text::HexDigitValue(s_[pos_]) >= 0; ++n) {
    cp = cp * 16 + static_cast<uint32_t>(text::HexDigitValue(s_[pos_++]));
  }
  if (pos_ < s_.size() && IsCssSpace(s_[pos_])) {
    pos_ += (s_.substr(pos_, 2) == "\r\n") ? 2 : 1;
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  warc::text::AppendUtf8(cp, out);
}

// An ident, or the name part of a number, dimension, hash or at-keyword.
std::string CssScanner::ConsumeName() {
  std::string name;
  while (pos_ < s_.size()) {
    if (IsNameChar(s_[pos_])) {
      name.push_back(s_[pos_++]);
    } else if (ValidEscapeAt(pos_)) {
      ++pos_;
      ConsumeEscape(&name);
    } else {
      break;
    }
  }
  return name;
}

// §4.3.5 with pos_ at the quote; nullopt for a bad string (cut by a raw newline).
std::optional<std::string> CssScanner::ConsumeString() {
  char quote = s_[pos_++];
  std::string value;
  while (pos_ < s_.size()) {
    char c = s_[pos_];
    if (c == quote) {
      ++pos_;
      return value;
    }
    if (IsNewline(c)) return std::nullopt;
    ++pos_;
    if (c != '\\') {
      value.push_back(c);
    } else if (pos_ < s_.size() && IsNewline(s_[pos_])) {
      pos_ += (s_.substr(pos_, 2) == "\r\n") ? 2 : 1;  // a line continuation
    } else if (pos_ < s_.size()) {
      ConsumeEscape(&value);
    }
  }
  return value;  // EOF ends a string without error
}

// §4.3.6 with pos_ after "url(" and its whitespace; the input's end closes the token.
void CssScanner::ConsumeUrl() {
  std::string value;
  while (pos_ < s_.size()) {
    char c = s_[pos_];
    if (c == ')') {
      ++pos_;
      break;
    }
    if (IsCssSpace(c)) {
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] != ')') return ConsumeBadUrlRemnants();
      continue;
    }
    if (IsBadUrlChar(c) || (c == '\\' && !ValidEscapeAt(pos_))) return ConsumeBadUrlRemnants();
    ++pos_;
    if (c == '\\') {
      ConsumeEscape(&value);
    } else {
      value.push_back(c);
    }
  }
  Emit(std::move(value));
}

void CssScanner::ConsumeBadUrlRemnants() {
  while (pos_ < s_.size()) {
    if (s_[pos_] == ')') {
      ++pos_;
      return;
    }
    if (ValidEscapeAt(pos_)) {
      pos_ += 2;  // an escaped ')' does not end it; the rest of a hex escape is plain bytes
    } else {
      ++pos_;
    }
  }
}

// A name run just consumed; if "(" follows, it opens a function (url( is a token of its own).
void CssScanner::OnWord(const std::string& word) {
  if (pos_ >= s_.size() || s_[pos_] != '(') return;
  ++pos_;
  if (EqualsIgnoreCase(word, "url")) {
    SkipSpace();
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return ConsumeUrl();
    ++depth_;  // url("x") is a function whose string argument is the URL
    if (std::optional<std::string> value = ConsumeString()) Emit(std::move(*value));
    return;
  }
  ++depth_;
  if (image_set_depth_ == 0 &&
      (EqualsIgnoreCase(word, "image-set") || EqualsIgnoreCase(word, "-webkit-image-set"))) {
    image_set_depth_ = depth_;
  }
}

void CssScanner::OnString(std::string value) {
  if (after_import_ || (image_set_depth_ != 0 && depth_ == image_set_depth_)) {
    Emit(std::move(value));
  }
}

void CssScanner::Run() {
  while (pos_ < s_.size()) {
    char c = s_[pos_];
    bool import_keyword = false;
    if (c == '/' && s_.substr(pos_, 2) == "/*") {
      size_t end = s_.find("*/", pos_ + 2);
      pos_ = (end == std::string_view::npos) ? s_.size() : end + 2;
      continue;  // a comment is no token: "@import/**/'x'" still imports
    }
    if (IsCssSpace(c)) {
      ++pos_;
      continue;
    }
    if (c == '"' || c == '\'') {
      if (std::optional<std::string> value = ConsumeString()) OnString(std::move(*value));
    } else if (c == '@' || c == '#') {
      ++pos_;
      import_keyword = EqualsIgnoreCase(ConsumeName(), "import") && c == '@';
    } else if (IsNameChar(c) || ValidEscapeAt(pos_)) {
      OnWord(ConsumeName());
    } else if (c == '(') {
      ++depth_;
      ++pos_;
    } else if (c == ')') {
      if (depth_ > 0) --depth_;
      if (depth_ < image_set_depth_) image_set_depth_ = 0;
      ++pos_;
    } else {
      ++pos_;
    }
    after_import_ = import_keyword;
  }
}

}  // namespace

void ExtractCssUrls(std::string_view css, std::vector<std::string>* raw_urls) {
  CssScanner(css, raw_urls).Run();
}

}  // namespace warcrawl::crawler
