// CrawlLog writes DATA/logs/crawl.log one line per URL the crawler finished with, in
// Heritrix's crawl.log column order so archivists' tools and habits carry over:
//   timestamp status size URL discovery-path via MIME #worker fetch-begin+duration digest
//   source annotations
// Status is the HTTP code, or one of Heritrix's negative codes for fetches that got none.
// Each line is one write(2) on an O_APPEND file: a killed crawl leaves whole lines.
//
// Thread-safety: not thread-safe; the crawl loop owns it.
#ifndef WARCRAWL_CRAWLER_CRAWL_LOG_H_
#define WARCRAWL_CRAWLER_CRAWL_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "warc/date.h"
#include "warc/status.h"
#include "warc/unique_fd.h"

namespace warcrawl::crawler {

// Heritrix's fetch status codes for URLs that got no HTTP status.
enum CrawlStatusCode : int {
  kStatusDnsFailed = -1,
  kStatusConnectFailed = -2,
  kStatusConnectionBroken = -3,
  kStatusTimeout = -4,
  kStatusUnexpected = -5,
  kStatusRobotsUnavailable = -61,  // prerequisite robots.txt could not be fetched
  kStatusRetriesExhausted = -8,
  kStatusRobotsBlocked = -9998,
};

struct CrawlLogEntry {
  warc::TimePoint logged;
  int status = 0;
  int64_t size = -1;  // bytes received (head and body); -1 for none
  std::string url;
  std::string path;  // discovery path; "-" for a seed
  std::string via;
  std::string mime;
  int worker = 0;
  warc::TimePoint fetch_began;
  int64_t duration_ms = -1;  // -1: not fetched
  std::string digest;        // "sha1:…"
  std::vector<std::string> annotations;
};

std::string FormatCrawlLogLine(const CrawlLogEntry& entry);

class CrawlLog {
 public:
  // Opens (creating directories) for appending.
  static Status Open(const std::string& path, std::unique_ptr<CrawlLog>* log);
  Status Append(const CrawlLogEntry& entry);

  explicit CrawlLog(UniqueFd fd) : fd_(std::move(fd)) {}

 private:
  UniqueFd fd_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_LOG_H_
