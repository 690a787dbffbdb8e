// IndexDb owns the LevelDB database that indexes an archive. It holds three keyspaces
// (index_keys.h): captures by SURT key and time, first captures by payload digest (for
// revisits), and the WARC files already ingested. This class is only the handle: opening,
// batched writes, point reads and iterators, with LevelDB statuses turned into ours.
//
// Thread-safety: as LevelDB's DB: concurrent reads and writes from many threads are safe.
#ifndef WARCRAWL_INDEX_INDEX_DB_H_
#define WARCRAWL_INDEX_INDEX_DB_H_

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::index {

class IndexDb {
 public:
  // Opens (creating if missing) the database in `directory`.
  static Status Open(const std::string& directory, std::unique_ptr<IndexDb>* db);

  IndexDb(const IndexDb&) = delete;
  IndexDb& operator=(const IndexDb&) = delete;

  // Applies a batch atomically. sync: wait for the log to reach the disk.
  Status Write(leveldb::WriteBatch* batch, bool sync);
  // NotFound when the key is absent.
  Status Get(std::string_view key, std::string* value) const;
  // Whether the key is present. Cheaper than Get for a miss: no NotFound message is made.
  Status Contains(std::string_view key, bool* found) const;
  std::unique_ptr<leveldb::Iterator> NewIterator() const;

  const std::string& directory() const { return directory_; }

 private:
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  IndexDb(OpenKey, std::string directory, std::unique_ptr<leveldb::DB> db);

 private:
  std::string directory_;
  std::unique_ptr<leveldb::DB> db_;
};

// Our Status for a LevelDB one, prefixed with what was being done.
Status FromLevelDb(const leveldb::Status& s, std::string_view context);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_INDEX_DB_H_
