// WarcReader reads the records of a WARC file in order, as a stream: Next() gives each
// record's header and ReadBlock() streams its block, so a record of any size is read in
// fixed memory. gzip files (one member per record, or any other layout) and plain files are
// read alike. Each record's location (what an index stores) and framing (how it sat in the
// file: gzip members, line endings, stray bytes) are reported, so a validator can flag what
// the reader tolerated. Versions WARC/0.17, 0.18, 1.0 and 1.1 are read; ARC is not (yet).
//
// Thread-safety: not thread-safe; use one reader per thread. Distinct readers are independent.
#ifndef WARCRAWL_WARC_READER_H_
#define WARCRAWL_WARC_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "warc/gzip_reader.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::warc {

// How one record sat in its file. Tolerated irregularities are reported here rather than
// failing the read; what cannot be parsed at all is an error from the reader instead.
struct RecordFraming {
  bool gzip = false;            // the file is gzip-compressed (the member fields apply)
  bool starts_member = false;   // the version line is the first byte of a gzip member
  bool ends_member = false;     // a gzip member ends right after the record's trailer
  uint32_t members = 0;         // gzip members holding the record's bytes (1 per annex D)
  bool header_crlf = true;      // every header line ended in exactly CRLF
  bool trailer_crlf = false;    // the block was followed by exactly CRLF CRLF
  bool trailer_unread = false;  // SkipBlockUnverified jumped over the block's end and trailer
  uint64_t blank_before = 0;    // bytes of extra blank lines between the previous record and this
  uint64_t junk_before = 0;     // bytes of other lines skipped there (e.g. after a short block)

  // One gzip member holding exactly this record, as WARC 1.1 annex D asks.
  bool member_per_record() const { return gzip && starts_member && ends_member && members == 1; }
  // Whether reading from location().offset yields this record first.
  bool addressable() const { return !gzip || (starts_member && ends_member); }
};

class WarcReader {
 public:
  // How far past a block the reader looks for the next version line before giving up.
  static constexpr uint64_t kMaxJunk = 1 << 20;
  // Longest record header accepted; a longer one is Corruption (bounds memory).
  static constexpr size_t kMaxHeaderSize = size_t{256} * 1024;

  static Status Open(const std::string& path, std::unique_ptr<WarcReader>* out);

  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // Continues reading at the record at `offset`: a gzip member's offset, or a byte offset
  // in a plain file (a location().offset). Clears any earlier error.
  Status Seek(uint64_t offset);

  // Reads the next record's header, first skipping what is left of the previous block.
  // Status::EndOfFile() at a clean end. Errors are sticky until Seek().
  Status Next(RecordHeader* header);

  // Reads up to `n` (> 0) bytes of the current block into `buf`; *got is 0 once the block is
  // over, and that call also reads the block's trailer and settles location() and framing().
  Status ReadBlock(char* buf, size_t n, size_t* got);
  // Reads the rest of the block into *out, unless the block is longer than `max_size`
  // (InvalidArgument, nothing consumed: it can still be streamed).
  Status ReadWholeBlock(std::string* out, size_t max_size);
  // Discards the rest of the block; location() and framing() are then settled.
  Status SkipBlock();
  // As SkipBlock, but when the record is alone in its gzip member and the member's `sl`
  // subfield gives its lengths (wget's and warcrawl's writers), it jumps to the member's
  // end instead of inflating the rest, once the file confirms the claim (GzipReader::
  // SkipMember). The skipped bytes' CRC is then not checked, nor the trailer (framing().
  // trailer_unread): for ingest, not for checking a file.
  Status SkipBlockUnverified();

  // The current record's Content-Length.
  uint64_t content_length() const { return content_length_; }
  // The current record's place on disk: for gzip, the offset of the member holding its
  // version line and, when a member ends with the record, the length up to that end (else
  // 0); for a plain file, the byte offset of the version line and the length through the
  // trailer. Complete once the block is over; check framing().addressable() before indexing.
  const RecordLocation& location() const { return location_; }
  const RecordFraming& framing() const { return framing_; }
  bool gzip() const { return source_->gzip(); }
  // A promise to read every block (SkipBlockUnverified then skips nothing): gzip members are
  // inflated whole at once, none begun in steps for skipping (GzipReader).
  void set_reads_every_block(bool on) { source_->set_reads_whole_members(on); }

 private:
  enum class Phase { kNoRecord, kInBlock, kBlockDone };

  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  WarcReader(OpenKey, std::string path, std::unique_ptr<GzipReader> source);

 private:
  Status FindVersionLine(std::string* line);
  // Reads the header lines after *version_line onto it and parses them.
  Status ReadHeader(std::string* version_line, RecordHeader* header);
  // Moves the header lines that are whole in the buffer onto *text, up to the one that
  // ends the header (then *done); checked as ReadHeader checks a line it reads.
  Status TakeBufferedLines(std::string* text, bool* done);
  // How many more bytes a header of `used` bytes may have.
  static size_t HeaderRoom(size_t used);
  Status HeaderTooLong() const;
  Status CheckContentLength(const RecordHeader& header);
  // The buffered bytes of the block (at least one): call while remaining_ > 0.
  Status BlockBytes(std::string_view* bytes);
  void ConsumeBlock(size_t n);
  Status FinishBlock();
  // Sets location() and framing()'s member fields once the block and trailer are passed.
  void SettleLocation(uint64_t end_position);
  Status Truncated() const;
  // "record at offset N", naming the current record in messages.
  std::string Where() const;
  Status Fail(Status s);

  std::string path_;
  std::unique_ptr<GzipReader> source_;
  Phase phase_ = Phase::kNoRecord;
  Status error_;
  bool at_start_ = true;  // nothing read since Open or Seek
  uint64_t content_length_ = 0;
  uint64_t remaining_ = 0;
  uint64_t offset_in_member_ = 0;  // of the current record's version line
  uint64_t start_position_ = 0;
  uint64_t start_ordinal_ = 0;
  uint64_t pending_blank_ = 0;  // blank bytes consumed after a trailer, for the next record
  RecordLocation location_;
  RecordFraming framing_;
  std::string header_text_;  // the current header's lines, its buffer reused
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_READER_H_
