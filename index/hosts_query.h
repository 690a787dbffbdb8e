// The hosts an index holds captures of, found by skipping from one SURT host to the next
// (one seek per host, not one read per capture), so a collection's front page stays cheap
// however many captures each host has.
//
// Thread-safety: ListHosts may run concurrently on one IndexDb.
#ifndef WARCRAWL_INDEX_HOSTS_QUERY_H_
#define WARCRAWL_INDEX_HOSTS_QUERY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::index {

struct ArchivedHost {
  std::string surt_host;  // "com,example" (a port stays: "com,example:8080")
  std::string first_url;  // the first capture's URL under it, in key order
};

// Up to `limit` hosts in SURT order (0: no limit); *truncated says whether more exist.
// URLs without a host (dns:, urn:…) are skipped.
Status ListHosts(const IndexDb& db, size_t limit, std::vector<ArchivedHost>* hosts,
                 bool* truncated);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_HOSTS_QUERY_H_
