#include "warc/reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace warcrawl::warc {
namespace {

constexpr size_t kMaxVersionLine = 256;  // longer lines are junk, so only a prefix is kept
constexpr size_t kMaxTrailer = 8;        // CRLF CRLF, with room for stray CRs
constexpr size_t kTrailerSize = 4;       // CRLF CRLF, as a skipped member must end
constexpr size_t kWholeBlockChunk = size_t{64} * 1024;

constexpr std::array<std::string_view, 4> kVersions = {"WARC/0.17", "WARC/0.18", "WARC/1.0",
                                                       "WARC/1.1"};

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A header ends at a line of nothing but line-end characters (CRLF, LF, CR CR LF).
// By hand: find_first_not_of calls memchr for each byte it tests, once per header line.
bool IsLineEnd(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == '\r' || c == '\n'; });
}

bool EndsInCrlf(std::string_view line) {
  return line.ends_with("\r\n") && !line.ends_with("\r\r\n");
}

std::string_view TrimLine(std::string_view s) {
  while (!s.empty() && std::strchr(" \t\r\n", s.back()) != nullptr) s.remove_suffix(1);
  return s;
}

// A short, printable rendering of untrusted text for an error message.
std::string Printable(std::string_view s) {
  s = TrimLine(s).substr(0, 40);
  std::string out;
  for (char c : s) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

std::string OffsetName(uint64_t offset, uint64_t in_member) {
  std::string s = "offset " + std::to_string(offset);
  if (in_member > 0)
    s += " (+" + std::to_string(in_member) + " inflated bytes into its gzip member)";
  return s;
}

}  // namespace

WarcReader::WarcReader(OpenKey, std::string path, std::unique_ptr<GzipReader> source)
    : path_(std::move(path)), source_(std::move(source)) {}

Status WarcReader::Open(const std::string& path, std::unique_ptr<WarcReader>* out) {
  std::unique_ptr<GzipReader> source;
  if (Status s = GzipReader::Open(path, &source); !s.ok()) return s;
  *out = std::make_unique<WarcReader>(OpenKey(), path, std::move(source));
  return Status::OK();
}

Status WarcReader::Seek(uint64_t offset) {
  phase_ = Phase::kNoRecord;
  error_ = Status::OK();
  at_start_ = true;
  content_length_ = remaining_ = pending_blank_ = 0;
  location_ = RecordLocation{path_, offset, 0};
  framing_ = RecordFraming();
  return Fail(source_->Seek(offset));
}

Status WarcReader::Next(RecordHeader* header) {
  if (!error_.ok()) return error_;
  if (phase_ == Phase::kInBlock) {
    if (Status s = SkipBlock(); !s.ok()) return s;
  }
  phase_ = Phase::kNoRecord;
  if (Status s = FindVersionLine(&header_text_); !s.ok()) return Fail(s);
  at_start_ = false;
  if (Status s = ReadHeader(&header_text_, header); !s.ok()) return Fail(s);
  if (Status s = CheckContentLength(*header); !s.ok()) return Fail(s);
  phase_ = Phase::kInBlock;
  return Status::OK();
}

Status WarcReader::ReadBlock(char* buf, size_t n, size_t* got) {
  *got = 0;
  if (!error_.ok()) return error_;
  if (phase_ == Phase::kBlockDone) return Status::OK();
  if (phase_ == Phase::kNoRecord) return Status::InvalidArgument("no current record: call Next()");
  if (n == 0) return Status::InvalidArgument("ReadBlock needs room for at least one byte");
  if (remaining_ == 0) return FinishBlock();
  std::string_view b;
  if (Status s = BlockBytes(&b); !s.ok()) return s;
  const size_t take = std::min(n, b.size());
  std::memcpy(buf, b.data(), take);
  ConsumeBlock(take);
  *got = take;
  return Status::OK();
}

Status WarcReader::ReadWholeBlock(std::string* out, size_t max_size) {
  out->clear();
  if (!error_.ok()) return error_;
  if (phase_ == Phase::kInBlock && remaining_ > max_size) {
    return Status::InvalidArgument(Where() + ": block of " + std::to_string(remaining_) +
                                   " bytes is larger than the limit of " +
                                   std::to_string(max_size));
  }
  for (;;) {
    size_t old = out->size();
    size_t chunk = static_cast<size_t>(std::clamp<uint64_t>(remaining_, 1, kWholeBlockChunk));
    out->resize(old + chunk);
    size_t got = 0;
    Status s = ReadBlock(out->data() + old, chunk, &got);
    out->resize(old + got);
    if (!s.ok() || got == 0) return s;
  }
}

Status WarcReader::SkipBlock() {
  if (!error_.ok()) return error_;
  if (phase_ == Phase::kBlockDone) return Status::OK();
  if (phase_ == Phase::kNoRecord) return Status::InvalidArgument("no current record: call Next()");
  while (remaining_ > 0) {
    std::string_view b;
    if (Status s = BlockBytes(&b); !s.ok()) return s;
    ConsumeBlock(b.size());
  }
  return FinishBlock();
}

Status WarcReader::SkipBlockUnverified() {
  if (!error_.ok()) return error_;
  if (phase_ == Phase::kInBlock && remaining_ > 0 && framing_.starts_member &&
      source_->member_ordinal() == start_ordinal_) {
    bool skipped = false;
    if (Status s = source_->SkipMember(remaining_ + kTrailerSize, &skipped); !s.ok()) {
      return Fail(s);
    }
    if (skipped) {
      remaining_ = 0;
      framing_.trailer_unread = true;
      SettleLocation(source_->position());
      phase_ = Phase::kBlockDone;
      return Status::OK();
    }
  }
  return SkipBlock();
}

Status WarcReader::BlockBytes(std::string_view* bytes) {
  bool more;
  if (Status s = source_->Fill(/*cross_members=*/true, &more); !s.ok()) return Fail(s);
  if (!more) return Fail(Truncated());
  std::string_view b = source_->buffered();
  *bytes = b.substr(0, static_cast<size_t>(std::min<uint64_t>(b.size(), remaining_)));
  return Status::OK();
}

void WarcReader::ConsumeBlock(size_t n) {
  source_->Consume(n);
  remaining_ -= n;
}

Status WarcReader::FindVersionLine(std::string* line) {
  uint64_t blank = pending_blank_, junk = 0;
  pending_blank_ = 0;
  std::string junk_at;
  for (;;) {
    bool more;
    if (Status s = source_->Fill(/*cross_members=*/true, &more); !s.ok()) return s;
    if (!more) {
      if (junk == 0) return Status::EndOfFile();
      return Status::Corruption(junk_at + ": the last " + std::to_string(junk) +
                                " bytes of the file are not a WARC record");
    }
    const bool gzip = source_->gzip();
    const uint64_t member = source_->member_offset();
    const uint64_t in_member = gzip ? source_->offset_in_member() : 0;
    const uint64_t position = source_->position();
    const uint64_t ordinal = source_->member_ordinal();
    const uint64_t offset = gzip ? member : position;
    uint64_t length = 0;
    if (Status s = source_->ReadLine(kMaxVersionLine, line, &length); !s.ok()) return s;
    if (line->starts_with("WARC/")) {
      location_.filename = path_;  // assigned, so its buffer serves every record
      location_.offset = offset;
      location_.length = 0;
      offset_in_member_ = in_member;
      start_position_ = position;
      start_ordinal_ = ordinal;
      framing_ = RecordFraming();
      framing_.gzip = gzip;
      framing_.starts_member = gzip && in_member == 0;
      framing_.blank_before = blank;
      framing_.junk_before = junk;
      return Status::OK();
    }
    if (length == line->size() && IsBlank(*line)) {
      blank += length;
      continue;
    }
    if (at_start_ && line->starts_with("filedesc://")) {
      return Status::NotSupported("ARC files are not supported yet: " + path_);
    }
    if (at_start_) {
      return Status::Corruption(OffsetName(offset, in_member) +
                                ": expected a WARC/ version line, found '" + Printable(*line) +
                                "'");
    }
    if (junk == 0) junk_at = OffsetName(offset, in_member);
    junk += length;
    if (junk > kMaxJunk) {
      return Status::Corruption(junk_at + ": no WARC record found in the " +
                                std::to_string(kMaxJunk) + " bytes that follow");
    }
  }
}

Status WarcReader::ReadHeader(std::string* version_line, RecordHeader* header) {
  std::string& text = *version_line;
  std::string_view version = TrimLine(text);
  if (std::find(kVersions.begin(), kVersions.end(), version) == kVersions.end()) {
    return Status::NotSupported(Where() + ": version '" + Printable(version) +
                                "' is not supported (only WARC 0.17, 0.18, 1.0 and 1.1)");
  }
  framing_.header_crlf = EndsInCrlf(text);
  for (bool done = false; !done;) {
    // Whole lines straight from the buffer, then one through ReadLine where a line runs
    // past the buffer (or the file ends).
    if (Status s = TakeBufferedLines(&text, &done); !s.ok()) return s;
    if (done) break;
    const size_t room = HeaderRoom(text.size());
    std::string line;
    uint64_t length = 0;
    if (Status s = source_->ReadLine(room + 1, &line, &length); !s.ok()) return s;
    if (length > room) return HeaderTooLong();
    if (length == 0 || !line.ends_with('\n')) {
      return Status::Corruption(Where() + ": the file ends inside the record header");
    }
    framing_.header_crlf = framing_.header_crlf && EndsInCrlf(line);
    text += line;
    done = IsLineEnd(line);
  }
  if (Status s = ParseRecordHeader(text, header); !s.ok()) {
    return Status::Corruption(Where() + ": " + s.message());
  }
  return Status::OK();
}

Status WarcReader::TakeBufferedLines(std::string* text, bool* done) {
  *done = false;
  bool more;
  if (Status s = source_->Fill(/*cross_members=*/true, &more); !s.ok() || !more) return s;
  const std::string_view b = source_->buffered();
  size_t pos = 0;
  for (size_t nl; !*done && (nl = b.find('\n', pos)) != std::string_view::npos; pos = nl + 1) {
    const std::string_view line = b.substr(pos, nl + 1 - pos);
    if (line.size() > HeaderRoom(text->size() + pos)) return HeaderTooLong();
    framing_.header_crlf = framing_.header_crlf && EndsInCrlf(line);
    *done = IsLineEnd(line);
  }
  text->append(b.substr(0, pos));
  source_->Consume(pos);
  return Status::OK();
}

size_t WarcReader::HeaderRoom(size_t used) {
  return kMaxHeaderSize - std::min(used, kMaxHeaderSize);
}

Status WarcReader::HeaderTooLong() const {
  return Status::Corruption(Where() + ": record header longer than " +
                            std::to_string(kMaxHeaderSize) + " bytes");
}

Status WarcReader::CheckContentLength(const RecordHeader& header) {
  const size_t count = header.fields.Count(field::kContentLength);
  if (count == 0) {
    return Status::Corruption(Where() + ": no Content-Length, so the record's end is unknown");
  }
  if (count > 1) {
    std::vector<std::string_view> values = header.fields.GetAll(field::kContentLength);
    std::string list;
    for (std::string_view v : values) list += (list.empty() ? "'" : ", '") + Printable(v) + "'";
    return Status::Corruption(Where() + ": " + std::to_string(values.size()) +
                              " Content-Length fields (" + list + ")");
  }
  std::optional<uint64_t> length = header.content_length();
  if (!length) {
    return Status::Corruption(Where() + ": Content-Length '" +
                              Printable(*header.fields.Get(field::kContentLength)) +
                              "' is not a number");
  }
  content_length_ = remaining_ = *length;
  return Status::OK();
}

// Reads the block's trailer (two line ends) and settles where the record ended. Only the
// current member is read, so a fault in a later member is never blamed on this record.
Status WarcReader::FinishBlock() {
  std::string trailer;
  int newlines = 0;
  bool more = true;
  while (trailer.size() < kMaxTrailer && newlines < 2) {
    if (Status s = source_->Fill(/*cross_members=*/false, &more); !s.ok()) return Fail(s);
    if (!more) break;
    // As many bytes as the buffer holds at once, not one Fill per byte.
    const std::string_view b = source_->buffered();
    size_t n = 0;
    for (; n < b.size() && trailer.size() < kMaxTrailer && newlines < 2; ++n) {
      if (b[n] != '\r' && b[n] != '\n') break;
      newlines += b[n] == '\n';
      trailer.push_back(b[n]);
    }
    source_->Consume(n);
    if (n < b.size()) break;
  }
  framing_.trailer_crlf = trailer == "\r\n\r\n";
  const uint64_t end_position = source_->position();
  // Extra blank lines left in the member count against the next record, as blank_before.
  while (more) {
    if (Status s = source_->Fill(/*cross_members=*/false, &more); !s.ok()) return Fail(s);
    if (!more) break;
    std::string_view b = source_->buffered();
    const size_t n = static_cast<size_t>(
        std::find_if(b.begin(), b.end(), [](char c) { return c != '\r' && c != '\n'; }) -
        b.begin());
    pending_blank_ += n;
    source_->Consume(n);
    if (n < b.size()) break;
  }
  SettleLocation(end_position);
  phase_ = Phase::kBlockDone;
  return Status::OK();
}

void WarcReader::SettleLocation(uint64_t end_position) {
  if (source_->gzip()) {
    framing_.ends_member = source_->member_ended();
    framing_.members = static_cast<uint32_t>(source_->member_ordinal() - start_ordinal_ + 1);
    location_.length = framing_.ends_member ? source_->member_end() - location_.offset : 0;
  } else {
    location_.length = end_position - start_position_;
  }
}

Status WarcReader::Truncated() const {
  return Status::Corruption(Where() + ": block truncated: Content-Length " +
                            std::to_string(content_length_) + " but only " +
                            std::to_string(content_length_ - remaining_) + " bytes remain");
}

std::string WarcReader::Where() const {
  return "record at " + OffsetName(location_.offset, offset_in_member_);
}

Status WarcReader::Fail(Status s) {
  error_ = s;
  return s;
}

}  // namespace warcrawl::warc
