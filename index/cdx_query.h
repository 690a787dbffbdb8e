// CDX queries over the index with the parameters and meaning of pywb's CDX server API (and
// OutbackCDX's): a URL with matchType exact, prefix, host or domain (or the wildcard
// shortcuts "http://example.com/path/*" and "*.example.com"), a from/to time range with
// partial timestamps, closest-first ordering, reverse order, a limit and field filters.
// Each is one LevelDB range scan; "closest" walks out from the target time in both
// directions at once, as OutbackCDX does, instead of sorting every capture as pywb does.
//
// Thread-safety: RunCdxQuery may run concurrently on one IndexDb.
#ifndef WARCRAWL_INDEX_CDX_QUERY_H_
#define WARCRAWL_INDEX_CDX_QUERY_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "index/capture.h"
#include "index/cdx_filter.h"
#include "index/index_db.h"
#include "index/surt.h"
#include "warc/status.h"

namespace warcrawl::index {

// "exact", "prefix", "host", "domain"; InvalidArgument for anything else.
Status ParseMatchType(std::string_view name, MatchType* type);

struct CdxQuery {
  std::string url;
  MatchType match_type = MatchType::kExact;
  std::string from;     // 1-14 digits, padded down; empty: no lower bound
  std::string to;       // 1-14 digits, padded up; empty: no upper bound
  std::string closest;  // 1-14 digits: order by distance from this time
  size_t limit = 0;     // 0: no limit
  bool reverse = false;
  // The URL exactly as written: no "*" or "*." shortcut (replay looks up archived URLs,
  // and "…&*" is a real one).
  bool literal_url = false;
  std::vector<CdxFilter> filters;
};

// Called for each capture in order; return false to stop early.
using CaptureSink = std::function<bool(const CaptureEntry&)>;

// Runs the query. Bad parameters (an unparseable URL or timestamp) are InvalidArgument
// before anything is read; a damaged index entry is Corruption naming its key.
Status RunCdxQuery(const IndexDb& db, const CdxQuery& query, const CaptureSink& sink);

// A capture's value for a field name as the CDX API names it ("url", "mime", "status",
// "digest", "length", "offset", "filename", "urlkey", "timestamp", …; the classic
// "original", "mimetype" and "statuscode" are accepted too). Empty for an unknown field.
std::string CaptureField(const CaptureEntry& entry, std::string_view name);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_CDX_QUERY_H_
