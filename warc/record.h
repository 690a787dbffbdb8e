// The WARC record model: a record type, the named fields of a record header (ordered,
// repeatable, case-insensitive names), and their serialisation to and from text.
// A record's block (its content) is handled by the reader and writer, which stream it.
//
// Thread-safety: plain values; distinct objects may be used from distinct threads.
#ifndef WARCRAWL_WARC_RECORD_H_
#define WARCRAWL_WARC_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warc/status.h"

namespace warcrawl::warc {

enum class RecordType {
  kWarcinfo,
  kResponse,
  kResource,
  kRequest,
  kMetadata,
  kRevisit,
  kConversion,
  kContinuation,
  kUnknown,  // a WARC-Type this library does not know; still readable
};

enum class WarcVersion { k1_0, k1_1 };
// "WARC/1.0" or "WARC/1.1".
std::string_view VersionLine(WarcVersion version);

// The WARC-Type value for a type ("response"); "unknown" for kUnknown.
std::string_view RecordTypeName(RecordType type);
// Case-insensitive; kUnknown for anything else.
RecordType ParseRecordType(std::string_view name);

// Field names, spelled as WARC/1.1 spells them.
namespace field {
inline constexpr std::string_view kRecordId = "WARC-Record-ID";
inline constexpr std::string_view kType = "WARC-Type";
inline constexpr std::string_view kDate = "WARC-Date";
inline constexpr std::string_view kContentLength = "Content-Length";
inline constexpr std::string_view kContentType = "Content-Type";
inline constexpr std::string_view kTargetUri = "WARC-Target-URI";
inline constexpr std::string_view kConcurrentTo = "WARC-Concurrent-To";
inline constexpr std::string_view kIpAddress = "WARC-IP-Address";
inline constexpr std::string_view kWarcinfoId = "WARC-Warcinfo-ID";
inline constexpr std::string_view kBlockDigest = "WARC-Block-Digest";
inline constexpr std::string_view kPayloadDigest = "WARC-Payload-Digest";
inline constexpr std::string_view kTruncated = "WARC-Truncated";
inline constexpr std::string_view kProfile = "WARC-Profile";
inline constexpr std::string_view kRefersTo = "WARC-Refers-To";
inline constexpr std::string_view kRefersToTargetUri = "WARC-Refers-To-Target-URI";
inline constexpr std::string_view kRefersToDate = "WARC-Refers-To-Date";
inline constexpr std::string_view kFilename = "WARC-Filename";
inline constexpr std::string_view kIdentifiedPayloadType = "WARC-Identified-Payload-Type";
inline constexpr std::string_view kSegmentNumber = "WARC-Segment-Number";
inline constexpr std::string_view kSegmentOriginId = "WARC-Segment-Origin-ID";
inline constexpr std::string_view kSegmentTotalLength = "WARC-Segment-Total-Length";
}  // namespace field

// Revisit profiles (WARC/1.1 section 6.7; the 1.0 URIs are accepted when reading).
inline constexpr std::string_view kProfileIdenticalPayloadDigest =
    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
inline constexpr std::string_view kProfileServerNotModified =
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

// ASCII case-insensitive equality, as header field names compare.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

struct RecordHeader;

// Named fields in the order they were added. Names may repeat (WARC-Concurrent-To,
// WARC-Protocol); lookups ignore case.
class HeaderFields {
 public:
  using Entry = std::pair<std::string, std::string>;

  void Add(std::string_view name, std::string_view value);
  // Replaces the first field of that name (dropping later repeats), or adds it.
  void Set(std::string_view name, std::string_view value);
  void Remove(std::string_view name);

  std::optional<std::string_view> Get(std::string_view name) const;
  std::vector<std::string_view> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  size_t Count(std::string_view name) const;

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  // "Name: value\r\n" per field, without the terminating blank line.
  void AppendTo(std::string* out) const;

 private:
  // Overwrites entries in place, reusing their strings.
  friend Status ParseRecordHeader(std::string_view text, RecordHeader* header);

  std::vector<Entry> entries_;
};

// The header of one WARC record: its version line and its fields.
struct RecordHeader {
  std::string version = "WARC/1.1";  // the first line, e.g. "WARC/1.0"
  HeaderFields fields;

  RecordType type() const;
  // The parsed Content-Length, or nullopt when absent or not a plain decimal number.
  std::optional<uint64_t> content_length() const;
  std::string_view record_id() const { return fields.Get(field::kRecordId).value_or(""); }
  std::string_view date() const { return fields.Get(field::kDate).value_or(""); }
  // WARC-Target-URI with the angle brackets that wget writes ("<http://…>") removed.
  std::string_view target_uri() const;

  // The version line, the fields and the blank line that ends a header.
  std::string Serialize() const;
};

// Where a record lives: the file, the offset of its first byte (for a gzip file, of its
// gzip member) and its length on disk (compressed). This is what an index stores.
struct RecordLocation {
  std::string filename;
  uint64_t offset = 0;
  uint64_t length = 0;
};

// Parses a record header from `text`, which holds the version line and the field lines
// up to (not necessarily including) the blank line. Accepts LF as well as CRLF line ends
// and folded continuation lines; a line with no colon is Corruption naming the line.
// *header's old fields are replaced, their strings reused: a reader that parses every
// record into one RecordHeader allocates little per record.
Status ParseRecordHeader(std::string_view text, RecordHeader* header);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECORD_H_
