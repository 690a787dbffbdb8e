// A collection is one archive served under one name: a data directory's LevelDB index and
// the WARC files it names. CollectionSet is the replay server's map from the name in a URL
// ("/{collection}/…") to the collection; a service that runs crawl jobs adds collections
// as jobs create them, and shares each one's IndexDb with its crawls (LevelDB allows one
// opener per process, and many readers and writers within it).
//
// Thread-safety: a Collection is immutable (its IndexDb is thread-safe); CollectionSet's
// methods may be called from any thread, and what Find returns stays valid while held.
#ifndef WARCRAWL_REPLAY_COLLECTION_H_
#define WARCRAWL_REPLAY_COLLECTION_H_

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::replay {

class Collection {
 public:
  // Opens DATA_DIR/index. InvalidArgument for a name IsValidCollectionName refuses;
  // NotFound when the directory holds no index; an index another process holds (a crawl
  // running on it) is IOError saying so.
  static Status Open(std::string_view name, const std::string& data_dir,
                     std::unique_ptr<Collection>* out);

  const std::string& name() const { return name_; }
  const std::string& data_dir() const { return data_dir_; }
  const index::IndexDb& db() const { return *db_; }
  // For a crawl writing into the collection while it is served.
  const std::shared_ptr<index::IndexDb>& shared_db() const { return db_; }

  Collection(std::string name, std::string data_dir, std::shared_ptr<index::IndexDb> db)
      : name_(std::move(name)), data_dir_(std::move(data_dir)), db_(std::move(db)) {}

 private:
  std::string name_;
  std::string data_dir_;
  std::shared_ptr<index::IndexDb> db_;
};

class CollectionSet {
 public:
  // InvalidArgument when the name is taken.
  Status Add(std::unique_ptr<Collection> collection);
  // nullptr when there is none of that name.
  std::shared_ptr<const Collection> Find(std::string_view name) const;
  // In name order.
  std::vector<std::shared_ptr<const Collection>> All() const;
  bool empty() const;

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, std::shared_ptr<const Collection>, std::less<>> collections_;
};

// The data directory's collections: DATA itself when it holds an index (a `warcrawl crawl`
// archive), under `own_name`, and each DATA/collections/NAME that holds one (the archives
// of crawl jobs). NotFound when there is none; an index that cannot be opened is an error.
Status OpenCollections(const std::string& data_dir, std::string_view own_name,
                       CollectionSet* collections);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_COLLECTION_H_
