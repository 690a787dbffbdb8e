// GzipMemberWriter compresses one complete gzip member at a time (RFC 1952), so that every
// WARC record is its own member and can be read from its offset alone (WARC 1.1 annex D).
// The z_stream is kept and reset between members: allocating it per record costs more
// than compressing a small record.
//
// Thread-safety: not thread-safe; use one writer per thread.
#ifndef WARCRAWL_WARC_GZIP_WRITER_H_
#define WARCRAWL_WARC_GZIP_WRITER_H_

#include <zlib.h>

#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::warc {

class GzipMemberWriter {
 public:
  // level: zlib's 0 (store) to 9 (smallest); Z_DEFAULT_COMPRESSION is 6.
  explicit GzipMemberWriter(int level);
  ~GzipMemberWriter();
  GzipMemberWriter(const GzipMemberWriter&) = delete;
  GzipMemberWriter& operator=(const GzipMemberWriter&) = delete;

  // Starts a member whose compressed bytes are appended to *out.
  Status Begin(std::string* out);
  Status Add(std::string_view data);
  // Ends the member (trailer with CRC-32 and length); Begin must follow before more Add.
  Status Finish();

  int level() const { return level_; }

 private:
  Status Deflate(std::string_view data, int flush);

  int level_;
  bool initialized_ = false;
  bool in_member_ = false;
  z_stream stream_{};
  std::string* out_ = nullptr;
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_GZIP_WRITER_H_
