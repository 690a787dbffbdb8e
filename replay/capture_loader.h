// CaptureLoader reads an indexed capture back from its WARC file and turns it into what the
// replay server sends: the archived HTTP status, headers and entity body. A revisit record
// holds no payload, so the loader finds the capture it refers to (WARC-Refers-To-Target-URI
// and -Date, else the first capture of the same payload digest) and serves that payload
// under the revisit's own headers; a 304 revisit (server-not-modified) takes the original's.
//
// Thread-safety: Load is const and opens its own readers; many threads may share a loader.
#ifndef WARCRAWL_REPLAY_CAPTURE_LOADER_H_
#define WARCRAWL_REPLAY_CAPTURE_LOADER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "index/capture.h"
#include "index/index_db.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::replay {

struct ArchivedResponse {
  index::CaptureEntry capture;  // the capture asked for (a revisit stays a revisit here)
  int status = 200;
  std::string reason;
  warc::HeaderFields headers;  // as archived, Transfer-Encoding and all
  // De-chunked, still content-encoded; content_codings lists what was applied, in order.
  std::string entity_body;
  std::vector<std::string> content_codings;
  std::string payload_capture_timestamp;  // for a revisit: when its payload was captured
  bool truncated = false;                 // the record (or its original) has WARC-Truncated
};

class CaptureLoader {
 public:
  // A record block larger than this is not replayed (the server says 502 with the reason):
  // the loader holds a block in memory.
  static constexpr size_t kMaxBlock = size_t{256} << 20;

  explicit CaptureLoader(const index::IndexDb& db) : db_(db) {}

  // Reads `entry`'s record. NotFound when its file is unknown or gone, Corruption when the
  // record there is not the one the index names, NotSupported for a record type that does
  // not replay (request, metadata, warcinfo) or a revisit whose payload is not archived.
  Status Load(const index::CaptureEntry& entry, ArchivedResponse* out) const;

 private:
  struct RawRecord;
  Status ReadRecord(const std::string& filename, uint64_t offset, RawRecord* record) const;
  Status ResolveRevisit(const index::CaptureEntry& entry, RawRecord* original) const;
  Status FindOriginalByRefersTo(const index::CaptureEntry& entry, RawRecord* original) const;

  const index::IndexDb& db_;
};

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_CAPTURE_LOADER_H_
