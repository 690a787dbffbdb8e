// WarcValidator checks WARC files as strictly as jwarc's validator: every header rule
// (record_rules.h), every block and payload digest, gzip member boundaries (one member per
// record), the CRLF CRLF after each block, and for HTTP records the HTTP head and its
// Content-Length against the payload. Blocks are streamed, so memory stays bounded
// whatever the record sizes; a second thread reads and inflates ahead (RecordPrefetcher).
//
// Thread-safety: ValidateFile may run concurrently on distinct files.
#ifndef WARCRAWL_WARC_VALIDATOR_H_
#define WARCRAWL_WARC_VALIDATOR_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "warc/record_rules.h"
#include "warc/status.h"

namespace warcrawl::warc {

struct Problem {
  std::string file;
  uint64_t offset = 0;      // of the record (its gzip member) the problem is in
  std::string record_type;  // "response", …; empty for file-level problems
  Severity severity = Severity::kError;
  std::string message;

  // "FILE:OFFSET: TYPE: message" (with "warning: " before warnings).
  std::string ToString() const;
};

struct ValidationReport {
  uint64_t records = 0;
  uint64_t errors = 0;
  uint64_t warnings = 0;
  uint64_t digests_checked = 0;
};

using ProblemSink = std::function<void(const Problem&)>;

// Validates every record of `path`, calling `sink` for each problem as it is found and
// adding to *report. Returns non-OK only when the file cannot be read at all; damage
// inside it (a truncated member, a bad header) is a Problem, and the records before the
// damage are still checked.
Status ValidateFile(const std::string& path, const ProblemSink& sink, ValidationReport* report);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_VALIDATOR_H_
