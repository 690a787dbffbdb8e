// GzipReader is a buffered byte source over a file. A file that starts with the gzip magic
// (1f 8b) is inflated member by member; any other file is read as plain bytes. It reports
// where on disk each gzip member starts and ends, so a WARC reader can locate the member of
// each record (WARC 1.1 annex D). Memory use is fixed: two buffers, whatever the input.
//
// A member wholly in the input buffer whose data fits the output buffer is inflated in one
// libdeflate call (far cheaper than resetting zlib per member); any other member, or one
// libdeflate rejects, is streamed by zlib, which reports damage. The `sl` FEXTRA subfield
// (wget's, and warcrawl's writer's: the member's compressed and inflated lengths) lets
// SkipMember() jump over a member's rest unread: its CRC is then not checked. Such a member
// is begun in small zlib steps; a reader that reads on gets it re-inflated whole by libdeflate.
//
// Thread-safety: not thread-safe; use one reader per thread. Distinct readers are independent.
#ifndef WARCRAWL_WARC_GZIP_READER_H_
#define WARCRAWL_WARC_GZIP_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"
#include "warc/unique_fd.h"

namespace warcrawl::warc {

class Inflater;      // the zlib stream, defined in gzip_reader.cc
class Decompressor;  // libdeflate's, defined in gzip_reader.cc

class GzipReader {
 public:
  // The buffers' sizes: file bytes read ahead, and inflated bytes delivered at most at once
  // (most records' data fits, so most members take the one-call path).
  static constexpr size_t kInputSize = size_t{128} * 1024;
  static constexpr size_t kOutputSize = size_t{256} * 1024;

 private:
  // Only Open() can construct: it alone can make an OpenKey.
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  // Opens `path` and detects gzip from its first two bytes.
  static Status Open(const std::string& path, std::unique_ptr<GzipReader>* out);

  GzipReader(OpenKey, std::string path, int fd);
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;
  ~GzipReader();

  bool gzip() const { return gzip_; }

  // A promise that every member is read to its end (SkipMember is not wanted): members with
  // a large `sl` claim are then inflated whole at once rather than begun in small steps.
  void set_reads_whole_members(bool on) { reads_whole_members_ = on; }

  // Continues reading at file offset `offset`; in a gzip file a member must start there.
  // Clears any earlier error.
  Status Seek(uint64_t offset);

  // Makes buffered() non-empty unless the data has ended, in which case *more is false: at
  // the end of the file or, when `cross_members` is false, at the end of the current member.
  // Data inflated before an error is delivered first; the error comes on a later call.
  Status Fill(bool cross_members, bool* more);
  // Buffered bytes, all from one gzip member. Valid until the next Fill/Consume/ReadLine.
  std::string_view buffered() const {
    return std::string_view(out_.get() + out_pos_, out_len_ - out_pos_);
  }
  // Drops the first `n` buffered bytes (n <= buffered().size()).
  void Consume(size_t n);

  // Jumps past the rest of the current member without inflating it when its `sl` subfield
  // says its data ends `rest` bytes after the consumed ones and the file agrees: the ISIZE
  // at the claimed end matches and the file ends or a member starts right after it.
  // Otherwise (or when the member is already inflated) *skipped is false and nothing moves.
  // The skipped data's CRC is not checked: damage inside it goes unnoticed here.
  Status SkipMember(uint64_t rest, bool* skipped);

  // Reads through the next '\n' or the end of the file, crossing members. Keeps at most
  // `keep` bytes of the line in *line but consumes all of it; *length is its full length,
  // 0 only at the end of the file.
  Status ReadLine(size_t keep, std::string* line, uint64_t* length);

  // Where the next byte comes from. For a gzip file: the file offset of the member that
  // holds the buffered bytes, and how many of its inflated bytes were consumed before them.
  uint64_t member_offset() const { return member_offset_; }
  uint64_t offset_in_member() const { return member_consumed_; }
  // Members entered since Open or Seek; a change means a member boundary was crossed.
  uint64_t member_ordinal() const { return member_ordinal_; }
  // True once the current member's data is all consumed and its trailer checked (gzip only).
  bool member_ended() const;
  // File offset just past the current member; meaningful once member_ended().
  uint64_t member_end() const { return member_end_; }
  // Plain file: the file offset of the next byte. Gzip: inflated bytes since Open or Seek.
  uint64_t position() const { return position_; }

 private:
  enum class State { kBetweenMembers, kInMember, kEnded };

  Status FillPlain(bool* more);
  Status BeginMember();
  // Inflates the member at the input in one libdeflate call if it is wholly buffered and
  // fits the output buffer; false leaves everything as it was, for zlib.
  bool InflateWhole();
  // Whether the current member is begun in small zlib steps, so that it can be skipped.
  bool Stepped() const;
  // After the first step of a stepped member: the whole member again by libdeflate, its data
  // delivered from where the consumer is, if the member is all buffered and fits the output.
  bool InflateRest();
  // libdeflate over the member at `member` (in the input buffer), delivering from `skip` on.
  bool InflateMember(unsigned char* member, size_t skip);
  Status InflateSome();
  // Copies up to `n` file bytes at `offset` into `out` (from the buffer when they are in it).
  Status PeekAt(uint64_t offset, size_t n, unsigned char* out, size_t* got);
  // Reads more input so that at least `n` unconsumed bytes are buffered, unless the file ends.
  Status EnsureInput(size_t n);
  uint64_t InputOffset() const;

  std::string path_;
  UniqueFd fd_;
  bool gzip_ = false;
  std::unique_ptr<Inflater> inflater_;
  std::unique_ptr<Decompressor> decompressor_;
  std::unique_ptr<char[]> in_;
  std::unique_ptr<char[]> out_;
  size_t out_pos_ = 0;
  size_t out_len_ = 0;
  uint64_t in_end_offset_ = 0;  // file offset just past the last byte read into in_
  bool input_ended_ = false;    // the last read found the end of the file
  State state_ = State::kBetweenMembers;
  bool output_pending_ = false;  // zlib filled the output buffer and may hold more
  size_t step_ = 0;              // output zlib may produce per call in this member
  bool reads_whole_members_ = false;
  bool rest_whole_ = false;  // a stepped member, still to try InflateRest once read on
  bool claim_ = false;       // the current member's header has an `sl` subfield
  uint32_t claim_compressed_ = 0;
  uint32_t claim_inflated_ = 0;
  Status error_;  // sticky once the data can no longer be trusted
  uint64_t member_offset_ = 0;
  uint64_t member_consumed_ = 0;
  uint64_t member_ordinal_ = 0;
  uint64_t member_end_ = 0;
  uint64_t position_ = 0;
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_GZIP_READER_H_
