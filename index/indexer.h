// Indexer adds WARC records to an IndexDb: one capture per record that pywb would index,
// the first capture of every payload digest (so a crawler can write a revisit instead of
// the same bytes again), and a registry of the files it has ingested. Writes are batched
// (LevelDB WriteBatch) and a file is registered only in its final batch, so an ingest that
// is killed part-way is simply redone: keys are deterministic, and re-adding one is a no-op.
//
// The first capture of a digest is its earliest: by WARC-Date, then file name, then offset
// (a date that does not parse comes after all that do). Each flush compares its batch's
// earliest per digest with the index's under IndexDb::update_mutex(), so the answer is the
// same whatever the order, threads or runs the files were indexed in.
//
// An entry is added only after its record's block has been read to the end, so the index
// never points at bytes that are not on disk. A warcrawl metadata record that names a
// page's role (page_annotation.h) updates the capture of the response it is concurrent to.
// A request next to its response (same target URI, either order) is paired with it as
// warcio.js's cdx-index pairs them: a request that is not a GET keys the capture as pywb
// looks up a POST (post_query.h) and gives it its method and requestBody.
//
// Thread-safety: not thread-safe; one Indexer per thread (IndexDb itself may be shared).
#ifndef WARCRAWL_INDEX_INDEXER_H_
#define WARCRAWL_INDEX_INDEXER_H_

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/capture.h"
#include "index/index_db.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::index {

struct IngestStats {
  uint64_t records = 0;   // records read
  uint64_t captures = 0;  // captures written (pywb's default selection)
  uint64_t digests = 0;   // new payload digests
  bool already_indexed = false;
  // When the file is damaged: what and where; the records before it are indexed.
  Status damage;
};

// The first capture of a payload, as a revisit record refers to it.
struct FirstCapture {
  std::string url;
  std::string date;  // WARC-Date as written
  std::string record_id;
  std::string filename;
  uint64_t offset = 0;
};

// A file the index has ingested (the 'f' keyspace).
struct IngestedFile {
  std::string path;  // absolute path when ingested
  uint64_t size = 0;
  uint64_t records = 0;
  bool complete = true;  // false when damage stopped the ingest
};

class Indexer {
 public:
  explicit Indexer(IndexDb* db, size_t batch_size = 10000) : db_(db), batch_size_(batch_size) {}

  // Indexes every record of a WARC file. A file already ingested at the same size is
  // skipped; a file of the same name at another path is InvalidArgument (the index names
  // records by file name). Damage inside the file is reported in stats->damage, not here.
  Status IndexFile(const std::string& path, IngestStats* stats);

  // Indexes one record that a writer has just completed (the crawler's path). block_head
  // is at least the record's HTTP head. Call Flush to make the additions visible.
  Status AddRecord(const warc::RecordHeader& header, std::string_view block_head,
                   const warc::RecordLocation& location);
  Status Flush();

  // Records a file whose every record went through AddRecord as completely ingested, so
  // `warcrawl index` on it later adds nothing. Flushes.
  Status RegisterFile(const std::string& path, uint64_t records);

 private:
  // One record as ingest reads it, its most used header fields looked up once.
  struct Record {
    const warc::RecordHeader& header;
    warc::RecordType type;
    std::string_view target_uri;
    std::string_view record_id;
    std::string_view block_head;
    const warc::RecordLocation& location;
  };
  static Record MakeRecord(const warc::RecordHeader& header, warc::RecordType type,
                           std::string_view block_head, const warc::RecordLocation& location);

  Status AddToBatch(const Record& record, IngestStats* stats);
  Status AddCapture(const Record& record);
  Status AddFirstCapture(const Record& record);
  Status MaybeFlush(IngestStats* stats);
  // Adds to the batch each candidate first capture that is earlier than the index's (or
  // the index has none), then writes the batch; counts the digests new to the index.
  Status FlushBatch(IngestStats* stats);
  void PutCapture(const CaptureEntry& entry);
  // A crawler metadata record annotating a capture added just before it.
  void AnnotateRecent(const Record& record);
  // Pairs the record with the previous one when warcio.js would; `entry` is its capture, if
  // it has one, and is changed before it is written when the request came first.
  void PairWithPrevious(const Record& record, CaptureEntry* entry);
  // Re-keys a capture already written (and its copy in recent_) for its request. old_entry
  // is a copy: the caller's may be in recent_, which this overwrites.
  void RekeyCapture(CaptureEntry old_entry, const CaptureEntry& new_entry);

  IndexDb* db_;
  size_t batch_size_;
  leveldb::WriteBatch batch_;
  size_t pending_ = 0;
  // The earliest capture of each payload digest in the unflushed batch, by digest key: the
  // index is read for them once, at the flush. Nodes and text live in an arena dropped whole
  // at each flush: std containers cost allocations a record.
  struct Candidate {
    using allocator_type = std::pmr::polymorphic_allocator<>;
    explicit Candidate(const allocator_type& alloc) : date(alloc), filename(alloc), value(alloc) {}
    std::pmr::string date;          // WARC-Date as written: parsed only to compare (rarely)
    std::optional<int64_t> micros;  // the date parsed, once it was compared
    std::pmr::string filename;
    uint64_t offset = 0;
    std::pmr::string value;  // the encoded FirstCapture
  };
  std::pmr::monotonic_buffer_resource digest_arena_{size_t{64} << 10};
  std::optional<std::pmr::unordered_map<std::pmr::string, Candidate>> candidates_{std::in_place,
                                                                                  &digest_arena_};
  // The last few captures by record ID, oldest first from recent_next_ once the ring is full:
  // a crawler's metadata record follows its response closely and re-keys the capture with
  // the page's role (page_annotation.h).
  struct Recent {
    std::string record_id;
    CaptureEntry entry;
  };
  std::vector<Recent> recent_;
  size_t recent_next_ = 0;
  // Buffers reused from record to record, so ingest allocates little per record.
  std::string key_, value_, digest_;
  // The previous record, while it may still pair with the next one (`valid`).
  struct Unpaired {
    bool valid = false;
    warc::RecordType type = warc::RecordType::kUnknown;
    std::string target_uri;
    std::string filename;
    bool has_capture = false;  // a response's or revisit's: the newest in recent_
    RequestHead request;       // a request's head; its body points into request_block
    std::string request_block;
  };
  Unpaired previous_;
};

// The outcome of indexing one file with IndexFiles.
struct FileResult {
  Status status;
  IngestStats stats;
};

// Indexes many files on up to `threads` threads, an Indexer each (LevelDB takes concurrent
// writers); results[i] is for paths[i]. When files share a payload, the digest keyspace
// names its earliest capture, as indexing them one by one in any order would.
std::vector<FileResult> IndexFiles(IndexDb* db, const std::vector<std::string>& paths,
                                   unsigned threads);

// Looks up the first (earliest indexed) capture of a payload digest (any encoding
// ParseDigest accepts).
Status LookupFirstCapture(const IndexDb& db, std::string_view payload_digest, FirstCapture* first);
// Looks up a file in the registry; NotFound when it was never ingested.
Status LookupIngestedFile(const IndexDb& db, std::string_view filename, IngestedFile* file);
// Every file in the registry, by name.
Status ListIngestedFiles(const IndexDb& db, std::vector<IngestedFile>* files);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_INDEXER_H_
