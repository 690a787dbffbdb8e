#include "index/hosts_query.h"

#include "index/capture_codec.h"
#include "index/index_keys.h"

namespace warcrawl::index {

Status ListHosts(const IndexDb& db, size_t limit, std::vector<ArchivedHost>* hosts,
                 bool* truncated) {
  hosts->clear();
  *truncated = false;
  auto it = db.NewIterator();
  it->Seek(std::string(1, kCaptureSpace));
  while (it->Valid() && it->key()[0] == kCaptureSpace) {
    CaptureKey key;
    if (!DecodeCaptureKey(it->key().ToString(), &key)) {
      return Status::Corruption("index key that is not a capture key: " + it->key().ToString());
    }
    const size_t paren = key.urlkey.find(')');
    const std::string host = key.urlkey.substr(0, paren);
    if (paren != std::string::npos && !host.empty()) {
      if (limit != 0 && hosts->size() == limit) {
        *truncated = true;
        break;
      }
      CaptureEntry entry;
      std::string_view value(it->value().data(), it->value().size());
      if (Status s = DecodeCapture(key.urlkey, key.timestamp, value, &entry); !s.ok()) return s;
      hosts->push_back(ArchivedHost{host, entry.url});
    }
    // Past every key of this host (or, without one, of this URL).
    const std::string prefix = paren == std::string::npos ? key.urlkey : host + ")";
    it->Seek(PrefixEnd(CaptureScanStart(prefix, false)));
  }
  return FromLevelDb(it->status(), "listing hosts");
}

}  // namespace warcrawl::index
