#include "index/cdx_filter.h"

namespace warcrawl::index {

Status CdxFilter::Parse(std::string_view text, CdxFilter* filter) {
  const std::string original(text);
  CdxFilter f;
  if (text.starts_with('!')) {
    f.negated_ = true;
    text.remove_prefix(1);
  }
  if (text.starts_with('=')) {
    f.op_ = Op::kEquals;
    text.remove_prefix(1);
  } else if (text.starts_with('~')) {
    f.op_ = Op::kRegex;
    text.remove_prefix(1);
  }
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status::InvalidArgument("filter '" + original +
                                   "' is not of the form [!][=|~]FIELD:EXPRESSION");
  }
  f.field_ = std::string(text.substr(0, colon));
  f.expression_ = std::string(text.substr(colon + 1));
  if (f.op_ == Op::kRegex) {
    try {
      f.regex_ = std::make_shared<const std::regex>(f.expression_, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("filter '" + original +
                                     "': bad regular expression: " + e.what());
    }
  }
  *filter = std::move(f);
  return Status::OK();
}

bool CdxFilter::Matches(std::string_view value) const {
  bool hit = false;
  switch (op_) {
    case Op::kContains:
      hit = value.find(expression_) != std::string_view::npos;
      break;
    case Op::kEquals:
      hit = value == expression_;
      break;
    case Op::kRegex:
      // match_continuous anchors at the start only, as Python's re.match does.
      hit = std::regex_search(value.begin(), value.end(), *regex_,
                              std::regex_constants::match_continuous);
      break;
  }
  return hit != negated_;
}

}  // namespace warcrawl::index
