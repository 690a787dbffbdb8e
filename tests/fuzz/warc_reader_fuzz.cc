// Fuzzes WarcReader over a file of arbitrary bytes, with what `warcrawl index` and
// `warcrawl warc check` do to each record it yields: the HTTP payload and its digests, the
// capture and its CDXJ line, page annotations, a Seek back, and the validator. A file read
// whole without error must also be read record for record alike by ingest's way of reading
// (a block's start, the rest skipped by the gzip member's `sl` claim where the file confirms
// it): skipping may never lose, invent or misplace a record.
//
// Input starting "WARC" or with the gzip magic is the file as it is. Any other input is a
// mode byte and a plain WARC that is gzip'd here, as one member, a member per record, or
// members of a fixed size: a byte mutator cannot keep a gzip CRC valid, so without this the
// member-boundary logic would only ever see damaged members.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/capture.h"
#include "index/cdx_format.h"
#include "index/page_annotation.h"
#include "index/surt.h"
#include "warc/gzip_writer.h"
#include "warc/http_payload.h"
#include "warc/reader.h"
#include "warc/validator.h"

namespace warcrawl {
namespace {

constexpr size_t kMaxBlock = size_t{1} << 20;
constexpr int kMaxRecords = 1000;

void GzipInto(std::string_view plain, warc::GzipMemberWriter* gz, std::string* out) {
  if (!gz->Begin(out).ok() || !gz->Add(plain).ok() || !gz->Finish().ok()) std::abort();
}

// The bytes of the file the reader gets (see the top of the file).
std::string FileBytes(std::string_view in) {
  if (in.starts_with("WARC") || in.starts_with("\x1f\x8b") || in.empty()) return std::string(in);
  const uint8_t mode = static_cast<uint8_t>(in[0]);
  std::string_view plain = in.substr(1);
  if ((mode & 3) == 0) return std::string(plain);
  warc::GzipMemberWriter gz(1);
  std::string out;
  if ((mode & 3) == 1) {
    GzipInto(plain, &gz, &out);
  } else if ((mode & 3) == 2) {  // a member per record: cut before each "WARC/" line
    size_t start = 0;
    for (size_t pos = plain.find("\nWARC/"); pos != std::string_view::npos;
         pos = plain.find("\nWARC/", pos + 1)) {
      GzipInto(plain.substr(start, pos + 1 - start), &gz, &out);
      start = pos + 1;
    }
    GzipInto(plain.substr(start), &gz, &out);
  } else {  // members of 1-64 bytes, cutting records anywhere
    const size_t size = (mode >> 2) + 1;
    for (size_t pos = 0; pos < plain.size(); pos += size) {
      GzipInto(plain.substr(pos, size), &gz, &out);
    }
  }
  return out;
}

// The reader and validator open a path: one in-memory file, rewritten for each input.
std::string MemoryFile(const std::string& bytes) {
  static const int fd = memfd_create("fuzz.warc", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, 0) != 0) std::abort();
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

bool IsHttpRecord(warc::RecordType type) {
  return type == warc::RecordType::kResponse || type == warc::RecordType::kRequest ||
         type == warc::RecordType::kRevisit;
}

// What the indexer and `warc cat --payload` do with one record's block.
void ProcessRecord(const warc::RecordHeader& header, const warc::WarcReader& reader,
                   std::string_view block) {
  if (IsHttpRecord(header.type())) {
    warc::PayloadOptions opts;
    opts.max_decoded = kMaxBlock;
    warc::HttpPayload payload;
    (void)warc::ExtractHttpPayload(block, opts, &payload);
    std::string digest;
    (void)warc::ComputePayloadDigest(block, warc::DigestAlgorithm::kSha1, &digest);
    (void)warc::ComputeRawPayloadDigest(block, warc::DigestAlgorithm::kSha1, &digest);
  }
  index::PageAnnotation annotation;
  if (header.type() == warc::RecordType::kMetadata) {
    (void)index::ParsePageAnnotation(block, &annotation);
  }
  warc::RecordLocation loc;
  index::CaptureEntry entry;
  if (!index::CdxLocation(reader, &loc).ok()) loc = reader.location();
  if (!index::CaptureFromRecord(header, block, loc, &entry).ok()) return;
  index::ApplyPageAnnotation(annotation, &entry);
  if (!index::SurtKey(entry.url, &entry.urlkey).ok()) return;
  (void)index::FormatCdxjLine(entry, index::CdxFormatOptions{.extended = true});
}

// Where each record was found, and whether the file was read to its end without an error.
struct Walk {
  std::vector<std::pair<uint64_t, uint64_t>> locations;  // offset, length
  bool clean = false;
};

// Reads every record whole; returns the walk.
Walk ReadAll(const std::string& path) {
  Walk walk;
  std::unique_ptr<warc::WarcReader> reader;
  if (!warc::WarcReader::Open(path, &reader).ok()) return walk;
  std::vector<uint64_t> offsets;
  warc::RecordHeader header;
  std::string block;
  Status next;
  int i = 0;
  for (; i < kMaxRecords && (next = reader->Next(&header)).ok(); ++i) {
    (void)header.target_uri();
    (void)header.content_length();
    Status s = reader->ReadWholeBlock(&block, kMaxBlock);
    if (s.IsInvalidArgument()) s = reader->SkipBlock();
    if (!s.ok()) break;
    ProcessRecord(header, *reader, block);
    walk.locations.emplace_back(reader->location().offset, reader->location().length);
    if (reader->framing().addressable()) offsets.push_back(reader->location().offset);
  }
  walk.clean = i < kMaxRecords && next.IsEndOfFile();
  // Reading from a record's offset must work as an index lookup does it.
  for (size_t k = 0; k < offsets.size(); k += 1 + offsets.size() / 4) {
    if (!reader->Seek(offsets[k]).ok() || !reader->Next(&header).ok()) continue;
    (void)reader->ReadWholeBlock(&block, kMaxBlock);
  }
  return walk;
}

// Reads as ingest does: up to 1 KiB of each block, then SkipBlockUnverified.
Walk SkimAll(const std::string& path) {
  Walk walk;
  std::unique_ptr<warc::WarcReader> reader;
  if (!warc::WarcReader::Open(path, &reader).ok()) return walk;
  warc::RecordHeader header;
  char head[1024];
  Status next;
  int i = 0;
  for (; i < kMaxRecords && (next = reader->Next(&header)).ok(); ++i) {
    size_t got = 0;
    Status s = reader->ReadBlock(head, sizeof head, &got);
    if (s.ok() && got > 0) s = reader->SkipBlockUnverified();
    if (!s.ok()) return walk;
    walk.locations.emplace_back(reader->location().offset, reader->location().length);
  }
  walk.clean = i < kMaxRecords && next.IsEndOfFile();
  return walk;
}

}  // namespace
}  // namespace warcrawl

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace warc = warcrawl::warc;
  const std::string path = warcrawl::MemoryFile(
      warcrawl::FileBytes(std::string_view(reinterpret_cast<const char*>(data), size)));
  const warcrawl::Walk whole = warcrawl::ReadAll(path);
  if (whole.clean) {
    const warcrawl::Walk skimmed = warcrawl::SkimAll(path);
    if (!skimmed.clean || skimmed.locations != whole.locations) {
      std::fprintf(stderr, "skimming found %zu records (%s), reading whole %zu\n",
                   skimmed.locations.size(), skimmed.clean ? "clean" : "not clean",
                   whole.locations.size());
      std::abort();
    }
  }
  warc::ValidationReport report;
  (void)warc::ValidateFile(
      path, [](const warc::Problem& p) { (void)p.ToString(); }, &report);
  return 0;
}
