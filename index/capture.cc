#include "index/capture.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "index/js_text.h"
#include "index/post_query.h"
#include "index/surt.h"
#include "warc/date.h"
#include "warc/http_message.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

using warc::RecordType;

// The crawler's metadata records use these words (crawler/page_role.h).
constexpr std::array<std::pair<PageRole, std::string_view>, 7> kRoleNames = {{
    {PageRole::kPost, "post"},
    {PageRole::kCommentPage, "comments"},
    {PageRole::kArchivePage, "listing"},
    {PageRole::kFeed, "feed"},
    {PageRole::kAsset, "asset"},
    {PageRole::kOther, "other"},
    {PageRole::kSitemap, "sitemap"},
}};

// What an index takes from an HTTP head.
struct HeadFacts {
  int status = 0;  // 0 for a request or no status code
  std::string content_type;
  std::string location;
};

// JavaScript's String.prototype.trim, as warcio.js applies it to the media type.
std::string_view TrimSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Repeated fields read as one value joined with ", ", as a fetch Headers object gives them.
std::string JoinAll(const warc::HeaderFields& fields, std::string_view name) {
  std::string out;
  for (std::string_view value : fields.GetAll(name)) {
    if (value.empty()) continue;
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

// For heads our strict parser rejects (a header line without a colon, "HTTPX/1.1"):
// warcio.js still reads the status code and fields, skipping the lines it cannot use.
HeadFacts LenientHeadFacts(std::string_view data) {
  data = data.substr(0, warc::kMaxHttpHeadBytes);
  HeadFacts facts;
  warc::HeaderFields fields;
  bool first = true;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (first) {
      first = false;
      size_t sp = line.find(' ');
      std::string_view code = sp == std::string_view::npos ? "" : line.substr(sp + 1, 3);
      bool digits = code.size() == 3 && code.find_first_not_of("0123456789") == code.npos;
      if (digits && (line.size() == sp + 4 || line[sp + 4] == ' ')) {
        facts.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
      }
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.Add(TrimSpace(line.substr(0, colon)), TrimSpace(line.substr(colon + 1)));
  }
  facts.content_type = JoinAll(fields, "Content-Type");
  facts.location = std::string(fields.Get("Location").value_or(""));
  return facts;
}

// RFC 9110 tchar, as ParseHttpHead checks field names.
bool IsTokenChar(char c) {
  return warc::text::IsAlnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), warc::text::IsDigit);
}

// ParseHttpHead's reading of a status line ("HTTP/1.1 200 OK"); false where it fails.
bool ReadStatusLine(std::string_view line, int* status) {
  const size_t sp = line.find(' ');
  std::string_view version = line.substr(0, sp);
  if (!version.starts_with("HTTP/")) return false;
  version.remove_prefix(5);
  const size_t dot = version.find('.');
  if (dot == std::string_view::npos
          ? !IsDigits(version)
          : !IsDigits(version.substr(0, dot)) || !IsDigits(version.substr(dot + 1))) {
    return false;
  }
  std::string_view rest = sp == std::string_view::npos ? "" : line.substr(sp + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const std::string_view code = rest.substr(0, 3);
  if (code.size() != 3 || !IsDigits(code) || (rest.size() > 3 && !warc::text::IsBlank(rest[3]))) {
    return false;
  }
  *status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  return true;
}

// The facts of a response head exactly as ParseHttpHead's fields give them, read in place:
// it allocates nothing but the facts, where the parser builds every field. Covers heads
// ending in a blank line, with a status line and no folded lines; false for anything else,
// which the parser reads.
bool ReadPlainHeadFacts(std::string_view data, HeadFacts* out) {
  HeadFacts facts;
  bool have_location = false;
  for (size_t pos = 0, line_no = 0;; ++line_no) {
    const size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos || nl >= warc::kMaxHttpHeadBytes) return false;
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (line_no == 0) return false;  // no start line
      break;
    }
    if (line_no == 0) {
      if (!ReadStatusLine(line, &facts.status)) return false;
      continue;
    }
    const size_t colon = line.find(':');
    if (warc::text::IsBlank(line.front()) || colon == std::string_view::npos) return false;
    const std::string_view name = warc::text::TrimBlanks(line.substr(0, colon));
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return false;
    const std::string_view value = warc::text::TrimBlanks(line.substr(colon + 1));
    if (warc::EqualsIgnoreCase(name, "Content-Type") && !value.empty()) {
      if (!facts.content_type.empty()) facts.content_type += ", ";
      facts.content_type += value;
    } else if (warc::EqualsIgnoreCase(name, "Location") && !have_location) {
      facts.location = value;
      have_location = true;
    }
  }
  *out = std::move(facts);
  return true;
}

HeadFacts ReadHeadFacts(std::string_view block_head) {
  if (HeadFacts facts; ReadPlainHeadFacts(block_head, &facts)) return facts;
  warc::HttpHead head;
  if (!warc::ParseHttpHead(block_head, &head, /*allow_unterminated=*/true).ok()) {
    return LenientHeadFacts(block_head);
  }
  HeadFacts facts;
  if (!head.is_request) facts.status = head.status;
  facts.content_type = JoinAll(head.headers, "Content-Type");
  facts.location = std::string(head.headers.Get("Location").value_or(""));
  return facts;
}

// warcio.js reads an HTTP head in responses and requests, and in revisits that have a block.
bool HasHttpHead(const warc::RecordHeader& header, RecordType type) {
  switch (type) {
    case RecordType::kResponse:
    case RecordType::kRequest:
      return true;
    case RecordType::kRevisit:
      return header.content_length().value_or(0) > 0;
    default:
      return false;
  }
}

// The text between the first and second ':' (JavaScript's split(":", 2)[1]); none without ':'.
std::string_view DigestValue(std::string_view field) {
  size_t colon = field.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view rest = field.substr(colon + 1);
  return rest.substr(0, rest.find(':'));
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Sets mime, status and redirect.
void SetHttpFields(const warc::RecordHeader& header, RecordType type, std::string_view block_head,
                   CaptureEntry* out) {
  out->mime.clear();
  out->status = 0;
  out->redirect.clear();
  if (type == RecordType::kRevisit) out->mime = "warc/revisit";
  if (!HasHttpHead(header, type)) {
    if (type != RecordType::kRevisit) {
      out->mime.assign(header.fields.Get(warc::field::kContentType).value_or(""));
    }
    return;
  }
  HeadFacts facts = ReadHeadFacts(block_head);
  if (type != RecordType::kRevisit) {
    std::string_view ct = facts.content_type;
    out->mime.assign(TrimSpace(ct.substr(0, ct.find(';'))));
  }
  if (type == RecordType::kResponse || type == RecordType::kRevisit) out->status = facts.status;
  if (out->status >= 300 && out->status < 400) out->redirect = facts.location;
}

// Sets refers_to_url and refers_to_timestamp: a bad WARC-Refers-To-Date loses only this
// hint, not the capture.
void SetRefersTo(const warc::RecordHeader& header, RecordType type, CaptureEntry* out) {
  out->refers_to_url.clear();
  out->refers_to_timestamp.clear();
  if (type != RecordType::kRevisit) return;
  out->refers_to_url.assign(header.fields.Get(warc::field::kRefersToTargetUri).value_or(""));
  std::optional<std::string_view> date = header.fields.Get(warc::field::kRefersToDate);
  if (date && !TimestampFromWarcDate(*date, &out->refers_to_timestamp).ok()) {
    out->refers_to_timestamp.clear();
  }
}

}  // namespace

std::string_view PageRoleName(PageRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "";
}

bool ParsePageRole(std::string_view name, PageRole* role) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) {
      *role = r;
      return true;
    }
  }
  return false;
}

bool IsIndexedByDefault(const warc::RecordHeader& header) {
  const RecordType type = header.type();
  if (type == RecordType::kWarcinfo || type == RecordType::kRequest) return false;
  if (type == RecordType::kMetadata || type == RecordType::kResource) {
    return header.fields.Get(warc::field::kContentType) != "application/warc-fields";
  }
  return true;
}

Status TimestampFromWarcDate(std::string_view date, std::string* timestamp) {
  warc::TimePoint t;
  if (Status s = warc::ParseWarcDate(date, &t); !s.ok()) return s;
  // A valid date with seconds below 60 ("YYYY-MM-DDThh:mm:ss...") is its own 14 digits:
  // copying them costs a fraction of FormatTimestamp14's snprintf.
  if (date.size() >= 20 && date[16] == ':' && date[17] < '6') {
    timestamp->clear();
    for (size_t at : {0, 5, 8, 11, 14, 17}) timestamp->append(date.substr(at, at == 0 ? 4 : 2));
    return Status::OK();
  }
  *timestamp = warc::FormatTimestamp14(t);
  return Status::OK();
}

Status CaptureFromRecord(const warc::RecordHeader& header, std::string_view block_head,
                         const warc::RecordLocation& loc, CaptureEntry* out) {
  std::optional<std::string_view> date = header.fields.Get(warc::field::kDate);
  if (!date) {
    return Status::Corruption("record at offset " + std::to_string(loc.offset) +
                              ": no WARC-Date, so no timestamp to index it under");
  }
  std::string timestamp;
  if (Status s = TimestampFromWarcDate(*date, &timestamp); !s.ok()) {
    return Status::Corruption("record at offset " + std::to_string(loc.offset) + ": " +
                              s.message());
  }
  // Every field is assigned in place, so an indexer that builds each capture into the same
  // entry reuses its strings' buffers.
  const RecordType type = header.type();
  out->urlkey.clear();
  out->timestamp = timestamp;
  out->url.assign(header.target_uri());
  out->record_type = type;
  SetHttpFields(header, type, block_head, out);
  out->digest.assign(DigestValue(header.fields.Get(warc::field::kPayloadDigest).value_or("")));
  out->length = loc.length;
  out->offset = loc.offset;
  out->filename.assign(BaseName(loc.filename));
  SetRefersTo(header, type, out);
  out->method.clear();
  out->request_body.clear();
  out->role = PageRole::kNone;
  out->post_url.clear();
  out->page_number = 0;
  return Status::OK();
}

RequestHead ReadRequestHead(std::string_view block) {
  RequestHead out;
  const std::string_view line = block.substr(0, block.find('\n'));
  if (js::Trim(line).empty()) return out;
  out.has_head = true;
  out.method = std::string(TrimSpace(line.substr(0, line.find(' '))));
  out.content_type = ReadHeadFacts(block).content_type;
  const size_t end = block.find("\r\n\r\n");
  if (end != std::string_view::npos) out.body = block.substr(end + 4);
  return out;
}

bool PairWithRequest(const RequestHead& request, CaptureEntry* entry) {
  if (!request.has_head || request.method == "GET") return false;
  PostLookup lookup = PostToGetUrl(entry->url, request.method, request.content_type, request.body);
  entry->method = request.method;
  entry->request_body = std::move(lookup.request_body);
  // A URL the SURT rules cannot parse stays findable under its own text.
  if (!SurtKey(lookup.url, &entry->urlkey).ok()) entry->urlkey = lookup.url;
  return true;
}

Status CdxLocation(const warc::WarcReader& reader, warc::RecordLocation* loc) {
  const warc::RecordFraming& framing = reader.framing();
  const warc::RecordLocation& where = reader.location();
  if (framing.gzip && !framing.addressable()) {
    return Status::NotSupported("record at offset " + std::to_string(where.offset) +
                                " shares its gzip member with other records");
  }
  loc->filename = where.filename;  // assigned, not replaced: an indexer reuses *loc
  loc->offset = where.offset;
  loc->length = where.length;
  if (!framing.gzip && framing.trailer_crlf && where.length >= 4) loc->length -= 4;
  return Status::OK();
}

}  // namespace warcrawl::index
