#include "warc/gzip_writer.h"

#include <libdeflate.h>

#include <algorithm>
#include <limits>

namespace warcrawl::warc {
namespace {

constexpr int kRawDeflateWindowBits = -15;  // 32 KiB window; the gzip wrapper is ours
constexpr int kMemLevel = 8;

// Header: magic, CM = deflate, FLG = FEXTRA, MTIME 0, XFL, OS = Unix; XLEN 12; subfield
// 's' 'l' with LEN 8, then the compressed and uncompressed lengths, filled in at Finish.
constexpr size_t kHeaderSize = 24;
constexpr size_t kFlgOffset = 3;
constexpr size_t kXflOffset = 8;
constexpr size_t kExtraOffset = 10;  // XLEN, then the subfield
constexpr size_t kExtraSize = 14;    // XLEN and the 12 bytes it counts
constexpr size_t kSlLengthsOffset = 16;
constexpr char kFlgFextra = 0x04;
constexpr std::string_view kHeader("\x1f\x8b\x08\x04\0\0\0\0\0\x03\x0c\0sl\x08\0\0\0\0\0\0\0\0\0",
                                   kHeaderSize);

// XFL as zlib writes it: 2 = slowest algorithm, 4 = fastest.
char ExtraFlags(int level) { return level == 9 ? 2 : level < 2 ? 4 : 0; }

void PutLe32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

void AppendLe32(std::string* out, uint32_t v) {
  char bytes[4];
  PutLe32(bytes, v);
  out->append(bytes, sizeof bytes);
}

uint32_t Crc32(uint32_t crc, std::string_view data) {
  return libdeflate_crc32(crc, data.data(), data.size());
}

// Past this much retained input capacity a finished member gives its buffer back, so an
// idle writer holds little after one large record.
constexpr size_t kKeptCapacity = size_t{8} << 20;

}  // namespace

void GzipMemberWriter::CompressorDeleter::operator()(libdeflate_compressor* c) const {
  libdeflate_free_compressor(c);
}

GzipMemberWriter::GzipMemberWriter(int level, size_t buffer_limit)
    : level_(std::clamp(level, 0, 9)), buffer_limit_(buffer_limit) {}

GzipMemberWriter::~GzipMemberWriter() {
  if (stream_initialized_) deflateEnd(&stream_);
}

Status GzipMemberWriter::Begin(std::string* out) {
  if (in_member_) return Status::InvalidArgument("gzip member already started");
  in_member_ = true;
  out_ = out;
  member_start_ = out->size();
  out->append(kHeader);
  (*out)[member_start_ + kXflOffset] = ExtraFlags(level_);
  input_size_ = 0;
  crc_ = 0;
  input_.clear();
  error_ = Status::OK();
  // Allocated at first use: a writer of plain .warc files never needs it. Should the
  // allocation fail, the member goes through zlib and the next Begin tries again.
  if (!compressor_) compressor_.reset(libdeflate_alloc_compressor(level_));
  if (!compressor_) error_ = StartStreaming();
  return error_;
}

Status GzipMemberWriter::Add(std::string_view data) {
  if (!in_member_) return Status::InvalidArgument("gzip member not started");
  if (!error_.ok()) return error_;
  input_size_ += data.size();
  if (!streaming_ && data.size() > buffer_limit_ - input_.size()) error_ = StartStreaming();
  if (error_.ok() && !streaming_) {
    input_.append(data);
  } else if (error_.ok()) {
    crc_ = Crc32(crc_, data);
    error_ = DeflateAll(data, Z_NO_FLUSH);
  }
  return error_;
}

Status GzipMemberWriter::Finish() {
  if (!in_member_) return Status::InvalidArgument("gzip member not started");
  Status s = error_;
  if (s.ok() && !streaming_) s = CompressBuffered();
  if (s.ok() && streaming_) s = Deflate({}, Z_FINISH);
  if (!s.ok()) {
    out_->resize(member_start_);
    EndMember();
    return s;
  }
  AppendLe32(out_, crc_);
  AppendLe32(out_, static_cast<uint32_t>(input_size_));  // ISIZE is the length mod 2^32
  const uint64_t member_size = out_->size() - member_start_;
  constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();
  if (member_size <= kMax32 && input_size_ <= kMax32) {
    char* lengths = out_->data() + member_start_ + kSlLengthsOffset;
    PutLe32(lengths, static_cast<uint32_t>(member_size));
    PutLe32(lengths + 4, static_cast<uint32_t>(input_size_));
  } else {
    // Only a streamed member can get here (> 4 GiB): drop the field rather than lie.
    out_->erase(member_start_ + kExtraOffset, kExtraSize);
    (*out_)[member_start_ + kFlgOffset] &= static_cast<char>(~kFlgFextra);
  }
  EndMember();
  return Status::OK();
}

Status GzipMemberWriter::CompressBuffered() {
  const size_t at = out_->size();
  const size_t bound = libdeflate_deflate_compress_bound(compressor_.get(), input_.size());
  out_->resize(at + bound);
  const size_t n = libdeflate_deflate_compress(compressor_.get(), input_.data(), input_.size(),
                                               out_->data() + at, bound);
  if (n == 0) {
    // Cannot happen within the bound; should it, zlib still writes the member.
    out_->resize(at);
    return StartStreaming();
  }
  out_->resize(at + n);
  crc_ = Crc32(0, input_);
  return Status::OK();
}

Status GzipMemberWriter::StartStreaming() {
  streaming_ = true;
  int rc = stream_initialized_ ? deflateReset(&stream_)
                               : deflateInit2(&stream_, level_, Z_DEFLATED, kRawDeflateWindowBits,
                                              kMemLevel, Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) return Status::IOError("zlib deflate init failed: " + std::to_string(rc));
  stream_initialized_ = true;
  crc_ = Crc32(0, input_);
  Status s = DeflateAll(input_, Z_NO_FLUSH);
  input_.clear();
  return s;
}

Status GzipMemberWriter::DeflateAll(std::string_view data, int flush) {
  // zlib counts in 32-bit uInt: feed a huge block in slices.
  constexpr size_t kSlice = size_t{1} << 30;
  while (data.size() > kSlice) {
    if (Status s = Deflate(data.substr(0, kSlice), Z_NO_FLUSH); !s.ok()) return s;
    data.remove_prefix(kSlice);
  }
  return Deflate(data, flush);
}

Status GzipMemberWriter::Deflate(std::string_view data, int flush) {
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream_.avail_in = static_cast<uInt>(data.size());
  for (;;) {
    // Grow by deflate's own bound so one call usually suffices.
    size_t room = deflateBound(&stream_, stream_.avail_in) + 64;
    size_t old = out_->size();
    out_->resize(old + room);
    stream_.next_out = reinterpret_cast<Bytef*>(out_->data() + old);
    stream_.avail_out = static_cast<uInt>(room);
    int rc = deflate(&stream_, flush);
    out_->resize(old + room - stream_.avail_out);
    if (rc == Z_STREAM_END) return Status::OK();
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::IOError("zlib deflate failed: " + std::to_string(rc));
    }
    if (flush == Z_NO_FLUSH && stream_.avail_in == 0) return Status::OK();
  }
}

void GzipMemberWriter::EndMember() {
  in_member_ = false;
  streaming_ = false;
  out_ = nullptr;
  if (input_.capacity() > kKeptCapacity) {
    std::string().swap(input_);
  } else {
    input_.clear();
  }
}

}  // namespace warcrawl::warc
