// A capture: what one line of a CDXJ index says about one WARC record (its URL key and time,
// media type, HTTP status, payload digest and where the record lies), plus what the crawler
// adds from its own metadata records (the page's role in a blog, and for a comment page the
// post it belongs to). CaptureFromRecord builds one from a record the way warcio.js's and
// pywb's indexers do, so our index and theirs agree line for line.
//
// Thread-safety: plain values and pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_CAPTURE_H_
#define WARCRAWL_INDEX_CAPTURE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "warc/reader.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::index {

// What a crawled page is to the blog it belongs to; kNone when the crawler said nothing.
// The numbers are stored in index values (capture_codec.h): never renumber, only append.
enum class PageRole : uint8_t {
  kNone = 0,
  kPost,
  kCommentPage,
  kArchivePage,
  kFeed,
  kAsset,
  kOther,
  kSitemap,
};
inline constexpr uint8_t kMaxPageRole = static_cast<uint8_t>(PageRole::kSitemap);

// "post", "comments" (a page of a post's comments), "listing" (front page, paged or
// category archive), "feed", "asset", "other", "sitemap"; "" for kNone.
std::string_view PageRoleName(PageRole role);
// The inverse of PageRoleName; false (and *role untouched) for any other text.
bool ParsePageRole(std::string_view name, PageRole* role);

// Empty strings and zero numbers mean "absent": a CDXJ line then leaves the field out.
// CaptureFromRecord assigns every field (to reuse an entry's buffers): set a new one there.
struct CaptureEntry {
  std::string urlkey;     // the SURT key (computed by the caller from `url`)
  std::string timestamp;  // 14 digits, YYYYMMDDhhmmss, from WARC-Date
  std::string url;        // WARC-Target-URI without wget's <angle brackets>
  std::string mime;       // see CaptureFromRecord
  int status = 0;         // HTTP status of a response or revisit
  std::string digest;     // WARC-Payload-Digest without its "algorithm:" label
  uint64_t length = 0;    // of the record on disk (its gzip member when compressed)
  uint64_t offset = 0;    // of the record (its gzip member) in the file
  std::string filename;   // base name of the WARC file
  std::string redirect;   // the Location of a 3xx response or revisit
  warc::RecordType record_type = warc::RecordType::kResponse;
  std::string refers_to_url;        // revisits: WARC-Refers-To-Target-URI
  std::string refers_to_timestamp;  // revisits: WARC-Refers-To-Date as 14 digits
  // warcio.js pairs a non-GET request with its response and records its method and body
  // (the body as a query string); CaptureFromRecord sees one record and leaves them empty.
  std::string method;
  std::string request_body;
  // Set by the crawler from its metadata records.
  PageRole role = PageRole::kNone;
  std::string post_url;      // for a comment page: the post it belongs to
  uint32_t page_number = 0;  // for a comment page: which page of comments (1-based)

  bool operator==(const CaptureEntry&) const = default;
};

// Whether warcio.js's `cdx-index` (and pywb's cdx-indexer) index the record without their
// "all records" option: not warcinfo or request records, nor metadata or resource records
// holding application/warc-fields. Every other type, unknown ones included, is indexed.
// (pywb also skips text/anvl metadata, Heritrix 1's; warcio.js, followed here, does not.)
bool IsIndexedByDefault(const warc::RecordHeader& header);

// Builds the capture for a record, as warcio.js's CDX indexer does (urlkey left empty):
// - mime: "warc/revisit" for a revisit; for a response or request, the HTTP Content-Type
//   up to its first ';', trimmed, case kept (absent when the head has none or does not
//   parse); for any other type the WARC Content-Type exactly as written.
// - status: a response's or revisit's HTTP status code (a revisit's head is read only when
//   its Content-Length is not 0); absent for other types and for blocks that are not HTTP.
// - digest: the payload digest after its label ("sha1:" and "sha256:" alike).
// - length, offset, filename: from `loc` (the filename cut to its base name); see CdxLocation.
// `block_head` is the start of the block: all of it, or at least the whole HTTP head.
// - revisits also get refers_to_url/refers_to_timestamp; a 3xx gets `redirect` (Location).
// A WARC-Date that is not a date is Corruption naming the record's offset, and *out is then
// untouched; otherwise every field of *out is set, reusing its strings. pywb's own
// indexer differs from warcio.js in places (status "-" for revisits, mime "unk" when there
// is none, a computed digest for records without one); warcio.js is followed throughout.
Status CaptureFromRecord(const warc::RecordHeader& header, std::string_view block_head,
                         const warc::RecordLocation& loc, CaptureEntry* out);

// What warcio.js reads of a request record when it pairs it with its response: the
// request line's first word, the Content-Type (repeats joined with ", ") and the body, the
// bytes after the first CRLF CRLF (none without one). has_head is false when the block's
// first line is blank: warcio.js then reads no HTTP head and the request changes nothing.
struct RequestHead {
  bool has_head = false;
  std::string method;
  std::string content_type;
  std::string_view body;  // into the block given
};
RequestHead ReadRequestHead(std::string_view block);

// Gives a response's capture what warcio.js takes from the request paired with it: for a
// request that is not a GET, its method, its body as requestBody, and the urlkey of the URL
// pywb looks the POST up by (post_query.h). False, and `entry` untouched, for a GET or a
// request without a head. The urlkey is made again, so `entry->url` must be set.
bool PairWithRequest(const RequestHead& request, CaptureEntry* entry);

// The location an index gives the reader's current record, once its block has been read.
// pywb and warcio.js count a record of an uncompressed file without the CRLF CRLF after its
// block, so that is taken off (an irregular trailer cannot be: WarcReader does not say how
// long it was, and it stays counted); a gzip record must have a member of its own (else
// NotSupported: no offset would read it first).
Status CdxLocation(const warc::WarcReader& reader, warc::RecordLocation* loc);

// "2014-01-27T17:12:00.5Z" as "20140127171200": any date WARC allows, missing parts as
// zeros, fractions of a second cut.
Status TimestampFromWarcDate(std::string_view date, std::string* timestamp);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_CAPTURE_H_
