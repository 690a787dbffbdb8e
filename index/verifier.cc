#include "index/verifier.h"

#include <map>
#include <memory>

#include "index/capture.h"
#include "index/capture_codec.h"
#include "index/index_keys.h"
#include "index/indexer.h"
#include "warc/reader.h"

namespace warcrawl::index {
namespace {

// Open readers by file name, so a scan in key order does not reopen a file per entry.
class ReaderCache {
 public:
  explicit ReaderCache(const IndexDb& db) : db_(db) {}

  Status Get(const std::string& filename, warc::WarcReader** reader) {
    auto it = readers_.find(filename);
    if (it == readers_.end()) {
      if (readers_.size() >= kMaxOpen) readers_.clear();
      IngestedFile file;
      if (Status s = LookupIngestedFile(db_, filename, &file); !s.ok()) {
        return Status::NotFound("no ingested file of that name in the index");
      }
      std::unique_ptr<warc::WarcReader> opened;
      if (Status s = warc::WarcReader::Open(file.path, &opened); !s.ok()) return s;
      it = readers_.emplace(filename, std::move(opened)).first;
    }
    *reader = it->second.get();
    return Status::OK();
  }

 private:
  static constexpr size_t kMaxOpen = 64;
  const IndexDb& db_;
  std::map<std::string, std::unique_ptr<warc::WarcReader>> readers_;
};

// Reads the record at the entry's offset and says what, if anything, disagrees.
std::string CheckEntry(const CaptureEntry& entry, warc::WarcReader& reader) {
  warc::RecordHeader header;
  Status s = reader.Seek(entry.offset);
  if (s.ok()) s = reader.Next(&header);
  if (s.IsEndOfFile()) return "no record at this offset (the file ends before it)";
  if (s.ok()) s = reader.SkipBlock();  // a whole record must be there, not just a header
  if (!s.ok()) return s.message();
  if (header.target_uri() != entry.url) {
    return "the record is for " + std::string(header.target_uri()) + ", the index says " +
           entry.url;
  }
  std::string timestamp;
  if (!TimestampFromWarcDate(header.date(), &timestamp).ok() || timestamp != entry.timestamp) {
    return "the record is dated " + std::string(header.date()) + ", the index says " +
           entry.timestamp;
  }
  if (header.type() != entry.record_type) {
    return "the record is a " + std::string(header.fields.Get(warc::field::kType).value_or("?")) +
           ", the index says " + std::string(warc::RecordTypeName(entry.record_type));
  }
  return "";
}

}  // namespace

Status VerifyIndex(const IndexDb& db, const VerifySink& sink, VerifyReport* report) {
  ReaderCache readers(db);
  auto it = db.NewIterator();
  const std::string start(1, kCaptureSpace);
  for (it->Seek(start); it->Valid() && it->key()[0] == kCaptureSpace; it->Next()) {
    ++report->captures;
    CaptureKey key;
    CaptureEntry entry;
    std::string problem;
    std::string_view value(it->value().data(), it->value().size());
    if (!DecodeCaptureKey(it->key().ToString(), &key)) {
      problem = "an index key that is not a capture key";
    } else if (Status s = DecodeCapture(key.urlkey, key.timestamp, value, &entry); !s.ok()) {
      problem = "a damaged index entry: " + s.message();
    } else {
      warc::WarcReader* reader = nullptr;
      Status open = readers.Get(key.filename, &reader);
      problem = !open.ok()          ? open.message()
                : reader == nullptr ? std::string("no reader for the file")
                                    : CheckEntry(entry, *reader);
    }
    if (!problem.empty()) {
      ++report->problems;
      if (sink) sink(key.filename + ":" + std::to_string(key.offset) + ": " + problem);
    }
  }
  return FromLevelDb(it->status(), "scan index");
}

}  // namespace warcrawl::index
