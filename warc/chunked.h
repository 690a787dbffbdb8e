// HTTP/1.1 chunked transfer coding (RFC 9112 section 7.1), decoded incrementally so a
// record's body can be streamed through it. Lenient where real archives need it (bare-LF
// line ends, input that stops at a chunk boundary) and strict about everything else: a
// malformed size line or a chunk whose data is not followed by its line end is Corruption
// naming the byte offset within the chunked body.
//
// Thread-safety: a ChunkedDecoder is not thread-safe; distinct objects may be used from
// distinct threads. Dechunk is thread-safe.
#ifndef WARCRAWL_WARC_CHUNKED_H_
#define WARCRAWL_WARC_CHUNKED_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::warc {

// Longest size line (with extensions) or trailer line, and the largest trailer section,
// accepted; beyond these the input is garbage and is not buffered.
inline constexpr size_t kMaxChunkLineBytes = 4096;
inline constexpr size_t kMaxChunkTrailerBytes = size_t{64} * 1024;

class ChunkedDecoder {
 public:
  ChunkedDecoder() = default;

  // Decodes `in`, the next bytes of the chunked body, appending chunk data to *out. Bytes
  // after the end of the chunked body are counted in trailing_bytes() and otherwise
  // ignored. After an error every later call returns the same error.
  Status Feed(std::string_view in, std::string* out);

  // The last chunk and the blank line ending the trailer section have been read.
  bool done() const { return state_ == State::kDone; }
  // The zero-size last chunk has been read: all data is known even if trailers are cut off.
  bool last_chunk_seen() const { return state_ == State::kTrailer || state_ == State::kDone; }
  // Bytes fed after the end of the chunked body.
  uint64_t trailing_bytes() const { return trailing_; }
  // Fields from the trailer section.
  const HeaderFields& trailers() const { return trailers_; }

 private:
  enum class State { kSizeLine, kData, kDataEnd, kTrailer, kDone, kError };

  // Each step consumes a prefix of *in; it returns non-OK only to stop with an error.
  Status StepLine(std::string_view* in);
  Status StepData(std::string_view* in, std::string* out);
  Status StepDataEnd(std::string_view* in);
  Status OnSizeLine(std::string_view line);
  Status OnTrailerLine(std::string_view line);
  Status Fail(std::string message);

  State state_ = State::kSizeLine;
  std::string line_;           // the size or trailer line collected so far
  uint64_t line_offset_ = 0;   // where line_ starts in the chunked body
  bool lf_only_ = false;       // the last size line ended with a bare LF
  uint64_t chunk_size_ = 0;    // size of the chunk being copied
  uint64_t chunk_offset_ = 0;  // where its data starts
  uint64_t remaining_ = 0;     // its bytes still to copy
  bool data_end_cr_ = false;   // the CR after the chunk data has been seen
  uint64_t offset_ = 0;        // bytes of the chunked body consumed so far
  size_t trailer_bytes_ = 0;
  uint64_t trailing_ = 0;
  HeaderFields trailers_;
  Status error_;
};

// Decodes a whole chunked body into *out (replacing its contents). Input that stops before
// the last chunk is not an error: *complete is false and *out holds the data decoded so far.
// *complete is true once the last chunk has been read, even if the trailer section is cut
// off. On error *out also keeps what was decoded before the damage.
Status Dechunk(std::string_view body, std::string* out, bool* complete);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_CHUNKED_H_
