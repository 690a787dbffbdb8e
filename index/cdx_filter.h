// A CDX filter as pywb's CDX server API and OutbackCDX take it: "[!][=|~]FIELD:EXPR".
// No modifier: the field contains EXPR; "=": the field is EXPR; "~": the regular expression
// EXPR matches at the start of the field (Python's re.match); "!" negates. Expressions are
// RE2's (Perl syntax without backreferences or lookaround): a filter arrives in a request
// from anyone, and RE2 matches in time linear in the field, where a backtracking engine can
// be made to run for hours or to overflow its stack.
//
// Thread-safety: a parsed CdxFilter is immutable and may be shared between threads.
#ifndef WARCRAWL_INDEX_CDX_FILTER_H_
#define WARCRAWL_INDEX_CDX_FILTER_H_

#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace re2 {
class RE2;
}

namespace warcrawl::index {

class CdxFilter {
 public:
  enum class Op { kContains, kEquals, kRegex };

  // InvalidArgument naming the problem: no "FIELD:", an empty field, a bad regex.
  static Status Parse(std::string_view text, CdxFilter* filter);

  bool Matches(std::string_view field_value) const;

  const std::string& field() const { return field_; }
  Op op() const { return op_; }
  bool negated() const { return negated_; }

 private:
  std::string field_;
  std::string expression_;
  Op op_ = Op::kContains;
  bool negated_ = false;
  std::shared_ptr<const re2::RE2> regex_;
};

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_CDX_FILTER_H_
