#include "crawler/archiver.h"

#include <filesystem>
#include <vector>

#include "warc/http_message.h"
#include "warc/record_builder.h"
#include "warc/recovery.h"

namespace warcrawl::crawler {
namespace {

namespace fs = std::filesystem;

warc::Capture CaptureOf(const FetchResult& fetch) {
  return warc::Capture{fetch.url, fetch.started, fetch.ip_address, fetch.truncated};
}

// Only whole, successful payloads are worth deduplicating against (and as originals).
bool Dedupable(const FetchResult& fetch, const warc::RecordHeader& response) {
  return fetch.truncated.empty() && fetch.status_code >= 200 && fetch.status_code < 300 &&
         !fetch.response_body.empty() &&
         response.fields.Get(warc::field::kPayloadDigest).has_value();
}

}  // namespace

Archiver::Archiver(OpenKey, const ArchiverOptions& options, index::IndexDb* index,
                   std::unique_ptr<warc::WarcWriter> writer)
    : options_(options), index_(index), indexer_(index), writer_(std::move(writer)) {}

Archiver::~Archiver() { (void)Close(); }

Status Archiver::Open(const ArchiverOptions& options, index::IndexDb* index,
                      std::unique_ptr<Archiver>* archiver) {
  std::unique_ptr<warc::WarcWriter> writer;
  std::error_code ec;
  fs::create_directories(options.writer.directory, ec);
  if (ec) return Status::IOError("create " + options.writer.directory + ": " + ec.message());
  auto a = std::make_unique<Archiver>(OpenKey(), options, index, nullptr);
  Status s = options.recover_open_files ? a->RecoverOpenFiles() : Status::OK();
  if (!s.ok()) return s;
  s = warc::WarcWriter::Open(options.writer, &a->writer_);
  if (!s.ok()) return s;
  *archiver = std::move(a);
  return Status::OK();
}

Status Archiver::RecoverOpenFiles() {
  std::vector<std::string> open_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options_.writer.directory, ec)) {
    if (entry.path().extension() == ".open") open_files.push_back(entry.path().string());
  }
  if (ec) return Status::IOError(options_.writer.directory + ": " + ec.message());
  for (const std::string& path : open_files) {
    warc::RecoveryResult result;
    Status s = warc::RecoverOpenWarc(path, &result);
    if (!s.ok()) return Status::Corruption("cannot resume: " + s.ToString());
    ++recovered_files_;
    if (result.final_path.empty()) continue;
    index::IngestStats stats;
    s = indexer_.IndexFile(result.final_path, &stats);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status Archiver::Write(const warc::RecordHeader& header, std::string_view block,
                       warc::RecordLocation* loc) {
  std::string before = writer_->current_final_path();
  Status s = writer_->Write(header, block, loc);
  if (!s.ok()) return s;
  s = RegisterIfRotated(before);
  if (!s.ok()) return s;
  ++records_in_file_;
  if (header.fields.Has(warc::field::kContentLength)) {
    return indexer_.AddRecord(header, block.substr(0, warc::kMaxHttpHeadBytes), *loc);
  }
  // The writer set Content-Length on its own copy; the index needs it too (a revisit's
  // HTTP head is read only when its block is not empty, as warcio.js does).
  warc::RecordHeader indexed = header;
  indexed.fields.Set(warc::field::kContentLength, std::to_string(block.size()));
  return indexer_.AddRecord(indexed, block.substr(0, warc::kMaxHttpHeadBytes), *loc);
}

Status Archiver::RegisterIfRotated(const std::string& before) {
  if (before.empty() || before == writer_->current_final_path()) return Status::OK();
  Status s = indexer_.Flush();
  if (s.ok()) s = indexer_.RegisterFile(before, records_in_file_ + 1);  // + its warcinfo
  records_in_file_ = 0;
  return s;
}

Status Archiver::WriteResponseOrRevisit(const FetchResult& fetch, const Revalidation* not_modified,
                                        ArchivedFetch* out) {
  const warc::RecordFormat format{options_.writer.version, options_.writer.digest};
  std::string block = fetch.response_head + fetch.response_body;
  warc::RecordHeader response;
  Status s = warc::BuildResponseHeader(CaptureOf(fetch), block, format, &response);
  if (!s.ok()) return s;
  out->payload_digest = std::string(response.fields.Get(warc::field::kPayloadDigest).value_or(""));
  index::FirstCapture first;
  warc::TimePoint first_date;
  if (not_modified != nullptr) {
    // The 304's own head is the block; the payload is the confirmed capture's.
    warc::RevisitOf original{not_modified->record_id, not_modified->capture.url, not_modified->date,
                             not_modified->payload_digest};
    response = warc::BuildRevisitHeader(CaptureOf(fetch), warc::RevisitProfile::kServerNotModified,
                                        original, format);
    out->payload_digest = not_modified->payload_digest;
    out->revisit = out->not_modified = true;
  } else if (options_.dedup && Dedupable(fetch, response) &&
             index::LookupFirstCapture(*index_, out->payload_digest, &first).ok() &&
             warc::ParseWarcDate(first.date, &first_date).ok()) {
    warc::RevisitOf original{first.record_id, first.url, first_date, out->payload_digest};
    response = warc::BuildRevisitHeader(
        CaptureOf(fetch), warc::RevisitProfile::kIdenticalPayloadDigest, original, format);
    block = fetch.response_head;
    out->revisit = true;
  }
  warc::RecordLocation loc;
  s = Write(response, block, &loc);
  if (!s.ok()) return s;
  out->response_id = std::string(response.record_id());
  out->filename = loc.filename;
  out->offset = loc.offset;
  out->bytes += loc.length;
  return Status::OK();
}

Status Archiver::Archive(const FetchResult& fetch, std::string_view metadata_fields,
                         const Revalidation* not_modified, ArchivedFetch* out) {
  *out = ArchivedFetch();
  Status s = WriteResponseOrRevisit(fetch, not_modified, out);
  if (!s.ok()) return s;
  const warc::RecordFormat format{options_.writer.version, options_.writer.digest};
  warc::RecordHeader request;
  warc::RecordLocation loc;
  s = warc::BuildRequestHeader(CaptureOf(fetch), fetch.request_head, out->response_id, format,
                               &request);
  if (s.ok()) s = Write(request, fetch.request_head, &loc);
  if (!s.ok()) return s;
  out->bytes += loc.length;
  if (!metadata_fields.empty()) {
    warc::RecordHeader metadata =
        warc::BuildMetadataHeader(CaptureOf(fetch), out->response_id, format);
    s = Write(metadata, metadata_fields, &loc);
    if (!s.ok()) return s;
    out->bytes += loc.length;
  }
  // Visible to lookups (dedup, replay) as soon as the fetch is archived.
  return indexer_.Flush();
}

Status Archiver::Close() {
  if (!writer_) return Status::OK();
  std::string path = writer_->current_final_path();
  Status s = writer_->Close();
  Status f = indexer_.Flush();
  if (s.ok()) s = f;
  if (s.ok() && !path.empty() && fs::exists(path))
    s = indexer_.RegisterFile(path, records_in_file_ + 1);
  records_in_file_ = 0;
  return s;
}

}  // namespace warcrawl::crawler
