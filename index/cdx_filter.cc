#include "index/cdx_filter.h"

#include <re2/re2.h>

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
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_shared<const RE2>(f.expression_, options);
    if (!regex->ok()) {
      return Status::InvalidArgument("filter '" + original +
                                     "': bad regular expression: " + regex->error());
    }
    f.regex_ = std::move(regex);
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
      // Anchored at the start only, as Python's re.match is.
      hit = regex_->Match(re2::StringPiece(value.data(), value.size()), 0, value.size(),
                          RE2::ANCHOR_START, nullptr, 0);
      break;
  }
  return hit != negated_;
}

}  // namespace warcrawl::index
