// IndexDb owns the LevelDB database that indexes an archive. It holds three keyspaces
// (index_keys.h): captures by SURT key and time, first captures by payload digest (for
// revisits), and the WARC files already ingested. This class is only the handle: opening,
// batched writes, point reads and iterators, with LevelDB statuses turned into ours, and
// the lock that writers take to read a key and write depending on what they read.
//
// Thread-safety: as LevelDB's DB: concurrent reads and writes from many threads are safe.
// A read-then-write is atomic only among writers that hold update_mutex() across it.
#ifndef WARCRAWL_INDEX_INDEX_DB_H_
#define WARCRAWL_INDEX_INDEX_DB_H_

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <memory>
#include <mutex>
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
  // Get without a NotFound status (cheaper for a miss: no message is made): *found tells,
  // and *value is set only when found.
  Status Find(std::string_view key, std::string* value, bool* found) const;
  std::unique_ptr<leveldb::Iterator> NewIterator() const;

  const std::string& directory() const { return directory_; }

  // Held by every writer across a read and the Write that depends on it (the first capture
  // of a digest), so two of them never both act on what they read before the other wrote.
  std::mutex& update_mutex() { return update_mutex_; }

 private:
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  IndexDb(OpenKey, std::string directory, std::unique_ptr<leveldb::DB> db);

 private:
  std::string directory_;
  std::unique_ptr<leveldb::DB> db_;
  std::mutex update_mutex_;
};

// Our Status for a LevelDB one, prefixed with what was being done.
Status FromLevelDb(const leveldb::Status& s, std::string_view context);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_INDEX_DB_H_
