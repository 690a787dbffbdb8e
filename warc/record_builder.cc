#include "warc/record_builder.h"

#include "warc/http_payload.h"
#include "warc/record_id.h"

namespace warcrawl::warc {
namespace {

RecordHeader BaseHeader(RecordType type, const Capture& capture, const RecordFormat& format) {
  RecordHeader header;
  header.version = std::string(VersionLine(format.version));
  header.fields.Add(field::kType, RecordTypeName(type));
  header.fields.Add(field::kRecordId, NewRecordId());
  header.fields.Add(field::kDate,
                    FormatWarcDate(capture.date, format.version == WarcVersion::k1_1));
  header.fields.Add(field::kTargetUri, capture.target_uri);
  return header;
}

void AddIpAndTruncation(const Capture& capture, RecordHeader* header) {
  if (!capture.ip_address.empty()) header->fields.Add(field::kIpAddress, capture.ip_address);
  if (!capture.truncated.empty()) header->fields.Add(field::kTruncated, capture.truncated);
}

Status AddHttpPayloadDigest(std::string_view http_block, const RecordFormat& format,
                            RecordHeader* header) {
  std::string raw;
  Status s = ComputePayloadDigest(http_block, format.digest, &raw);
  if (!s.ok()) return s;
  header->fields.Add(field::kPayloadDigest, FormatDigest(format.digest, raw));
  return Status::OK();
}

}  // namespace

Status BuildResponseHeader(const Capture& capture, std::string_view http_block,
                           const RecordFormat& format, RecordHeader* header) {
  *header = BaseHeader(RecordType::kResponse, capture, format);
  AddIpAndTruncation(capture, header);
  header->fields.Add(field::kContentType, "application/http;msgtype=response");
  return AddHttpPayloadDigest(http_block, format, header);
}

Status BuildRequestHeader(const Capture& capture, std::string_view http_block,
                          std::string_view concurrent_to, const RecordFormat& format,
                          RecordHeader* header) {
  *header = BaseHeader(RecordType::kRequest, capture, format);
  if (!concurrent_to.empty()) header->fields.Add(field::kConcurrentTo, concurrent_to);
  AddIpAndTruncation(capture, header);
  header->fields.Add(field::kContentType, "application/http;msgtype=request");
  return AddHttpPayloadDigest(http_block, format, header);
}

std::string_view RevisitProfileUri(RevisitProfile profile, WarcVersion version) {
  const bool v11 = version == WarcVersion::k1_1;
  if (profile == RevisitProfile::kIdenticalPayloadDigest) {
    return v11 ? kProfileIdenticalPayloadDigest
               : "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest";
  }
  return v11 ? kProfileServerNotModified
             : "http://netpreserve.org/warc/1.0/revisit/server-not-modified";
}

RecordHeader BuildRevisitHeader(const Capture& capture, RevisitProfile profile,
                                const RevisitOf& original, const RecordFormat& format) {
  RecordHeader header = BaseHeader(RecordType::kRevisit, capture, format);
  if (!capture.ip_address.empty()) header.fields.Add(field::kIpAddress, capture.ip_address);
  header.fields.Add(field::kProfile, RevisitProfileUri(profile, format.version));
  header.fields.Add(field::kRefersTo, original.record_id);
  header.fields.Add(field::kRefersToTargetUri, original.target_uri);
  header.fields.Add(field::kRefersToDate,
                    FormatWarcDate(original.date, format.version == WarcVersion::k1_1));
  if (!original.payload_digest.empty()) {
    header.fields.Add(field::kPayloadDigest, original.payload_digest);
  }
  header.fields.Add(field::kTruncated, "length");
  header.fields.Add(field::kContentType, "application/http;msgtype=response");
  return header;
}

RecordHeader BuildResourceHeader(const Capture& capture, std::string_view content_type,
                                 std::string_view block, const RecordFormat& format) {
  RecordHeader header = BaseHeader(RecordType::kResource, capture, format);
  if (!capture.ip_address.empty()) header.fields.Add(field::kIpAddress, capture.ip_address);
  if (!capture.truncated.empty()) header.fields.Add(field::kTruncated, capture.truncated);
  header.fields.Add(field::kContentType, content_type);
  Digester digester(format.digest);
  digester.Update(block);
  header.fields.Add(field::kPayloadDigest, FormatDigest(format.digest, digester.Finish()));
  return header;
}

RecordHeader BuildMetadataHeader(const Capture& capture, std::string_view concurrent_to,
                                 const RecordFormat& format, std::string_view content_type) {
  RecordHeader header = BaseHeader(RecordType::kMetadata, capture, format);
  if (!concurrent_to.empty()) header.fields.Add(field::kConcurrentTo, concurrent_to);
  header.fields.Add(field::kContentType, content_type);
  return header;
}

}  // namespace warcrawl::warc
