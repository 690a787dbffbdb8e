#include "crawler/resolve_memo.h"

namespace warcrawl::crawler {

bool ResolveMemo::Key(const index::Url& base, std::string_view raw, std::string_view charset,
                      std::string* key) {
  // '/' first: an absolute path or a network path, resolved against the base's scheme and
  // authority only (RFC 3986 §5.2.2). A scheme with "//" ignores the base altogether.
  bool origin_only =
      raw.starts_with('/') || raw.starts_with("http://") || raw.starts_with("https://");
  if (!origin_only) return false;
  key->assign(charset).push_back('\n');
  key->append(base.scheme).push_back('\n');
  if (base.userinfo) key->append(*base.userinfo).push_back('@');
  key->push_back('\n');
  if (base.host) key->append("//").append(*base.host);
  key->push_back('\n');
  key->append(std::to_string(base.port)).push_back('\n');
  key->append(raw);
  return true;
}

const std::optional<std::string>* ResolveMemo::Find(const std::string& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void ResolveMemo::Remember(const std::string& key, const std::optional<std::string>& resolved) {
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.emplace(key, resolved);
}

}  // namespace warcrawl::crawler
