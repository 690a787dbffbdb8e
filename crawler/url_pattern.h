// A regular expression a job searches for in URLs: scope `include`/`exclude` and
// `traps.extra`. Patterns are RE2's (Perl syntax without backreferences or lookaround):
// every URL a page links to meets them, hostile pages choose those URLs, and RE2 matches in
// time linear in the URL without recursion, where std::regex could take exponential time or
// overflow the stack.
//
// Thread-safety: a compiled UrlPattern is immutable; copies share it and may be used from
// any thread.
#ifndef WARCRAWL_CRAWLER_URL_PATTERN_H_
#define WARCRAWL_CRAWLER_URL_PATTERN_H_

#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace re2 {
class RE2;
}

namespace warcrawl::crawler {

class UrlPattern {
 public:
  // InvalidArgument with RE2's reason when `pattern` is not a valid expression.
  static Status Compile(std::string_view pattern, UrlPattern* out);

  // Whether the expression matches anywhere in `text` (as std::regex_search and JavaScript's
  // RegExp.test do).
  bool FoundIn(std::string_view text) const;

  // Whether the expression matches the whole of `text`.
  bool Matches(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::shared_ptr<const re2::RE2> regex_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_URL_PATTERN_H_
