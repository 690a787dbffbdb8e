// WarcWriter appends WARC records to a series of files in one directory, each record its
// own gzip member, and says where each record landed (file, offset, compressed length):
// what an index stores to read the record back from its offset alone.
//
// Files are named {prefix}-{timestamp}-{serial}-{hostname}.warc.gz, written as
// "….warc.gz.open" and renamed when closed, and rotated before a record would take a file
// past max_file_size. Each file opens with a warcinfo record. A record is appended with one
// write sequence from a complete in-memory member; if that fails the file is cut back to
// its last complete record, so a record is either wholly in the file or not at all. After
// Write returns, the record's bytes are in the kernel (safe from a process crash); enable
// sync_each_record, or call Sync, to survive a power loss too.
//
// Thread-safety: not thread-safe. Use one writer per thread, or guard it externally.
#ifndef WARCRAWL_WARC_WRITER_H_
#define WARCRAWL_WARC_WRITER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "warc/digest.h"
#include "warc/gzip_writer.h"
#include "warc/record.h"
#include "warc/status.h"
#include "warc/unique_fd.h"

namespace warcrawl::warc {

struct WriterOptions {
  std::string directory = ".";  // created if missing
  std::string prefix = "warcrawl";
  uint64_t max_file_size = 1'000'000'000;
  bool compress = true;  // false writes plain ".warc" files
  int compression_level = 6;
  WarcVersion version = WarcVersion::k1_1;
  DigestAlgorithm digest = DigestAlgorithm::kSha1;
  // Extra warcinfo fields (operator, job config, …) after the ones the writer fills in
  // (software, format, conformsTo, hostname). A field given here replaces a default one.
  HeaderFields warcinfo_fields;
  bool sync_each_record = false;
};

class WarcWriter {
 public:
  static Status Open(const WriterOptions& options, std::unique_ptr<WarcWriter>* writer);
  // Closes the current file; errors are lost here, so call Close() to see them.
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Writes one record whose block is the concatenation of `block`. The writer sets the
  // version line, Content-Length and WARC-Block-Digest, adds WARC-Record-ID and WARC-Date
  // when absent and WARC-Warcinfo-ID on every record but the warcinfo itself.
  Status Write(RecordHeader header, std::span<const std::string_view> block,
               RecordLocation* location);
  Status Write(RecordHeader header, std::string_view block, RecordLocation* location);

  // fsync()s the current file.
  Status Sync();
  // Finishes the current file (renamed without ".open"). Write after Close opens a new file.
  Status Close();

  // The file being written ("….open"), empty between files.
  const std::string& current_path() const { return path_; }
  // The final name the current file will have once closed.
  std::string current_final_path() const;
  const std::string& warcinfo_id() const { return warcinfo_id_; }
  const WriterOptions& options() const { return options_; }

 private:
  // Only Open constructs a writer; the key lets it use make_unique.
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  WarcWriter(OpenKey, const WriterOptions& options);

 private:
  Status OpenNextFile();
  Status WriteWarcinfo();
  Status EncodeRecord(RecordHeader* header, std::span<const std::string_view> block,
                      std::string* encoded);
  Status Append(std::string_view encoded, RecordLocation* location);

  WriterOptions options_;
  std::string hostname_;
  GzipMemberWriter gzip_;
  Digester block_digester_;
  UniqueFd fd_;
  std::string path_;
  std::string final_name_;
  std::string warcinfo_id_;
  uint64_t size_ = 0;
  uint64_t records_in_file_ = 0;
  int serial_ = 0;
  std::string encoded_;  // reused member buffer
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_WRITER_H_
