#include "warc/gzip_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace warcrawl::warc {
namespace {

constexpr size_t kBufferSize = size_t{64} * 1024;

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

GzipReader::UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

GzipReader::GzipReader(OpenKey, std::string path, int fd)
    : path_(std::move(path)),
      fd_(fd),
      in_(std::make_unique_for_overwrite<char[]>(kBufferSize)),
      out_(std::make_unique_for_overwrite<char[]>(kBufferSize)) {}

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
  ssize_t n = ReadRetrying(fd_.get(), out_.get(), kBufferSize);
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
  if (Status s = EnsureInput(2); !s.ok()) return s;
  z_stream* z = inflater_->get();
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
  if (inflateReset(z) != Z_OK) return Status::IOError("zlib inflateReset failed");
  member_offset_ = at;
  member_consumed_ = 0;
  ++member_ordinal_;
  output_pending_ = false;
  state_ = State::kInMember;
  return Status::OK();
}

Status GzipReader::InflateSome() {
  z_stream* z = inflater_->get();
  if (z->avail_in == 0 && !output_pending_) {
    if (Status s = EnsureInput(1); !s.ok()) return s;
    if (z->avail_in == 0) {
      return Status::Corruption("truncated gzip member at byte " + std::to_string(member_offset_) +
                                ": the file ends inside it");
    }
  }
  z->next_out = reinterpret_cast<Bytef*>(out_.get());
  z->avail_out = kBufferSize;
  const int rc = inflate(z, Z_NO_FLUSH);
  out_pos_ = 0;
  out_len_ = kBufferSize - z->avail_out;
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
    ssize_t r = ReadRetrying(fd_.get(), in_.get() + z->avail_in, kBufferSize - z->avail_in);
    if (r < 0) return Status::FromErrno("cannot read " + path_, errno);
    if (r == 0) break;
    z->avail_in += static_cast<uInt>(r);
    in_end_offset_ += static_cast<uint64_t>(r);
  }
  return Status::OK();
}

uint64_t GzipReader::InputOffset() const { return in_end_offset_ - inflater_->get()->avail_in; }

}  // namespace warcrawl::warc
