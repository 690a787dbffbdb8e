// Processor is the crawl's second thread: it takes each finished fetch from the fetch
// loop, mines it (decoding, link extraction, the page's role), archives it (WARC records,
// compressed here, and their index entries) and hands the outcome back. Keeping zlib and
// the HTML parser off the fetch loop lets transfers proceed while pages are written.
// Jobs are processed in submission order.
//
// Thread-safety: Submit, TakeOutcome, backlog and Stop are called by the fetch loop's
// thread; the worker thread only runs the jobs. `wake` is called from the worker thread.
#ifndef WARCRAWL_CRAWLER_PROCESSOR_H_
#define WARCRAWL_CRAWLER_PROCESSOR_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "crawler/archiver.h"
#include "crawler/crawl_url.h"
#include "crawler/fetcher.h"
#include "crawler/page_miner.h"

namespace warcrawl::crawler {

struct ProcessJob {
  uint64_t ticket = 0;  // the frontier's
  CrawlUrl url;
  FetchResult fetch;
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
  Processor(Archiver* archiver, MiningOptions options, std::function<void()> wake);
  ~Processor();
  Processor(const Processor&) = delete;
  Processor& operator=(const Processor&) = delete;

  void Submit(ProcessJob job);
  // Moves the oldest finished outcome into *outcome; false when none is ready.
  bool TakeOutcome(ProcessOutcome* outcome);
  // Jobs submitted and not yet taken back as outcomes.
  size_t backlog() const;
  // Finishes the queued jobs, then joins the thread.
  void Stop();

 private:
  void Run();
  ProcessOutcome Process(ProcessJob job);

  Archiver* archiver_;
  MiningOptions options_;
  std::function<void()> wake_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<ProcessJob> jobs_;
  std::deque<ProcessOutcome> outcomes_;
  size_t backlog_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_PROCESSOR_H_
