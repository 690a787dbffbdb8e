// ResolveMemo remembers how links resolved whose result depends on nothing of the page but
// its base's scheme and authority (and the page's charset): references that start with '/'
// and absolute "http(s)://" ones. A site writes its navigation the same way on every page,
// and a lookup costs far less than parsing and normalising each link again. It is bounded:
// when full it starts over.
//
// Thread-safety: not thread-safe; the link extractor keeps one per thread.
#ifndef WARCRAWL_CRAWLER_RESOLVE_MEMO_H_
#define WARCRAWL_CRAWLER_RESOLVE_MEMO_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "index/url.h"

namespace warcrawl::crawler {

class ResolveMemo {
 public:
  // The memo's key for `raw` on a page with `base` and `charset`; false when the result may
  // depend on more of the base (its path or query), which is then not remembered.
  static bool Key(const index::Url& base, std::string_view raw, std::string_view charset,
                  std::string* key);

  // The remembered result for `key` (nullopt inside: the link resolves to nothing), or null.
  const std::optional<std::string>* Find(const std::string& key) const;
  void Remember(const std::string& key, const std::optional<std::string>& resolved);

 private:
  static constexpr size_t kMaxEntries = 8192;
  std::unordered_map<std::string, std::optional<std::string>> entries_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_RESOLVE_MEMO_H_
