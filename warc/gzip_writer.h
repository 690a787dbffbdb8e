// GzipMemberWriter compresses one complete gzip member at a time (RFC 1952), so that every
// WARC record is its own member and can be read from its offset alone (WARC 1.1 annex D).
// A member's input is buffered and compressed at Finish in one libdeflate call, faster and
// smaller than zlib's stream at the same level. Levels 0-9 are libdeflate's levels 0-9,
// like zlib's in intent, not byte for byte (gzipLevel 0 writes plain .warc: never used here).
// A member whose input outgrows the buffer limit is deflated by zlib as it arrives instead.
//
// Each header carries wget's `sl` FEXTRA subfield (the member's compressed length, header
// and trailer included, then its uncompressed length, both little-endian uint32), so a
// reader can skip a member without inflating it. The field is left out when a length does
// not fit in 32 bits. Unlike wget 1.14 and older, the subfield has its RFC 1952 LEN.
//
// Thread-safety: not thread-safe; use one writer per thread.
#ifndef WARCRAWL_WARC_GZIP_WRITER_H_
#define WARCRAWL_WARC_GZIP_WRITER_H_

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

struct libdeflate_compressor;  // <libdeflate.h> is private to warc/

namespace warcrawl::warc {

class GzipMemberWriter {
 public:
  // Buffering adds a copy of the input to the caller's block and the output: past 64 MiB
  // (most of the 100 MB maxBodySize) a record's peak memory matters more than the CPU saved.
  static constexpr size_t kDefaultBufferLimit = size_t{64} << 20;

  // level: 0 (store) to 9 (smallest); 6 is zlib's default. Input beyond `buffer_limit`
  // bytes in one member is streamed through zlib.
  explicit GzipMemberWriter(int level, size_t buffer_limit = kDefaultBufferLimit);
  ~GzipMemberWriter();
  GzipMemberWriter(const GzipMemberWriter&) = delete;
  GzipMemberWriter& operator=(const GzipMemberWriter&) = delete;

  // Starts a member whose compressed bytes are appended to *out.
  Status Begin(std::string* out);
  Status Add(std::string_view data);
  // Ends the member (trailer with CRC-32 and length); Begin must follow before more Add.
  // On error nothing of the member is left in *out.
  Status Finish();

  int level() const { return level_; }

 private:
  struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const;
  };

  Status CompressBuffered();
  // Switches the member to zlib, deflating what was buffered so far.
  Status StartStreaming();
  Status DeflateAll(std::string_view data, int flush);
  Status Deflate(std::string_view data, int flush);
  void EndMember();

  int level_;
  size_t buffer_limit_;
  std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor_;
  bool in_member_ = false;
  bool streaming_ = false;
  Status error_;       // sticky for the member: Finish must not close a member missing data
  std::string input_;  // the member's input while it is buffered for libdeflate
  uint32_t crc_ = 0;   // of the input streamed so far
  uint64_t input_size_ = 0;
  size_t member_start_ = 0;  // offset of the member's header in *out_
  bool stream_initialized_ = false;
  z_stream stream_{};
  std::string* out_ = nullptr;
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_GZIP_WRITER_H_
