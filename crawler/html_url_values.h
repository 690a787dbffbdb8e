// How HTML attribute values spell URLs: the HTML Standard's whitespace rules, a srcset's
// candidates, a meta refresh's URL, and the clean-up browsers apply to a URL attribute
// before parsing it. Pure functions over views of the value; no URL parsing here.
//
// Thread-safety: stateless; safe from any thread.
#ifndef WARCRAWL_CRAWLER_HTML_URL_VALUES_H_
#define WARCRAWL_CRAWLER_HTML_URL_VALUES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warcrawl::crawler {

// ASCII whitespace as HTML defines it (space, tab, LF, FF, CR).
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

std::string_view TrimHtmlSpace(std::string_view s);

// The HTML Standard's "split a string on ASCII whitespace".
std::vector<std::string_view> SplitOnHtmlSpace(std::string_view s);

// What browsers do to a URL attribute before parsing it: strip surrounding whitespace and
// drop tabs and newlines inside.
std::string CleanUrlValue(std::string_view value);

// True for a value with a scheme other than http(s), which no base can make crawlable;
// dropping them early keeps big data: URLs out of memory.
bool HasOtherScheme(std::string_view value);

// The URLs of a srcset: candidates split per the HTML Standard's "parse a srcset attribute"
// (a URL runs to whitespace, so it may hold commas; descriptors may hold commas in parens).
std::vector<std::string_view> SrcsetUrls(std::string_view s);

// The URL of a refresh directive ("5; url=x", "0;URL='x'", "3, x", "url=x"), leniently after
// the HTML Standard's "shared declarative refresh steps"; nullopt when it names none.
std::optional<std::string_view> RefreshUrl(std::string_view s);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_HTML_URL_VALUES_H_
