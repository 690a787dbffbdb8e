// RecordPrefetcher reads a WARC file's records on a background thread, making the same
// WarcReader calls a reader of every block would (Next, then ReadBlock to the block's end),
// and hands the results over in order as events in owned buffers. Inflating thus overlaps
// with the consumer's work (digests, checks). A bounded set of recycled batches keeps
// memory fixed (kBatches x kBatchBytes of block data) whatever the record sizes.
//
// Thread-safety: one consumer thread calls Next(); the background thread is internal and is
// stopped and joined by the destructor.
#ifndef WARCRAWL_WARC_RECORD_PREFETCHER_H_
#define WARCRAWL_WARC_RECORD_PREFETCHER_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "warc/reader.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::warc {

struct PrefetchEvent {
  enum class Kind {
    kRecord,    // Next()'s result: status, header, offset (location().offset after it)
    kData,      // a piece of the current block: data()
    kBlockEnd,  // ReadBlock's end of the block (status OK, framing set) or its error
  };
  Kind kind = Kind::kRecord;
  Status status;
  RecordHeader header;
  uint64_t offset = 0;
  RecordFraming framing;
  std::string_view data;
};

class RecordPrefetcher {
 public:
  // Block data per batch, and batches in flight between the threads.
  static constexpr size_t kBatchBytes = size_t{256} * 1024;
  static constexpr size_t kBatches = 4;

  // Opens `path` on the calling thread (its error is returned) and starts reading ahead.
  static Status Open(const std::string& path, std::unique_ptr<RecordPrefetcher>* out);

  explicit RecordPrefetcher(std::unique_ptr<WarcReader> reader);
  RecordPrefetcher(const RecordPrefetcher&) = delete;
  RecordPrefetcher& operator=(const RecordPrefetcher&) = delete;
  ~RecordPrefetcher();

  // The next event, valid (and its header movable) until the next call. A kRecord event with
  // a non-OK status (EndOfFile at a clean end) is the last; later calls repeat EndOfFile.
  PrefetchEvent* Next();

 private:
  struct Batch {
    std::vector<PrefetchEvent> events;
    std::unique_ptr<char[]> bytes;
    size_t used = 0;
  };

  void Run();
  // The producer's side: an empty batch (nullptr once stopping), and handing a full one over.
  std::unique_ptr<Batch> TakeFree();
  void Push(std::unique_ptr<Batch> batch, bool last);

  std::unique_ptr<WarcReader> reader_;
  std::mutex mu_;
  std::condition_variable ready_cv_;  // a full batch or the end, for the consumer
  std::condition_variable free_cv_;   // a free batch or stopping, for the producer
  std::deque<std::unique_ptr<Batch>> ready_;
  std::vector<std::unique_ptr<Batch>> free_;
  bool finished_ = false;           // the producer pushed its last batch
  bool stopping_ = false;           // the destructor asks the producer to quit
  std::unique_ptr<Batch> current_;  // the consumer's batch
  size_t next_event_ = 0;
  PrefetchEvent end_;  // what Next() gives once everything was consumed
  std::thread thread_;
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECORD_PREFETCHER_H_
