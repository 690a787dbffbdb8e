#include "crawler/url_pattern.h"

#include <re2/re2.h>

namespace warcrawl::crawler {

Status UrlPattern::Compile(std::string_view pattern, UrlPattern* out) {
  RE2::Options options;
  options.set_log_errors(false);  // the error comes back in the Status instead
  auto regex =
      std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!regex->ok()) return Status::InvalidArgument(regex->error());
  out->pattern_ = std::string(pattern);
  out->regex_ = std::move(regex);
  return Status::OK();
}

bool UrlPattern::FoundIn(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *regex_);
}

bool UrlPattern::Matches(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *regex_);
}

}  // namespace warcrawl::crawler
