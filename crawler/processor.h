// Processor is the crawl's pipeline behind the fetch loop, on threads of its own: a mining
// thread (decoding, link extraction, the page's role) and one archiving thread per
// Archiver (WARC records, compressed there, and their index entries; each archiver writes
// its own files). A finished fetch goes through both stages and comes back as an outcome;
// with several archivers, outcomes may come back out of submission order. Keeping zlib and the HTML
// parser off the fetch loop, and apart from each other, lets transfers, parsing and compression use
// all the cores a small machine has.
//
// Thread-safety: Submit, TakeOutcome, backlog and Stop are called by the fetch loop's
// thread; the stage threads only run the jobs. `wake` is called from the archiving thread.
#ifndef WARCRAWL_CRAWLER_PROCESSOR_H_
#define WARCRAWL_CRAWLER_PROCESSOR_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "crawler/archiver.h"
#include "crawler/crawl_url.h"
#include "crawler/fetcher.h"
#include "crawler/page_miner.h"
#include "crawler/revalidation.h"

namespace warcrawl::crawler {

struct ProcessJob {
  uint64_t ticket = 0;  // the caller's token, echoed in the outcome
  CrawlUrl url;
  FetchResult fetch;
  std::shared_ptr<const Revalidation> revalidation;  // the validators the request sent
};

struct ProcessOutcome {
  uint64_t ticket = 0;
  CrawlUrl url;
  FetchResult fetch;  // response_body released; response_size keeps its length
  uint64_t response_size = 0;
  MinedPage page;
  ArchivedFetch archived;
  bool archived_ok = false;
  Status archive_status;  // an error here stops the crawl (a disk problem)
};

class Processor {
 public:
  // `index` is read to mine a 304 from the capture it confirms.
  Processor(std::vector<Archiver*> archivers, MiningOptions options, const index::IndexDb* index,
            std::function<void()> wake);
  ~Processor();
  Processor(const Processor&) = delete;
  Processor& operator=(const Processor&) = delete;

  void Submit(ProcessJob job);
  // Moves the oldest finished outcome into *outcome; false when none is ready.
  bool TakeOutcome(ProcessOutcome* outcome);
  // Jobs submitted and not yet taken back as outcomes.
  size_t backlog() const;
  // Finishes every queued job, then joins the threads.
  void Stop();

 private:
  // A job between the stages: mined, not yet archived.
  struct Mined {
    ProcessOutcome outcome;
    std::string body;  // the response body, still needed for the response record
    std::string metadata_fields;
    std::shared_ptr<const Revalidation> not_modified;  // a 304 to these validators
  };

  void MineLoop();
  void ArchiveLoop(Archiver* archiver);
  Mined Mine(ProcessJob job);
  // A 304 is mined as the capture it confirms: an unchanged page still leads somewhere.
  void MineConfirmed(const ProcessJob& job, MinedPage* page);
  static ProcessOutcome Archive(Archiver* archiver, Mined mined);

  std::vector<Archiver*> archivers_;
  MiningOptions options_;
  const index::IndexDb* index_;
  std::function<void()> wake_;
  mutable std::mutex mu_;
  std::condition_variable jobs_cv_;
  std::condition_variable mined_cv_;
  std::deque<ProcessJob> jobs_;
  std::deque<Mined> mined_;
  std::deque<ProcessOutcome> outcomes_;
  size_t backlog_ = 0;
  bool stopping_ = false;     // no more jobs will come
  bool mining_done_ = false;  // the mining thread has drained jobs_ and left
  std::thread miner_;
  std::vector<std::thread> archive_threads_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_PROCESSOR_H_
