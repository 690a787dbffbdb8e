#include "warc/gzip_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace warcrawl::warc {
namespace {

// Before a member, the input is topped up to this much, so any member this size is whole.
constexpr size_t kMemberInput = GzipReader::kInputSize / 2;
// A member claiming (by `sl`) more data than this is streamed, first in small steps, so a
// reader that skips the rest of its record inflates only the start of it.
constexpr uint32_t kSkippableSize = uint32_t{16} * 1024;
constexpr size_t kFirstStep = size_t{4} * 1024;
constexpr unsigned char kFlagHeaderCrc = 0x02, kFlagExtra = 0x04;

uint32_t LittleEndian32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

// The `sl` subfield of a gzip header in `p` (n bytes buffered): the member's compressed and
// inflated lengths. As RFC 1952 lays it out ('s' 'l', LEN 8, two LE uint32) or as wget
// before 1.19 wrote it, without LEN (XLEN 10). Only a claim: SkipMember checks it.
bool ReadSl(const unsigned char* p, size_t n, uint32_t* compressed, uint32_t* inflated) {
  if (n < 12 || (p[3] & kFlagExtra) == 0) return false;
  const size_t xlen = p[10] | size_t{p[11]} << 8;
  if (n < 12 + xlen) return false;
  const unsigned char* x = p + 12;
  const unsigned char* lengths = nullptr;
  if (xlen == 10 && x[0] == 's' && x[1] == 'l') {
    lengths = x + 2;
  } else {
    for (size_t i = 0; i + 4 <= xlen;) {
      const size_t len = x[i + 2] | size_t{x[i + 3]} << 8;
      if (x[i] == 's' && x[i + 1] == 'l' && len == 8 && i + 12 <= xlen) lengths = x + i + 4;
      i += 4 + len;
    }
  }
  if (lengths == nullptr) return false;
  *compressed = LittleEndian32(lengths);
  *inflated = LittleEndian32(lengths + 4);
  return true;
}

// read(2) that retries when interrupted.
ssize_t ReadRetrying(int fd, char* buf, size_t n) {
  ssize_t r;
  do {
    r = ::read(fd, buf, n);
  } while (r < 0 && errno == EINTR);
  return r;
}

}  // namespace

// Owns a zlib inflate stream that accepts the gzip wrapper only. zlib skips FEXTRA by its
// XLEN alone, so wget's malformed `sl` subfield (a lying LEN) does not disturb it.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&stream_, 15 + 16) == Z_OK; }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  bool ok() const { return ok_; }
  z_stream* get() { return &stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

// Owns a libdeflate decompressor. It skips FEXTRA by XLEN as zlib does.
class Decompressor {
 public:
  Decompressor() : d_(libdeflate_alloc_decompressor()) {}
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
  ~Decompressor() {
    if (d_ != nullptr) libdeflate_free_decompressor(d_);
  }
  libdeflate_decompressor* get() const { return d_; }

 private:
  libdeflate_decompressor* d_;
};

GzipReader::GzipReader(OpenKey, std::string path, int fd)
    : path_(std::move(path)),
      fd_(fd),
      in_(std::make_unique_for_overwrite<char[]>(kInputSize)),
      out_(std::make_unique_for_overwrite<char[]>(kOutputSize)) {}

GzipReader::~GzipReader() = default;

Status GzipReader::Open(const std::string& path, std::unique_ptr<GzipReader>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("cannot open " + path, errno);
  auto reader = std::make_unique<GzipReader>(OpenKey(), path, fd);
  unsigned char magic[2] = {0, 0};
  ssize_t n;
  do {
    n = ::pread(fd, magic, sizeof(magic), 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return Status::FromErrno("cannot read " + path, errno);
  reader->gzip_ = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (reader->gzip_) {
    reader->inflater_ = std::make_unique<Inflater>();
    if (!reader->inflater_->ok()) return Status::IOError("cannot initialise zlib for " + path);
    reader->decompressor_ = std::make_unique<Decompressor>();
    if (reader->decompressor_->get() == nullptr) {
      return Status::IOError("cannot allocate a libdeflate decompressor for " + path);
    }
  }
  if (Status s = reader->Seek(0); !s.ok()) return s;
  *out = std::move(reader);
  return Status::OK();
}

Status GzipReader::Seek(uint64_t offset) {
  if (::lseek(fd_.get(), static_cast<off_t>(offset), SEEK_SET) < 0) {
    return Status::FromErrno("cannot seek in " + path_ + " to offset " + std::to_string(offset),
                             errno);
  }
  out_pos_ = out_len_ = 0;
  in_end_offset_ = offset;
  if (inflater_) {
    inflater_->get()->next_in = reinterpret_cast<Bytef*>(in_.get());
    inflater_->get()->avail_in = 0;
  }
  state_ = State::kBetweenMembers;
  output_pending_ = false;
  input_ended_ = false;
  error_ = Status::OK();
  member_offset_ = member_end_ = offset;
  member_consumed_ = member_ordinal_ = 0;
  position_ = gzip_ ? 0 : offset;
  return Status::OK();
}

Status GzipReader::Fill(bool cross_members, bool* more) {
  *more = true;
  while (out_pos_ == out_len_) {
    if (!error_.ok()) return error_;
    if (!gzip_) return FillPlain(more);
    if (state_ == State::kEnded ||
        (state_ == State::kBetweenMembers && !cross_members && member_ordinal_ > 0)) {
      *more = false;
      return Status::OK();
    }
    Status s = state_ == State::kBetweenMembers ? BeginMember() : InflateSome();
    if (!s.ok()) error_ = s;
  }
  return Status::OK();
}

void GzipReader::Consume(size_t n) {
  out_pos_ += n;
  member_consumed_ += n;
  position_ += n;
}

Status GzipReader::ReadLine(size_t keep, std::string* line, uint64_t* length) {
  line->clear();
  *length = 0;
  for (;;) {
    bool more;
    if (Status s = Fill(/*cross_members=*/true, &more); !s.ok()) return s;
    if (!more) return Status::OK();
    std::string_view b = buffered();
    size_t nl = b.find('\n');
    size_t take = nl == std::string_view::npos ? b.size() : nl + 1;
    if (line->size() < keep) line->append(b.data(), std::min(take, keep - line->size()));
    Consume(take);
    *length += take;
    if (nl != std::string_view::npos) return Status::OK();
  }
}

bool GzipReader::member_ended() const {
  return gzip_ && member_ordinal_ > 0 && state_ != State::kInMember && out_pos_ == out_len_;
}

Status GzipReader::FillPlain(bool* more) {
  ssize_t n = ReadRetrying(fd_.get(), out_.get(), kOutputSize);
  if (n < 0) {
    error_ = Status::FromErrno("cannot read " + path_, errno);
    return error_;
  }
  out_pos_ = 0;
  out_len_ = static_cast<size_t>(n);
  *more = n > 0;
  return Status::OK();
}

Status GzipReader::BeginMember() {
  // Topped up only while the file has more: near its end, copying the rest down again for
  // every member would cost more than it saves. A member whose `sl` claims a size already
  // buffered needs none: topping up to kMemberInput copied down half the buffer each time.
  z_stream* z = inflater_->get();
  claim_ = ReadSl(z->next_in, z->avail_in, &claim_compressed_, &claim_inflated_);
  const bool whole = claim_ && claim_compressed_ <= z->avail_in;
  if (Status s = EnsureInput(input_ended_ || whole ? 2 : kMemberInput); !s.ok()) return s;
  if (z->avail_in == 0) {
    state_ = State::kEnded;  // a clean end: the file stops between members
    return Status::OK();
  }
  const uint64_t at = InputOffset();
  if (z->avail_in < 2 || z->next_in[0] != 0x1f || z->next_in[1] != 0x8b) {
    if (member_ordinal_ == 0) {
      return Status::Corruption("no gzip member starts at offset " + std::to_string(at));
    }
    return Status::Corruption("garbage after gzip member: byte " + std::to_string(at) +
                              " does not start a gzip member");
  }
  member_offset_ = at;
  member_consumed_ = 0;
  ++member_ordinal_;
  output_pending_ = false;
  // Read once above, unless the header ran past what was buffered then.
  if (!claim_) claim_ = ReadSl(z->next_in, z->avail_in, &claim_compressed_, &claim_inflated_);
  if (InflateWhole()) return Status::OK();
  if (inflateReset(z) != Z_OK) return Status::IOError("zlib inflateReset failed");
  step_ = Stepped() ? kFirstStep : kOutputSize;
  rest_whole_ = step_ == kFirstStep;
  state_ = State::kInMember;
  return Status::OK();
}

bool GzipReader::InflateWhole() {
  const z_stream* z = inflater_->get();
  if (Stepped() || (claim_ && claim_compressed_ > z->avail_in)) {
    return false;  // streamed, so that it can be skipped; or known not to be whole here
  }
  return InflateMember(z->next_in, 0);
}

bool GzipReader::Stepped() const {
  return claim_ && claim_inflated_ > kSkippableSize && !reads_whole_members_;
}

bool GzipReader::InflateRest() {
  const z_stream* z = inflater_->get();
  unsigned char* in = reinterpret_cast<unsigned char*>(in_.get());
  const uint64_t buffered_from =
      in_end_offset_ - static_cast<uint64_t>(z->next_in - in) - z->avail_in;
  if (member_offset_ < buffered_from || claim_inflated_ > kOutputSize) return false;
  unsigned char* member = in + (member_offset_ - buffered_from);
  if (claim_compressed_ > static_cast<size_t>(z->next_in + z->avail_in - member)) return false;
  return InflateMember(member, static_cast<size_t>(member_consumed_));
}

bool GzipReader::InflateMember(unsigned char* member, size_t skip) {
  z_stream* z = inflater_->get();
  const size_t avail = static_cast<size_t>(z->next_in + z->avail_in - member);
  // libdeflate skips a header CRC unchecked, and zlib checks it: zlib keeps that case.
  if (avail < 10 || (member[3] & kFlagHeaderCrc) != 0) return false;
  size_t used = 0, made = 0;
  if (libdeflate_gzip_decompress_ex(decompressor_->get(), member, avail, out_.get(), kOutputSize,
                                    &used, &made) != LIBDEFLATE_SUCCESS ||
      made < skip) {
    return false;
  }
  z->next_in = member + used;
  z->avail_in = static_cast<uInt>(avail - used);
  out_pos_ = skip;
  out_len_ = made;
  state_ = State::kBetweenMembers;
  member_end_ = InputOffset();
  return true;
}

Status GzipReader::InflateSome() {
  // Reading on past the first step means the record is not being skipped: the rest of the
  // member goes through libdeflate, re-inflating the first step, unless it is not all here.
  if (rest_whole_ && member_consumed_ > 0) {
    rest_whole_ = false;
    if (InflateRest()) return Status::OK();
  }
  z_stream* z = inflater_->get();
  if (z->avail_in == 0 && !output_pending_) {
    if (Status s = EnsureInput(1); !s.ok()) return s;
    if (z->avail_in == 0) {
      return Status::Corruption("truncated gzip member at byte " + std::to_string(member_offset_) +
                                ": the file ends inside it");
    }
  }
  z->next_out = reinterpret_cast<Bytef*>(out_.get());
  z->avail_out = static_cast<uInt>(step_);
  const int rc = inflate(z, Z_NO_FLUSH);
  out_pos_ = 0;
  out_len_ = step_ - z->avail_out;
  step_ = std::min(step_ * 2, kOutputSize);
  output_pending_ = z->avail_out == 0;
  switch (rc) {
    case Z_STREAM_END:
      state_ = State::kBetweenMembers;
      member_end_ = InputOffset();
      output_pending_ = false;
      return Status::OK();
    case Z_OK:
      return Status::OK();
    case Z_BUF_ERROR:  // no progress without more input
      output_pending_ = false;
      if (z->avail_in == 0) return Status::OK();
      break;
    case Z_MEM_ERROR:
      return Status::IOError("zlib is out of memory");
    default:
      break;
  }
  return Status::Corruption("gzip member at byte " + std::to_string(member_offset_) +
                            ": corrupt data (" +
                            (z->msg ? z->msg : "zlib error " + std::to_string(rc)) + ")");
}

Status GzipReader::EnsureInput(size_t n) {
  z_stream* z = inflater_->get();
  if (z->avail_in >= n) return Status::OK();
  std::memmove(in_.get(), z->next_in, z->avail_in);
  z->next_in = reinterpret_cast<Bytef*>(in_.get());
  while (z->avail_in < n) {
    ssize_t r = ReadRetrying(fd_.get(), in_.get() + z->avail_in, kInputSize - z->avail_in);
    if (r < 0) return Status::FromErrno("cannot read " + path_, errno);
    input_ended_ = r == 0;
    if (r == 0) break;
    z->avail_in += static_cast<uInt>(r);
    in_end_offset_ += static_cast<uint64_t>(r);
  }
  return Status::OK();
}

Status GzipReader::SkipMember(uint64_t rest, bool* skipped) {
  *skipped = false;
  if (!error_.ok() || !gzip_ || state_ != State::kInMember || !claim_) return Status::OK();
  // The claim must account for what is inflated already, and leave the trailer unread.
  const uint64_t end = member_offset_ + claim_compressed_;
  if (member_consumed_ + rest != claim_inflated_ || rest < out_len_ - out_pos_ ||
      end < InputOffset() + 8) {
    return Status::OK();
  }
  unsigned char tail[7];
  size_t got = 0;
  if (Status s = PeekAt(end - 4, sizeof tail, tail, &got); !s.ok()) return s;
  if (got < 4 || LittleEndian32(tail) != claim_inflated_) return Status::OK();
  if (got != 4 && (got != 7 || tail[4] != 0x1f || tail[5] != 0x8b || tail[6] != 8)) {
    return Status::OK();  // neither the end of the file nor another member follows
  }
  z_stream* z = inflater_->get();
  if (end <= in_end_offset_) {
    const size_t ahead = static_cast<size_t>(end - InputOffset());
    z->next_in += ahead;
    z->avail_in -= static_cast<uInt>(ahead);
  } else {
    if (::lseek(fd_.get(), static_cast<off_t>(end), SEEK_SET) < 0) {
      return Status::FromErrno("cannot seek in " + path_ + " to offset " + std::to_string(end),
                               errno);
    }
    z->next_in = reinterpret_cast<Bytef*>(in_.get());
    z->avail_in = 0;
    in_end_offset_ = end;
    input_ended_ = false;
  }
  out_pos_ = out_len_ = 0;
  output_pending_ = false;
  state_ = State::kBetweenMembers;
  member_end_ = end;
  member_consumed_ += rest;
  position_ += rest;
  *skipped = true;
  return Status::OK();
}

Status GzipReader::PeekAt(uint64_t offset, size_t n, unsigned char* out, size_t* got) {
  const z_stream* z = inflater_->get();
  if (offset >= InputOffset() && offset + n <= in_end_offset_) {
    std::memcpy(out, z->next_in + (offset - InputOffset()), n);
    *got = n;
    return Status::OK();
  }
  *got = 0;
  while (*got < n) {
    ssize_t r;
    do {
      r = ::pread(fd_.get(), out + *got, n - *got, static_cast<off_t>(offset + *got));
    } while (r < 0 && errno == EINTR);
    if (r < 0) return Status::FromErrno("cannot read " + path_, errno);
    if (r == 0) break;
    *got += static_cast<size_t>(r);
  }
  return Status::OK();
}

uint64_t GzipReader::InputOffset() const { return in_end_offset_ - inflater_->get()->avail_in; }

}  // namespace warcrawl::warc
