#include "replay/capture_loader.h"

#include <memory>

#include "index/cdx_query.h"
#include "index/indexer.h"
#include "warc/http_message.h"
#include "warc/http_payload.h"
#include "warc/reader.h"

namespace warcrawl::replay {

struct CaptureLoader::RawRecord {
  warc::RecordHeader header;
  std::string block;
};

namespace {

// How many captures of the referred-to URL are looked at, nearest in time first, for the
// one holding the revisit's payload.
constexpr size_t kRevisitCandidates = 32;

Status FillFromHttpBlock(const std::string& block, bool allow_unterminated, ArchivedResponse* out) {
  warc::PayloadOptions options;
  options.decode_content = false;
  warc::HttpPayload payload;
  Status s = warc::ExtractHttpPayload(block, options, &payload);
  // Damaged chunk framing still yields the data before the damage: serve that.
  if (!s.ok() && payload.head.head_length == 0) {
    if (!allow_unterminated) return s;
    if (Status h = warc::ParseHttpHead(block, &payload.head, true); !h.ok()) return h;
  }
  out->status = payload.head.status;
  out->reason = payload.head.reason;
  out->headers = payload.head.headers;
  out->entity_body = std::move(payload.entity_body);
  out->content_codings = warc::ContentCodings(payload.head);
  return Status::OK();
}

bool IsHttpUrl(std::string_view url) {
  return url.starts_with("http:") || url.starts_with("https:");
}

}  // namespace

Status CaptureLoader::ReadRecord(const std::string& filename, uint64_t offset,
                                 RawRecord* record) const {
  index::IngestedFile file;
  if (Status s = index::LookupIngestedFile(db_, filename, &file); !s.ok()) {
    return Status::NotFound("the index names a WARC file it never ingested: " + filename);
  }
  std::unique_ptr<warc::WarcReader> reader;
  if (Status s = warc::WarcReader::Open(file.path, &reader); !s.ok()) return s;
  Status s = reader->Seek(offset);
  if (s.ok()) s = reader->Next(&record->header);
  if (s.IsEndOfFile()) return Status::Corruption(filename + ": no record at its offset");
  if (s.ok()) s = reader->ReadWholeBlock(&record->block, kMaxBlock);
  return s;
}

Status CaptureLoader::Load(const index::CaptureEntry& entry, ArchivedResponse* out) const {
  RawRecord record;
  if (Status s = ReadRecord(entry.filename, entry.offset, &record); !s.ok()) return s;
  if (record.header.target_uri() != entry.url) {
    return Status::Corruption(entry.filename + ": the record at " + std::to_string(entry.offset) +
                              " is not for " + entry.url);
  }
  out->capture = entry;
  out->truncated = record.header.fields.Has(warc::field::kTruncated);
  switch (record.header.type()) {
    case warc::RecordType::kResponse:
      return FillFromHttpBlock(record.block, false, out);
    case warc::RecordType::kResource:
      out->status = 200;
      out->reason = "OK";
      out->headers.Set("Content-Type",
                       record.header.fields.Get(warc::field::kContentType).value_or(""));
      out->entity_body = std::move(record.block);
      return Status::OK();
    case warc::RecordType::kRevisit:
      break;
    default:
      return Status::NotSupported("a " + std::string(warc::RecordTypeName(entry.record_type)) +
                                  " record does not replay");
  }
  RawRecord original;
  if (Status s = ResolveRevisit(entry, &original); !s.ok()) return s;
  ArchivedResponse own;
  const bool own_head = !record.block.empty() && FillFromHttpBlock(record.block, true, &own).ok();
  if (Status s = FillFromHttpBlock(original.block, false, out); !s.ok()) return s;
  std::string original_date(original.header.date());
  if (!index::TimestampFromWarcDate(original_date, &out->payload_capture_timestamp).ok()) {
    out->payload_capture_timestamp.clear();
  }
  // A revisit is "truncated" by design (its payload left out); only the original's counts.
  out->truncated = original.header.fields.Has(warc::field::kTruncated);
  // The revisit's own head describes this capture; a 304's describes only the validation.
  if (own_head && own.status != 304) {
    out->status = own.status;
    out->reason = own.reason;
    out->headers = own.headers;
    out->content_codings = own.content_codings;
  }
  return Status::OK();
}

Status CaptureLoader::ResolveRevisit(const index::CaptureEntry& entry, RawRecord* original) const {
  if (Status s = FindOriginalByRefersTo(entry, original); s.ok() || !s.IsNotFound()) return s;
  if (entry.digest.empty()) return Status::NotSupported("a revisit without a payload digest");
  index::FirstCapture first;
  if (!index::LookupFirstCapture(db_, entry.digest, &first).ok()) {
    return Status::NotSupported("the payload this revisit refers to is not in the archive");
  }
  return ReadRecord(first.filename, first.offset, original);
}

// The original named by the revisit: a response capture of the referred-to URL with the
// same payload digest, the one nearest the referred-to date first.
Status CaptureLoader::FindOriginalByRefersTo(const index::CaptureEntry& entry,
                                             RawRecord* original) const {
  index::CdxQuery query;
  query.url = entry.refers_to_url.empty() ? entry.url : entry.refers_to_url;
  if (!IsHttpUrl(query.url)) return Status::NotFound("no usable refers-to URL");
  query.closest = entry.refers_to_timestamp.empty() ? entry.timestamp : entry.refers_to_timestamp;
  query.limit = kRevisitCandidates;
  query.literal_url = true;
  index::CaptureEntry found;
  bool have = false;
  Status s = index::RunCdxQuery(db_, query, [&](const index::CaptureEntry& c) {
    if (c.record_type != warc::RecordType::kResponse || c.digest != entry.digest) return true;
    found = c;
    have = true;
    return false;
  });
  if (!s.ok()) return s;
  if (!have) return Status::NotFound("no capture with the revisit's payload");
  return ReadRecord(found.filename, found.offset, original);
}

}  // namespace warcrawl::replay
