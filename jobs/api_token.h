// The bearer token that guards the jobs API's mutating endpoints: 32 random bytes in hex,
// made on the service's first start and kept in DATA/api-token, readable by its owner only
// (mode 0600), so that only who can read the data directory can change jobs.
//
// Thread-safety: plain functions.
#ifndef WARCRAWL_JOBS_API_TOKEN_H_
#define WARCRAWL_JOBS_API_TOKEN_H_

#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::jobs {

// Reads DATA/api-token, or creates it. A token file that others may read is made 0600.
Status LoadOrCreateApiToken(const std::string& data_dir, std::string* token);

// Whether an Authorization header value is "Bearer TOKEN" for this token (constant time).
bool BearerMatches(std::string_view authorization, std::string_view token);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_API_TOKEN_H_
