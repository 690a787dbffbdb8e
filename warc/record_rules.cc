#include "warc/record_rules.h"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <initializer_list>

#include "warc/date.h"
#include "warc/digest.h"
#include "warc/record_id.h"

namespace warcrawl::warc {
namespace {

using T = RecordType;

struct Checker {
  const RecordHeader& header;
  std::vector<RuleViolation>* out;

  void Error(std::string message) { out->push_back({Severity::kError, std::move(message)}); }
  void Warn(std::string message) { out->push_back({Severity::kWarning, std::move(message)}); }
  bool Has(std::string_view name) const { return header.fields.Has(name); }
  std::string_view Get(std::string_view name) const { return header.fields.Get(name).value_or(""); }
};

bool TypeIn(T type, std::initializer_list<T> types) {
  for (T t : types) {
    if (t == type) return true;
  }
  return false;
}

// Fields a record type must not carry (WARC 1.1 section 5, per field).
void CheckForbidden(Checker& c, T type) {
  struct Rule {
    std::string_view field;
    std::initializer_list<T> forbidden_on;
  };
  static const std::array<Rule, 6> kRules = {{
      {field::kTargetUri, {T::kWarcinfo}},
      {field::kConcurrentTo, {T::kWarcinfo, T::kConversion, T::kContinuation}},
      {field::kRefersTo, {T::kWarcinfo, T::kResponse, T::kResource, T::kRequest, T::kContinuation}},
      {field::kWarcinfoId, {T::kWarcinfo}},
      {field::kFilename,
       {T::kResponse, T::kResource, T::kRequest, T::kMetadata, T::kRevisit, T::kConversion,
        T::kContinuation}},
      {field::kSegmentTotalLength,
       {T::kWarcinfo, T::kResponse, T::kResource, T::kRequest, T::kMetadata, T::kRevisit,
        T::kConversion}},
  }};
  for (const Rule& rule : kRules) {
    if (c.Has(rule.field) && TypeIn(type, rule.forbidden_on)) {
      c.Error(std::string(rule.field) + " is not allowed on a " +
              std::string(RecordTypeName(type)) + " record");
    }
  }
}

void CheckRequired(Checker& c, T type) {
  for (std::string_view name :
       {field::kRecordId, field::kContentLength, field::kDate, field::kType}) {
    if (!c.Has(name)) c.Error("missing mandatory field " + std::string(name));
  }
  if (TypeIn(type, {T::kResponse, T::kResource, T::kRequest, T::kRevisit, T::kConversion,
                    T::kContinuation}) &&
      !c.Has(field::kTargetUri)) {
    c.Error("missing WARC-Target-URI, required on a " + std::string(RecordTypeName(type)) +
            " record");
  }
  if (type == T::kRevisit && !c.Has(field::kProfile)) c.Error("revisit without WARC-Profile");
  if (type != T::kRevisit && c.Has(field::kProfile)) {
    c.Warn("WARC-Profile is defined only for revisit records");
  }
  if (type == T::kContinuation) {
    if (!c.Has(field::kSegmentOriginId)) c.Error("continuation without WARC-Segment-Origin-ID");
    if (!c.Has(field::kSegmentNumber)) c.Error("continuation without WARC-Segment-Number");
  }
  auto length = c.header.content_length();
  if (length && *length > 0 && type != T::kContinuation && !c.Has(field::kContentType)) {
    c.Warn("no Content-Type on a record with a non-empty block");
  }
}

void CheckRepeats(Checker& c) {
  for (const auto& [name, value] : c.header.fields.entries()) {
    if (EqualsIgnoreCase(name, field::kConcurrentTo) || EqualsIgnoreCase(name, "WARC-Protocol")) {
      continue;  // the only fields WARC 1.1 lets repeat
    }
    if (c.header.fields.GetAll(name).front().data() != value.data()) continue;
    if (c.header.fields.Count(name) > 1) c.Error("field " + name + " appears more than once");
  }
}

bool IsUriLike(std::string_view uri) {
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char ch = uri[i];
    bool ok = std::isalpha(static_cast<unsigned char>(ch)) ||
              (i > 0 && (std::isdigit(static_cast<unsigned char>(ch)) || ch == '+' || ch == '-' ||
                         ch == '.'));
    if (!ok) return false;
  }
  for (char ch : uri) {
    if (static_cast<unsigned char>(ch) <= 0x20 || ch == '<' || ch == '>' || ch == '"') {
      return false;
    }
  }
  return true;
}

void CheckUri(Checker& c, std::string_view name) {
  if (!c.Has(name)) return;
  std::string_view uri = c.Get(name);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    c.Error(std::string(name) +
            " is wrapped in angle brackets (a known wget bug): " + std::string(uri.substr(0, 200)));
  } else if (!IsUriLike(uri)) {
    c.Error(std::string(name) + " is not a URI: '" + std::string(uri.substr(0, 200)) + "'");
  }
}

void CheckDate(Checker& c, std::string_view name, bool v10) {
  if (!c.Has(name)) return;
  std::string_view value = c.Get(name);
  TimePoint t;
  Status s = ParseWarcDate(value, &t);
  if (!s.ok()) {
    c.Error(std::string(name) + ": " + s.message());
  } else if (value.size() < 20) {
    c.Error(std::string(name) + " must give a time to the second: '" + std::string(value) + "'");
  } else if (v10 && value.size() > 20) {
    c.Error(std::string(name) + " has fractional seconds, which WARC/1.0 does not allow");
  }
}

void CheckSyntax(Checker& c, T type) {
  const bool v10 = c.header.version == "WARC/1.0";
  if (c.header.version != "WARC/1.1" && !v10) {
    c.Warn("version " + c.header.version + " predates WARC/1.0");
  }
  if (c.Has(field::kContentLength) && !c.header.content_length()) {
    c.Error("Content-Length is not a decimal number: '" +
            std::string(c.Get(field::kContentLength)) + "'");
  }
  if (c.Has(field::kType) && type == T::kUnknown) {
    c.Warn("unknown WARC-Type '" + std::string(c.Get(field::kType)) + "'");
  }
  for (std::string_view name :
       {field::kRecordId, field::kWarcinfoId, field::kRefersTo, field::kSegmentOriginId}) {
    if (c.Has(name) && !IsValidRecordId(c.Get(name))) {
      c.Error(std::string(name) + " is not a <URI>: '" + std::string(c.Get(name)) + "'");
    }
  }
  for (std::string_view id : c.header.fields.GetAll(field::kConcurrentTo)) {
    if (!IsValidRecordId(id))
      c.Error("WARC-Concurrent-To is not a <URI>: '" + std::string(id) + "'");
  }
  CheckUri(c, field::kTargetUri);
  CheckUri(c, field::kRefersToTargetUri);
  CheckDate(c, field::kDate, v10);
  CheckDate(c, field::kRefersToDate, v10);
  for (std::string_view name : {field::kBlockDigest, field::kPayloadDigest}) {
    ParsedDigest digest;
    Status s = c.Has(name) ? ParseDigest(c.Get(name), &digest) : Status::OK();
    if (s.IsNotSupported())
      c.Warn(std::string(name) + ": " + s.message());
    else if (!s.ok())
      c.Error(std::string(name) + ": " + s.message());
  }
  if (c.Has(field::kIpAddress)) {
    std::string ip(c.Get(field::kIpAddress));
    unsigned char buf[16];
    if (inet_pton(AF_INET, ip.c_str(), buf) != 1 && inet_pton(AF_INET6, ip.c_str(), buf) != 1) {
      c.Error("WARC-IP-Address is not an IPv4 or IPv6 address: '" + ip + "'");
    }
  }
  if (c.Has(field::kTruncated)) {
    std::string_view reason = c.Get(field::kTruncated);
    if (reason != "length" && reason != "time" && reason != "disconnect" &&
        reason != "unspecified") {
      c.Warn("WARC-Truncated has a non-standard reason '" + std::string(reason) + "'");
    }
  }
}

}  // namespace

void CheckRecordHeader(const RecordHeader& header, std::vector<RuleViolation>* out) {
  Checker c{header, out};
  T type = header.type();
  CheckRequired(c, type);
  CheckForbidden(c, type);
  CheckRepeats(c);
  CheckSyntax(c, type);
}

}  // namespace warcrawl::warc
