// The WARC 1.1 rules for a record header alone, as strictly as jwarc's validator applies
// them: mandatory fields, fields forbidden on or required by a record type, fields that may
// not repeat, and the syntax of dates, record IDs, URIs, digests and IP addresses.
// Checks that need the block (digests, HTTP framing) live in the validator.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_WARC_RECORD_RULES_H_
#define WARCRAWL_WARC_RECORD_RULES_H_

#include <string>
#include <vector>

#include "warc/record.h"

namespace warcrawl::warc {

enum class Severity {
  kError,    // breaks the standard or loses data: `warc check` fails
  kWarning,  // legal but unusual, or what old tools wrote: reported, not counted
};

struct RuleViolation {
  Severity severity;
  std::string message;
};

// Appends every rule the header breaks to *out.
void CheckRecordHeader(const RecordHeader& header, std::vector<RuleViolation>* out);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECORD_RULES_H_
