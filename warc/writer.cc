#include "warc/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>

#include "warc/date.h"
#include "warc/record_id.h"

namespace warcrawl::warc {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOpenSuffix = ".open";
constexpr std::string_view kRecordEnd = "\r\n\r\n";

std::string LocalHostname() {
  std::array<char, 256> buf{};
  if (gethostname(buf.data(), buf.size() - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf.data();
}

// The serial in "{prefix}-{14 digits}-{serial}-…", or -1 for names not of that form.
int SerialOf(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() < prefix.size() + 17) return -1;
  name.remove_prefix(prefix.size());
  if (name[0] != '-' || name[15] != '-') return -1;
  name.remove_prefix(16);
  int serial = -1;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), serial);
  if (ec != std::errc() || end == name.data() + name.size() || *end != '-') return -1;
  return serial;
}

// The next serial after every file of this prefix already in the directory, so a resumed
// or repeated crawl never reuses a name.
int NextSerial(const std::string& directory, std::string_view prefix) {
  int next = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    int serial = SerialOf(entry.path().filename().string(), prefix);
    if (serial >= next) next = serial + 1;
  }
  return next;
}

Status WriteFully(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno("write " + path, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

}  // namespace

WarcWriter::WarcWriter(OpenKey, const WriterOptions& options)
    : options_(options),
      hostname_(LocalHostname()),
      gzip_(options.compression_level),
      block_digester_(options.digest) {}

WarcWriter::~WarcWriter() { Close(); }

Status WarcWriter::Open(const WriterOptions& options, std::unique_ptr<WarcWriter>* writer) {
  if (options.prefix.empty() || options.prefix.find('/') != std::string::npos) {
    return Status::InvalidArgument("WARC prefix must be a non-empty file name part");
  }
  if (options.digest != DigestAlgorithm::kSha1 && options.digest != DigestAlgorithm::kSha256) {
    return Status::InvalidArgument("WARC digests are written as sha1 or sha256");
  }
  std::error_code ec;
  fs::create_directories(options.directory, ec);
  if (ec) return Status::IOError("create " + options.directory + ": " + ec.message());
  *writer = std::make_unique<WarcWriter>(OpenKey(), options);
  (*writer)->serial_ = NextSerial(options.directory, options.prefix);
  return Status::OK();
}

std::string WarcWriter::current_final_path() const {
  return final_name_.empty() ? "" : (fs::path(options_.directory) / final_name_).string();
}

Status WarcWriter::OpenNextFile() {
  // O_APPEND keeps writes at the end after a failed record is cut off.
  // O_EXCL: never append to or clobber a file another writer (or a crashed run) left; a
  // name taken by a writer working beside this one moves on to the next serial.
  int fd = -1;
  for (int attempt = 0; attempt < 1000 && fd < 0; ++attempt) {
    std::array<char, 16> serial{};
    std::snprintf(serial.data(), serial.size(), "%05d", serial_++);
    final_name_ = options_.prefix + "-" + FormatTimestamp14(NowMicros()) + "-" + serial.data() +
                  "-" + hostname_ + (options_.compress ? ".warc.gz" : ".warc");
    path_ = (fs::path(options_.directory) / final_name_).string() + std::string(kOpenSuffix);
    fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
    std::error_code ec;
    if (fd >= 0 && fs::exists(fs::path(options_.directory) / final_name_, ec)) {
      ::close(fd);  // another writer already finished a file of this name
      ::unlink(path_.c_str());
      fd = -1;
      errno = EEXIST;
    }
  }
  if (fd < 0) {
    Status s = Status::FromErrno("create " + path_, errno);
    path_.clear();
    final_name_.clear();
    return s;
  }
  fd_ = UniqueFd(fd);
  size_ = 0;
  records_in_file_ = 0;
  return WriteWarcinfo();
}

Status WarcWriter::WriteWarcinfo() {
  const bool v11 = options_.version == WarcVersion::k1_1;
  HeaderFields info;
  info.Add("software", std::string("warcrawl/") + WARCRAWL_VERSION_STRING);
  info.Add("format", v11 ? "WARC File Format 1.1" : "WARC File Format 1.0");
  info.Add("conformsTo",
           v11 ? "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
               : "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf");
  info.Add("hostname", hostname_);
  for (const auto& [name, value] : options_.warcinfo_fields.entries()) info.Set(name, value);
  std::string block;
  info.AppendTo(&block);

  RecordHeader header;
  warcinfo_id_ = NewRecordId();
  header.fields.Add(field::kType, "warcinfo");
  header.fields.Add(field::kRecordId, warcinfo_id_);
  header.fields.Add(field::kDate, FormatWarcDate(NowMicros(), v11));
  header.fields.Add(field::kFilename, final_name_);
  header.fields.Add(field::kContentType, "application/warc-fields");
  RecordLocation ignored;
  std::string_view part(block);
  return Write(std::move(header), std::span<const std::string_view>(&part, 1), &ignored);
}

Status WarcWriter::EncodeRecord(RecordHeader* header, std::span<const std::string_view> block,
                                std::string* encoded) {
  const bool v11 = options_.version == WarcVersion::k1_1;
  header->version = std::string(VersionLine(options_.version));
  uint64_t length = 0;
  for (std::string_view part : block) {
    block_digester_.Update(part);
    length += part.size();
  }
  if (!header->fields.Has(field::kRecordId)) header->fields.Add(field::kRecordId, NewRecordId());
  if (!header->fields.Has(field::kDate)) {
    header->fields.Add(field::kDate, FormatWarcDate(NowMicros(), v11));
  }
  if (header->type() != RecordType::kWarcinfo) {
    header->fields.Set(field::kWarcinfoId, warcinfo_id_);
  }
  header->fields.Set(field::kContentLength, std::to_string(length));
  header->fields.Set(field::kBlockDigest, FormatDigest(options_.digest, block_digester_.Finish()));
  std::string head = header->Serialize();

  encoded->clear();
  if (!options_.compress) {
    encoded->reserve(head.size() + length + kRecordEnd.size());
    encoded->append(head);
    for (std::string_view part : block) encoded->append(part);
    encoded->append(kRecordEnd);
    return Status::OK();
  }
  Status s = gzip_.Begin(encoded);
  if (s.ok()) s = gzip_.Add(head);
  for (size_t i = 0; s.ok() && i < block.size(); ++i) s = gzip_.Add(block[i]);
  if (s.ok()) s = gzip_.Add(kRecordEnd);
  Status finished = gzip_.Finish();
  return s.ok() ? finished : s;
}

Status WarcWriter::Write(RecordHeader header, std::string_view block, RecordLocation* location) {
  return Write(std::move(header), std::span<const std::string_view>(&block, 1), location);
}

Status WarcWriter::Write(RecordHeader header, std::span<const std::string_view> block,
                         RecordLocation* location) {
  const bool is_warcinfo = header.type() == RecordType::kWarcinfo;
  if (!fd_.valid()) {
    if (Status s = OpenNextFile(); !s.ok()) return s;
  }
  // Encode into a local buffer: the warcinfo written by a rotation reuses encoded_.
  std::string encoded;
  encoded.swap(encoded_);
  Status s = EncodeRecord(&header, block, &encoded);
  if (s.ok() && !is_warcinfo && records_in_file_ > 1 &&
      size_ + encoded.size() > options_.max_file_size) {
    // Rotate, then encode again: the record must name the new file's warcinfo.
    s = Close();
    if (s.ok()) s = OpenNextFile();
    if (s.ok()) s = EncodeRecord(&header, block, &encoded);
  }
  if (s.ok()) s = Append(encoded, location);
  encoded.swap(encoded_);
  return s;
}

Status WarcWriter::Append(std::string_view encoded, RecordLocation* location) {
  Status s = WriteFully(fd_.get(), encoded, path_);
  if (!s.ok()) {
    // Cut the partial member off so the file still ends on a record boundary.
    if (::ftruncate(fd_.get(), static_cast<off_t>(size_)) != 0) {
      return Status::IOError(s.message() + "; and cutting the partial record failed: " +
                             Status::FromErrno(path_, errno).message());
    }
    return s;
  }
  if (options_.sync_each_record) {
    if (Status synced = Sync(); !synced.ok()) return synced;
  }
  location->filename = final_name_;
  location->offset = size_;
  location->length = encoded.size();
  size_ += encoded.size();
  ++records_in_file_;
  return Status::OK();
}

Status WarcWriter::Sync() {
  if (fd_.valid() && ::fsync(fd_.get()) != 0) return Status::FromErrno("fsync " + path_, errno);
  return Status::OK();
}

Status WarcWriter::Close() {
  if (!fd_.valid()) return Status::OK();
  Status s = Sync();
  if (fd_.Close() != 0 && s.ok()) s = Status::FromErrno("close " + path_, errno);
  std::string final_path = current_final_path();
  if (s.ok() && ::rename(path_.c_str(), final_path.c_str()) != 0) {
    s = Status::FromErrno("rename " + path_, errno);
  }
  path_.clear();
  final_name_.clear();
  return s;
}

}  // namespace warcrawl::warc
