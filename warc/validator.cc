#include "warc/validator.h"

#include <memory>
#include <optional>

#include "warc/payload_verifier.h"
#include "warc/record_prefetcher.h"

namespace warcrawl::warc {
namespace {

class FileValidator {
 public:
  FileValidator(const std::string& path, const ProblemSink& sink, ValidationReport* report)
      : path_(path), sink_(sink), report_(report) {}

  Status Run();

 private:
  void Report(Severity severity, std::string message) {
    Problem p{path_, offset_, type_, severity, std::move(message)};
    (severity == Severity::kError ? report_->errors : report_->warnings)++;
    if (sink_) sink_(p);
  }
  void CheckRecord(const RecordHeader& header);
  void CheckDigests(const RecordHeader& header, const PayloadVerifier& verifier);
  void CheckHttp(const RecordHeader& header, const PayloadVerifier& verifier);
  void CheckFraming(const RecordFraming& framing);
  std::optional<DigestAlgorithm> AlgorithmOf(const RecordHeader& header, std::string_view name,
                                             ParsedDigest* parsed);

  const std::string& path_;
  const ProblemSink& sink_;
  ValidationReport* report_;
  std::unique_ptr<RecordPrefetcher> records_;
  uint64_t offset_ = 0;
  std::string type_;
  uint64_t records_sharing_members_ = 0;
};

bool IsHttpBlock(const RecordHeader& header) {
  std::string_view type = header.fields.Get(field::kContentType).value_or("");
  return type.starts_with("application/http");
}

Status FileValidator::Run() {
  Status s = RecordPrefetcher::Open(path_, &records_);
  if (!s.ok()) return s;
  for (;;) {
    type_.clear();
    PrefetchEvent* e = records_->Next();
    if (e->status.IsEndOfFile()) break;
    offset_ = e->offset;
    if (!e->status.ok()) {
      Report(Severity::kError, e->status.message() + "; the rest of the file cannot be read");
      break;
    }
    const RecordHeader header = std::move(e->header);
    type_ = std::string(header.fields.Get(field::kType).value_or("?"));
    ++report_->records;
    CheckRecord(header);
  }
  if (records_sharing_members_ > 0) {
    type_.clear();
    offset_ = 0;
    Report(Severity::kError,
           "records share gzip members (" + std::to_string(records_sharing_members_) +
               " records do not start a member of their own): each record must be its "
               "own member (WARC 1.1 annex D), or it cannot be read from its offset");
  }
  return Status::OK();
}

void FileValidator::CheckRecord(const RecordHeader& header) {
  std::vector<RuleViolation> violations;
  CheckRecordHeader(header, &violations);
  for (auto& v : violations) Report(v.severity, std::move(v.message));

  ParsedDigest block_digest, payload_digest;
  auto block_algo = AlgorithmOf(header, field::kBlockDigest, &block_digest);
  auto payload_algo = header.type() == RecordType::kRevisit
                          ? std::nullopt  // names a payload stored elsewhere
                          : AlgorithmOf(header, field::kPayloadDigest, &payload_digest);
  const bool http = IsHttpBlock(header) && (header.type() == RecordType::kResponse ||
                                            header.type() == RecordType::kRequest ||
                                            header.type() == RecordType::kRevisit);
  PayloadVerifier verifier(block_algo, payload_algo, http);
  const PrefetchEvent* e;
  while ((e = records_->Next())->kind == PrefetchEvent::Kind::kData) verifier.Update(e->data);
  if (!e->status.ok()) {
    Report(Severity::kError, e->status.message());
    return;
  }
  verifier.Finish();
  CheckFraming(e->framing);
  CheckDigests(header, verifier);
  if (http) CheckHttp(header, verifier);
}

std::optional<DigestAlgorithm> FileValidator::AlgorithmOf(const RecordHeader& header,
                                                          std::string_view name,
                                                          ParsedDigest* parsed) {
  auto value = header.fields.Get(name);
  if (!value || !ParseDigest(*value, parsed).ok()) return std::nullopt;  // rules reported it
  return parsed->algorithm;
}

void FileValidator::CheckDigests(const RecordHeader& header, const PayloadVerifier& verifier) {
  ParsedDigest expected;
  if (auto value = header.fields.Get(field::kBlockDigest);
      value && ParseDigest(*value, &expected).ok()) {
    ++report_->digests_checked;
    if (expected.raw != verifier.block_digest()) {
      Report(Severity::kError, "WARC-Block-Digest does not match the block: recorded " +
                                   std::string(*value) + ", computed " +
                                   FormatDigest(expected.algorithm, verifier.block_digest()));
    }
  }
  if (header.type() == RecordType::kRevisit) return;
  if (auto value = header.fields.Get(field::kPayloadDigest);
      value && ParseDigest(*value, &expected).ok()) {
    ++report_->digests_checked;
    bool matches =
        expected.raw == verifier.payload_digest() ||
        (!verifier.raw_payload_digest().empty() && expected.raw == verifier.raw_payload_digest());
    if (!matches) {
      Report(Severity::kError, "WARC-Payload-Digest does not match the payload: recorded " +
                                   std::string(*value) + ", computed " +
                                   FormatDigest(expected.algorithm, verifier.payload_digest()));
    }
  }
}

void FileValidator::CheckHttp(const RecordHeader& header, const PayloadVerifier& verifier) {
  if (!verifier.head_status().ok()) {
    Report(Severity::kError, "HTTP message: " + verifier.head_status().message());
    return;
  }
  if (header.type() == RecordType::kRevisit) return;  // the head alone is stored
  const HttpHead& head = verifier.head();
  const bool truncated = header.fields.Has(field::kTruncated);
  if (IsChunked(head)) {
    if (!verifier.chunked_status().ok()) {
      Report(Severity::kError, "HTTP chunked body: " + verifier.chunked_status().message());
    } else if (!verifier.chunked_complete() && !truncated) {
      Report(Severity::kError, "HTTP chunked body ends before its last chunk");
    }
    return;
  }
  auto declared = DeclaredContentLength(head);
  if (!declared || truncated) return;
  bool bodyless = !head.is_request && (head.status == 204 || head.status == 304 ||
                                       (head.status >= 100 && head.status < 200));
  if (bodyless) return;
  if (*declared != verifier.entity_body_length()) {
    Report(Severity::kError, "HTTP Content-Length is " + std::to_string(*declared) +
                                 " but the payload has " +
                                 std::to_string(verifier.entity_body_length()) + " bytes");
  }
}

void FileValidator::CheckFraming(const RecordFraming& framing) {
  if (framing.junk_before > 0) {
    Report(Severity::kError,
           std::to_string(framing.junk_before) + " bytes of junk before the record");
  }
  if (framing.blank_before > 0) {
    Report(Severity::kWarning,
           std::to_string(framing.blank_before) + " bytes of extra blank lines before the record");
  }
  if (!framing.header_crlf) {
    Report(Severity::kWarning, "header lines end in LF or CR CR LF instead of CRLF");
  }
  if (!framing.trailer_crlf) {
    Report(Severity::kError, "the block is not followed by CRLF CRLF (wrong Content-Length?)");
  }
  if (!framing.gzip) return;
  if (!framing.starts_member) ++records_sharing_members_;
  if (framing.members > 1) {
    Report(Severity::kError,
           "the record spans " + std::to_string(framing.members) + " gzip members");
  }
}

}  // namespace

std::string Problem::ToString() const {
  std::string out = file + ":" + std::to_string(offset) + ": ";
  if (!record_type.empty()) out += record_type + ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  return out + message;
}

Status ValidateFile(const std::string& path, const ProblemSink& sink, ValidationReport* report) {
  FileValidator validator(path, sink, report);
  return validator.Run();
}

}  // namespace warcrawl::warc
