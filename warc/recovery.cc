#include "warc/recovery.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "warc/reader.h"
#include "warc/unique_fd.h"

namespace warcrawl::warc {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOpenSuffix = ".open";

std::string ReadTail(const std::string& path, uint64_t from) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// True when `tail` is the start of one gzip member that simply stops: inflate accepts every
// byte and still wants more.
bool IsPartialGzipMember(const std::string& tail) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(tail.data()));
  zs.avail_in = static_cast<uInt>(tail.size());
  std::vector<char> out(1 << 16);
  int rc = Z_OK;
  while (rc == Z_OK && zs.avail_in > 0) {
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    rc = inflate(&zs, Z_NO_FLUSH);
  }
  inflateEnd(&zs);
  return (rc == Z_OK || rc == Z_BUF_ERROR) && zs.avail_in == 0;
}

// The end of the last whole record, and how many there are.
Status FindLastWholeRecord(const std::string& path, uint64_t* good_end, uint64_t* records,
                           bool* gzip) {
  std::unique_ptr<WarcReader> reader;
  if (Status s = WarcReader::Open(path, &reader); !s.ok()) return s;
  *gzip = reader->gzip();
  for (;;) {
    RecordHeader header;
    Status s = reader->Next(&header);
    if (s.ok()) s = reader->SkipBlock();
    if (!s.ok()) return Status::OK();  // the damage starts after *good_end
    if (!reader->framing().addressable()) return Status::OK();
    *good_end = reader->location().offset + reader->location().length;
    ++*records;
  }
}

Status CutTo(const std::string& path, uint64_t size) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) return Status::FromErrno("open " + path, errno);
  if (::ftruncate(fd.get(), static_cast<off_t>(size)) != 0 || ::fsync(fd.get()) != 0) {
    return Status::FromErrno("cut " + path, errno);
  }
  return Status::OK();
}

}  // namespace

Status RecoverOpenWarc(const std::string& open_path, RecoveryResult* result) {
  if (!open_path.ends_with(kOpenSuffix)) {
    return Status::InvalidArgument(open_path + ": not an .open WARC file");
  }
  std::error_code ec;
  const uint64_t size = fs::file_size(open_path, ec);
  if (ec) return Status::IOError(open_path + ": " + ec.message());
  uint64_t good_end = 0;
  bool gzip = false;
  Status s =
      size == 0 ? Status::OK() : FindLastWholeRecord(open_path, &good_end, &result->records, &gzip);
  if (!s.ok()) return s;
  if (good_end < size) {
    std::string tail = ReadTail(open_path, good_end);
    bool partial = gzip ? IsPartialGzipMember(tail) : tail.starts_with("WARC/");
    if (!partial) {
      return Status::Corruption(open_path + ": damage at byte " + std::to_string(good_end) +
                                " is not a crash's partial last record; left as it is");
    }
    if (s = CutTo(open_path, good_end); !s.ok()) return s;
    result->bytes_cut = size - good_end;
  }
  const std::string final_path = open_path.substr(0, open_path.size() - kOpenSuffix.size());
  if (result->records == 0) {
    fs::remove(open_path, ec);
    return ec ? Status::IOError("remove " + open_path + ": " + ec.message()) : Status::OK();
  }
  if (::rename(open_path.c_str(), final_path.c_str()) != 0) {
    return Status::FromErrno("rename " + open_path, errno);
  }
  result->final_path = final_path;
  return Status::OK();
}

}  // namespace warcrawl::warc
