// Section reads typed values from one map of a crawl config's YAML, and words every
// problem the same way: "FILE:LINE: dotted.key: what is wrong". A missing key leaves the
// target untouched (its default); a present key must parse fully. Used by config_loader.
//
// Thread-safety: a Section is used by one thread; YAML nodes are not shared.
#ifndef WARCRAWL_CRAWLER_CONFIG_SECTION_H_
#define WARCRAWL_CRAWLER_CONFIG_SECTION_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/crawl_config.h"
#include "warc/status.h"

namespace warcrawl::crawler {

class Section {
 public:
  Section(std::string source, const YAML::Node& node, std::string prefix,
          Status problem = Status::OK());

  // Every key of the section must be one of `keys` (typos are errors, with a suggestion).
  Status Known(std::initializer_list<std::string_view> keys) const;

  Status Str(std::string_view key, std::string* out) const;
  Status Bool(std::string_view key, bool* out) const;
  Status Int(std::string_view key, int* out, int lo, int hi) const;
  Status Int64(std::string_view key, int64_t* out, int64_t lo, int64_t hi) const;
  Status Number(std::string_view key, double* out, double lo, double hi) const;
  Status Duration(std::string_view key, Millis* out) const;
  Status Size(std::string_view key, uint64_t* out) const;
  Status OneOf(std::string_view key, std::initializer_list<std::string_view> allowed,
               std::string* out) const;
  // A string or a list of strings.
  Status StrList(std::string_view key, std::vector<std::string>* out) const;
  // Like StrList; each must compile as an RE2 regex (crawler/url_pattern.h).
  Status Regexes(std::string_view key, std::vector<std::string>* out) const;
  // Like StrList; each must be one of `names`.
  Status NamesFrom(std::string_view key, const std::vector<std::string>& names,
                   std::vector<std::string>* out) const;

  // The nested map under `key` (an empty Section when absent; a problem when not a map,
  // reported by the Child's first call).
  Section Child(std::string_view key) const;

  // "FILE:LINE: prefix.key: message", at the key's line (the section's when absent).
  Status Error(std::string_view key, std::string_view message) const;

 private:
  YAML::Node Get(std::string_view key) const;
  Status ErrorAt(const YAML::Node& node, std::string_view key, std::string_view message) const;
  Status Scalar(std::string_view key, std::string* text, bool* present) const;

  std::string source_;
  YAML::Node node_;
  std::string prefix_;  // "politeness." for a nested section
  Status problem_;      // set when this section itself was malformed
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CONFIG_SECTION_H_
