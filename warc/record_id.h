// WARC-Record-IDs: "<urn:uuid:…>" with a random (version 4) UUID, as jwarc, warcio and
// Heritrix write them.
//
// Thread-safety: NewRecordId may be called from any thread.
#ifndef WARCRAWL_WARC_RECORD_ID_H_
#define WARCRAWL_WARC_RECORD_ID_H_

#include <string>
#include <string_view>

namespace warcrawl::warc {

// A fresh "<urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx>".
std::string NewRecordId();

// True for "<scheme:…>" with no whitespace inside: the form WARC 1.1 gives a record ID.
bool IsValidRecordId(std::string_view id);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECORD_ID_H_
