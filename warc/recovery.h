// RecoverOpenWarc finishes a WARC file that a killed writer left behind as "….warc.gz.open":
// it keeps every whole record, cuts off a partial last record, and renames the file to its
// final name (an empty one is removed). It cuts only what is provably a crash's tail — a
// prefix of one record, i.e. a gzip member that stops without an error, or a plain record
// that the file ends inside — and refuses (Corruption, nothing changed) any other damage, so
// recovery never throws away a record that could be read.
//
// Thread-safety: call it on a file no writer has open.
#ifndef WARCRAWL_WARC_RECOVERY_H_
#define WARCRAWL_WARC_RECOVERY_H_

#include <cstdint>
#include <string>

#include "warc/status.h"

namespace warcrawl::warc {

struct RecoveryResult {
  uint64_t records = 0;    // whole records kept
  uint64_t bytes_cut = 0;  // of the partial last record
  std::string final_path;  // empty when the file held no whole record and was removed
};

// `open_path` must end in ".open".
Status RecoverOpenWarc(const std::string& open_path, RecoveryResult* result);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECOVERY_H_
