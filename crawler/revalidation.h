// Conditional requests on re-crawls. Before a URL the archive already holds is fetched
// again, the validators of its newest 200 response capture (ETag, Last-Modified, read back
// from the WARC) are sent as If-None-Match / If-Modified-Since. A 304 answer is archived as a
// server-not-modified revisit of that capture, and its links are mined from that capture's
// payload, so that an unchanged listing still leads the crawl to the posts below it.
//
// Thread-safety: pure functions over a thread-safe IndexDb; Revalidation is a value.
#ifndef WARCRAWL_CRAWLER_REVALIDATION_H_
#define WARCRAWL_CRAWLER_REVALIDATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "index/capture.h"
#include "index/index_db.h"
#include "warc/date.h"
#include "warc/status.h"

namespace warcrawl::crawler {

struct Revalidation {
  index::CaptureEntry capture;  // the capture whose validators were sent
  std::string record_id;        // its WARC-Record-ID, WARC-Date and payload digest, for the
  warc::TimePoint date{};       // revisit's WARC-Refers-To fields
  std::string payload_digest;
  std::string etag;
  std::string last_modified;

  // "If-None-Match: …" and/or "If-Modified-Since: …".
  std::vector<std::string> RequestHeaders() const;
};

// False when the archive holds no 200 response of the URL, or it carried no validator.
bool FindRevalidation(const index::IndexDb& db, std::string_view url, Revalidation* out);

// The archived HTTP block (head and body as received) of the capture.
Status ReadCapturedBlock(const index::IndexDb& db, const index::CaptureEntry& capture,
                         std::string* block);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_REVALIDATION_H_
