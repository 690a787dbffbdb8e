#include "replay/css_rewriter.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "replay/archive_url.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

using warc::text::HexDigitValue;
using warc::text::IsAlnum;
using warc::text::LowerAscii;

bool IsCssSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsNewline(char c) { return c == '\n' || c == '\r' || c == '\f'; }
bool IsNameChar(char c) {
  return IsAlnum(c) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsNonPrintable(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x08 || u == 0x0B || (u >= 0x0E && u <= 0x1F) || u == 0x7F;
}

// A '\\' starts an escape unless it follows a byte >= 0x81: then it is taken for the second
// byte of a Shift_JIS (Big5, GBK) character, as it is in such a file ("表" is 0x95 0x5C).
bool IsEscapeAt(std::string_view s, size_t i) {
  return s[i] == '\\' && (i == 0 || static_cast<unsigned char>(s[i - 1]) < 0x81);
}

bool MatchesIgnoreCase(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (LowerAscii(s[i + k]) != word[k]) return false;
  }
  return true;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsCssSpace(s[i])) ++i;
  return i;
}

// Just past the escape whose '\\' is at `i` (not the last byte): up to six hex digits and one
// whitespace after them, or one other byte ("\r\n" counting as one: a line continuation).
size_t EscapeEnd(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (s.substr(j, 2) == "\r\n") return j + 2;
  if (HexDigitValue(s[j]) < 0) return j + 1;
  while (j < s.size() && j < i + 7 && HexDigitValue(s[j]) >= 0) ++j;
  if (s.substr(j, 2) == "\r\n") return j + 2;
  return j < s.size() && IsCssSpace(s[j]) ? j + 1 : j;
}

// Just past the string whose quote is at `i`. A newline ends a string unclosed (CSS's "bad
// string"), before the newline; so does the end of the input.
size_t StringEnd(std::string_view s, size_t i, bool* closed) {
  *closed = false;
  for (size_t j = i + 1; j < s.size(); ++j) {
    if (IsEscapeAt(s, j)) {
      if (j + 1 >= s.size()) break;
      j = EscapeEnd(s, j) - 1;
    } else if (s[j] == s[i]) {
      *closed = true;
      return j + 1;
    } else if (IsNewline(s[j])) {
      return j;
    }
  }
  return s.size();
}

struct UrlToken {
  size_t begin = 0;  // the URL's bytes, quotes excluded
  size_t end = 0;
  char quote = 0;  // 0 for an unquoted url(…)
  size_t token_end = 0;
};

// Parses the url(…) starting at `i` (CSS Syntax §4.3.6). False for a bad or unterminated one;
// the scan stops at the first unescaped '(' or quote, so failed attempts stay linear.
bool ParseUrlFunction(std::string_view s, size_t i, UrlToken* tok) {
  size_t j = SkipSpace(s, i + 4);
  if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
    bool closed = false;
    size_t end = StringEnd(s, j, &closed);
    size_t k = SkipSpace(s, end);
    if (!closed || k >= s.size() || s[k] != ')') return false;
    *tok = {j + 1, end - 1, s[j], k + 1};
    return true;
  }
  for (size_t k = j; k < s.size(); ++k) {
    char c = s[k];
    if (c == ')' || IsCssSpace(c)) {
      size_t close = SkipSpace(s, k);
      if (close >= s.size() || s[close] != ')') return false;
      *tok = {j, k, 0, close + 1};
      return true;
    }
    if (IsEscapeAt(s, k)) {
      if (k + 1 >= s.size() || IsNewline(s[k + 1])) return false;
      k = EscapeEnd(s, k) - 1;
    } else if (c == '"' || c == '\'' || c == '(' || IsNonPrintable(c)) {
      return false;
    }
  }
  return false;
}

// The URL a CSS string or url(…) stands for; see the header for non-ASCII escapes.
std::string DecodeCssEscapes(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!IsEscapeAt(raw, i)) {
      out.push_back(raw[i]);
    } else if (i + 1 >= raw.size()) {
      break;
    } else if (HexDigitValue(raw[i + 1]) >= 0) {
      size_t end = EscapeEnd(raw, i);
      uint32_t cp = 0;
      for (size_t j = i + 1; j < end && HexDigitValue(raw[j]) >= 0; ++j) {
        cp = cp * 16 + static_cast<uint32_t>(HexDigitValue(raw[j]));
      }
      AppendCodePointToUrl(cp, &out);
      i = end - 1;
    } else if (IsNewline(raw[i + 1])) {
      i += raw.substr(i + 1, 2) == "\r\n" ? 2 : 1;  // a line continuation: nothing
    } else {
      out.push_back(raw[++i]);
    }
  }
  return out;
}

// Escapes what would end the URL's token early: the quote in a string; parens, quotes and
// spaces in an unquoted url(). '<' too, so a <style> element cannot be closed by a URL.
void AppendCssEscaped(std::string_view url, char quote, std::string* out) {
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    auto u = static_cast<unsigned char>(c);
    bool special =
        quote != 0 ? c == quote : c == '(' || c == ')' || c == '"' || c == '\'' || c == ' ';
    if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%x ", u);
      out->append(buf);
    } else {
      if (special || IsEscapeAt(url, i) || c == '<') out->push_back('\\');
      out->push_back(c);
    }
  }
}

class CssRewrite {
 public:
  CssRewrite(std::string_view css, const UrlRewriter& rewriter, GrowthBudget* budget)
      : css_(css), rewriter_(rewriter), budget_(budget) {
    out_.reserve(css.size() + css.size() / 4);
  }

  std::string Run() {
    size_t i = 0;
    while (i < css_.size()) i = Step(i);
    out_.append(css_.substr(copied_));
    return std::move(out_);
  }

 private:
  // Handles the token at `i`; returns where the next one starts (always past `i`).
  size_t Step(size_t i) {
    char c = css_[i];
    if (c == '/' && i + 1 < css_.size() && css_[i + 1] == '*') {
      size_t close = css_.find("*/", i + 2);
      return close == std::string_view::npos ? css_.size() : close + 2;
    }
    if (c == '"' || c == '\'') {
      bool closed = false;
      size_t end = StringEnd(css_, i, &closed);
      if (in_import_ && closed) Replace(i + 1, end - 1, c, kModStylesheet);
      in_import_ = false;
      return end;
    }
    if (IsEscapeAt(css_, i)) return std::min(css_.size(), i + 2);
    if ((c == 'u' || c == 'U') && MatchesIgnoreCase(css_, i, "url(") &&
        (i == 0 || !IsNameChar(css_[i - 1]))) {
      UrlToken tok;
      bool import = std::exchange(in_import_, false);
      if (!ParseUrlFunction(css_, i, &tok)) return i + 4;
      Replace(tok.begin, tok.end, tok.quote, import ? kModStylesheet : kModImage);
      return tok.token_end;
    }
    if (c == '@' && MatchesIgnoreCase(css_, i, "@import") &&
        (i + 7 == css_.size() || !IsNameChar(css_[i + 7]))) {
      in_import_ = true;
      return i + 7;
    }
    if (c == ';' || c == '{' || c == '}') in_import_ = false;
    return i + 1;
  }

  void Replace(size_t begin, size_t end, char quote, std::string_view modifier) {
    if (budget_->exceeded()) return;
    std::string url = DecodeCssEscapes(css_.substr(begin, end - begin));
    std::string rewritten = rewriter_.Rewrite(url, modifier);
    if (rewritten == url) return;
    std::string escaped;
    AppendCssEscaped(rewritten, quote, &escaped);
    if (!budget_->Take(end - begin, escaped.size())) return;
    out_.append(css_.substr(copied_, begin - copied_));
    out_.append(escaped);
    copied_ = end;
  }

  std::string_view css_;
  const UrlRewriter& rewriter_;
  GrowthBudget* budget_;
  std::string out_;
  size_t copied_ = 0;  // css_ before this is in out_
  bool in_import_ = false;
};

}  // namespace

std::string RewriteCss(std::string_view css, const UrlRewriter& rewriter, GrowthBudget* budget) {
  GrowthBudget own(css.size());
  return CssRewrite(css, rewriter, budget != nullptr ? budget : &own).Run();
}

}  // namespace warcrawl::replay
