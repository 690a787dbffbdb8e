#include "warc/gzip_writer.h"

#include <algorithm>

namespace warcrawl::warc {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip wrapper
constexpr int kMemLevel = 8;

}  // namespace

GzipMemberWriter::GzipMemberWriter(int level) : level_(std::clamp(level, 0, 9)) {}

GzipMemberWriter::~GzipMemberWriter() {
  if (initialized_) deflateEnd(&stream_);
}

Status GzipMemberWriter::Begin(std::string* out) {
  if (in_member_) return Status::InvalidArgument("gzip member already started");
  int rc = initialized_ ? deflateReset(&stream_)
                        : deflateInit2(&stream_, level_, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                                       Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) return Status::IOError("zlib deflate init failed: " + std::to_string(rc));
  initialized_ = true;
  in_member_ = true;
  out_ = out;
  return Status::OK();
}

Status GzipMemberWriter::Add(std::string_view data) {
  if (!in_member_) return Status::InvalidArgument("gzip member not started");
  // zlib counts in 32-bit uInt: feed a huge block in slices.
  constexpr size_t kSlice = size_t{1} << 30;
  while (data.size() > kSlice) {
    if (Status s = Deflate(data.substr(0, kSlice), Z_NO_FLUSH); !s.ok()) return s;
    data.remove_prefix(kSlice);
  }
  return Deflate(data, Z_NO_FLUSH);
}

Status GzipMemberWriter::Finish() {
  if (!in_member_) return Status::InvalidArgument("gzip member not started");
  Status s = Deflate({}, Z_FINISH);
  in_member_ = false;
  out_ = nullptr;
  return s;
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

}  // namespace warcrawl::warc
