#include "crawler/html_url_values.h"

#include "warc/record.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {

namespace text = warc::text;
using warc::EqualsIgnoreCase;

std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitOnHtmlSpace(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
    if (pos == s.size()) return tokens;
    size_t start = pos;
    while (pos < s.size() && !IsHtmlSpace(s[pos])) ++pos;
    tokens.push_back(s.substr(start, pos - start));
  }
}

std::string CleanUrlValue(std::string_view value) {
  std::string out;
  for (char c : TrimHtmlSpace(value)) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

bool HasOtherScheme(std::string_view value) {
  size_t colon = value.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (value.find_first_of("/?#") < colon || !text::IsAlpha(value[0])) return false;
  for (char c : value.substr(0, colon)) {
    if (!text::IsAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  const std::string_view scheme = value.substr(0, colon);
  return !EqualsIgnoreCase(scheme, "http") && !EqualsIgnoreCase(scheme, "https");
}

std::vector<std::string_view> SrcsetUrls(std::string_view s) {
  std::vector<std::string_view> urls;
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && (IsHtmlSpace(s[pos]) || s[pos] == ',')) ++pos;
    if (pos >= s.size()) return urls;
    size_t start = pos;
    while (pos < s.size() && !IsHtmlSpace(s[pos])) ++pos;
    std::string_view url = s.substr(start, pos - start);
    bool trailing_comma = url.back() == ',';
    while (!url.empty() && url.back() == ',') url.remove_suffix(1);
    if (!url.empty()) urls.push_back(url);
    if (trailing_comma) continue;
    // Skip the descriptors: up to a comma outside parentheses.
    bool in_parens = false;
    for (; pos < s.size(); ++pos) {
      if (in_parens) {
        in_parens = s[pos] != ')';
      } else if (s[pos] == '(') {
        in_parens = true;
      } else if (s[pos] == ',') {
        ++pos;
        break;
      }
    }
  }
}

std::optional<std::string_view> RefreshUrl(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
  while (pos < s.size() && (text::IsDigit(s[pos]) || s[pos] == '.')) ++pos;
  while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
  if (pos < s.size() && (s[pos] == ';' || s[pos] == ',')) ++pos;
  while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
  std::string_view rest = s.substr(pos);
  if (rest.size() >= 3 && EqualsIgnoreCase(rest.substr(0, 3), "url")) {
    size_t k = 3;
    while (k < rest.size() && IsHtmlSpace(rest[k])) ++k;
    if (k < rest.size() && rest[k] == '=') {
      ++k;
      while (k < rest.size() && IsHtmlSpace(rest[k])) ++k;
      rest.remove_prefix(k);
    }
  }
  if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) {
    size_t end = rest.find(rest[0], 1);
    rest = rest.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
  }
  rest = TrimHtmlSpace(rest);
  if (rest.empty()) return std::nullopt;
  return rest;
}

}  // namespace warcrawl::crawler
