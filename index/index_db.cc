#include "index/index_db.h"

#include <leveldb/cache.h>
#include <leveldb/filter_policy.h>

#include <filesystem>

namespace warcrawl::index {
namespace {

// The block cache and Bloom filter are process-wide: one per database is all we need.
const leveldb::FilterPolicy* BloomFilter() {
  static const std::unique_ptr<const leveldb::FilterPolicy> policy(
      leveldb::NewBloomFilterPolicy(10));
  return policy.get();
}

}  // namespace

Status FromLevelDb(const leveldb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsNotSupportedError()) return Status::NotSupported(msg);
  return Status::IOError(msg);
}

IndexDb::IndexDb(OpenKey, std::string directory, std::unique_ptr<leveldb::DB> db)
    : directory_(std::move(directory)), db_(std::move(db)) {}

Status IndexDb::Open(const std::string& directory, std::unique_ptr<IndexDb>* db) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);  // LevelDB makes only the last level
  if (ec) return Status::IOError("create " + directory + ": " + ec.message());
  leveldb::Options options;
  options.create_if_missing = true;
  options.filter_policy = BloomFilter();
  // Captures are written in large batches: bigger tables mean fewer compactions.
  options.write_buffer_size = 16 << 20;
  options.max_file_size = 8 << 20;
  leveldb::DB* raw = nullptr;
  leveldb::Status s = leveldb::DB::Open(options, directory, &raw);
  std::unique_ptr<leveldb::DB> owned(raw);
  if (!s.ok()) return FromLevelDb(s, "open index " + directory);
  *db = std::make_unique<IndexDb>(OpenKey(), directory, std::move(owned));
  return Status::OK();
}

Status IndexDb::Write(leveldb::WriteBatch* batch, bool sync) {
  leveldb::WriteOptions options;
  options.sync = sync;
  return FromLevelDb(db_->Write(options, batch), "write index " + directory_);
}

Status IndexDb::Get(std::string_view key, std::string* value) const {
  leveldb::Status s =
      db_->Get(leveldb::ReadOptions(), leveldb::Slice(key.data(), key.size()), value);
  return FromLevelDb(s, "read index " + directory_);
}

Status IndexDb::Find(std::string_view key, std::string* value, bool* found) const {
  leveldb::Status s =
      db_->Get(leveldb::ReadOptions(), leveldb::Slice(key.data(), key.size()), value);
  *found = s.ok();
  return s.ok() || s.IsNotFound() ? Status::OK() : FromLevelDb(s, "read index " + directory_);
}

std::unique_ptr<leveldb::Iterator> IndexDb::NewIterator() const {
  return std::unique_ptr<leveldb::Iterator>(db_->NewIterator(leveldb::ReadOptions()));
}

}  // namespace warcrawl::index
