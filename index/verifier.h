// VerifyIndex proves that the index and the WARCs agree: it reads every capture's record
// back from its file and offset and checks that a whole record is there with the URL, time
// and type the entry says. After a crash this is how we know no entry points at bytes that
// never reached the disk.
//
// Thread-safety: may run while other threads read the IndexDb.
#ifndef WARCRAWL_INDEX_VERIFIER_H_
#define WARCRAWL_INDEX_VERIFIER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::index {

struct VerifyReport {
  uint64_t captures = 0;
  uint64_t problems = 0;
};

// Called with one line per problem ("FILE:OFFSET: what").
using VerifySink = std::function<void(const std::string&)>;

// Non-OK only when the index itself cannot be read.
Status VerifyIndex(const IndexDb& db, const VerifySink& sink, VerifyReport* report);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_VERIFIER_H_
