#include "crawler/revalidation.h"

#include <memory>

#include "index/cdx_query.h"
#include "index/indexer.h"
#include "warc/http_message.h"
#include "warc/reader.h"

namespace warcrawl::crawler {
namespace {

// Captures of the URL looked at, newest first, for one that is a 200 response.
constexpr size_t kCandidates = 16;
// A 304 is mined from the original's payload; larger ones are not read back for it.
constexpr size_t kMaxBlock = size_t{64} << 20;

Status OpenRecord(const index::IndexDb& db, const index::CaptureEntry& capture,
                  std::unique_ptr<warc::WarcReader>* reader, warc::RecordHeader* header) {
  index::IngestedFile file;
  if (Status s = index::LookupIngestedFile(db, capture.filename, &file); !s.ok()) return s;
  if (Status s = warc::WarcReader::Open(file.path, reader); !s.ok()) return s;
  Status s = (*reader)->Seek(capture.offset);
  if (s.ok()) s = (*reader)->Next(header);
  if (s.ok() && header->target_uri() != capture.url) {
    s = Status::Corruption(capture.filename + ": the index and the record disagree");
  }
  return s;
}

// The block up to the end of its HTTP head (or all of a short block).
Status ReadHead(warc::WarcReader* reader, std::string* head) {
  char buf[16384];
  while (head->find("\r\n\r\n") == std::string::npos && head->size() < warc::kMaxHttpHeadBytes) {
    size_t got = 0;
    if (Status s = reader->ReadBlock(buf, sizeof buf, &got); !s.ok()) return s;
    if (got == 0) break;
    head->append(buf, got);
  }
  return Status::OK();
}

// An archived value goes into a request header: no control byte may ride along.
bool SafeHeaderValue(std::string_view value) {
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t') || b == 0x7f) return false;
  }
  return !value.empty();
}

}  // namespace

std::vector<std::string> Revalidation::RequestHeaders() const {
  std::vector<std::string> headers;
  if (SafeHeaderValue(etag)) headers.push_back("If-None-Match: " + etag);
  if (SafeHeaderValue(last_modified)) headers.push_back("If-Modified-Since: " + last_modified);
  return headers;
}

bool FindRevalidation(const index::IndexDb& db, std::string_view url, Revalidation* out) {
  index::CdxQuery query;
  query.url = std::string(url);
  query.literal_url = true;
  query.reverse = true;
  query.limit = kCandidates;
  // Most URLs a crawl fetches were never captured. One forward seek tells, where the
  // newest-first scan must step backwards, which costs LevelDB several seeks.
  index::CdxQuery any = query;
  any.reverse = false;
  any.limit = 1;
  bool captured = false;
  Status seen = index::RunCdxQuery(db, any, [&captured](const index::CaptureEntry&) {
    captured = true;
    return false;
  });
  if (!seen.ok() || !captured) return false;
  index::CaptureEntry newest;
  bool found = false;
  Status s = index::RunCdxQuery(db, query, [&](const index::CaptureEntry& c) {
    if (c.record_type != warc::RecordType::kResponse || c.status != 200 || c.url != url) {
      return true;
    }
    newest = c;
    found = true;
    return false;
  });
  if (!s.ok() || !found) return false;
  std::unique_ptr<warc::WarcReader> reader;
  warc::RecordHeader header;
  std::string block_head;
  warc::HttpHead head;
  if (!OpenRecord(db, newest, &reader, &header).ok() || !ReadHead(reader.get(), &block_head).ok() ||
      !warc::ParseHttpHead(block_head, &head, true).ok() ||
      !warc::ParseWarcDate(header.date(), &out->date).ok()) {
    return false;
  }
  out->capture = newest;
  out->record_id = std::string(header.record_id());
  out->payload_digest = std::string(header.fields.Get(warc::field::kPayloadDigest).value_or(""));
  out->etag = std::string(head.headers.Get("ETag").value_or(""));
  out->last_modified = std::string(head.headers.Get("Last-Modified").value_or(""));
  return !out->RequestHeaders().empty();
}

Status ReadCapturedBlock(const index::IndexDb& db, const index::CaptureEntry& capture,
                         std::string* block) {
  std::unique_ptr<warc::WarcReader> reader;
  warc::RecordHeader header;
  if (Status s = OpenRecord(db, capture, &reader, &header); !s.ok()) return s;
  return reader->ReadWholeBlock(block, kMaxBlock);
}

}  // namespace warcrawl::crawler
