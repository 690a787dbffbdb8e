#include "warc/record.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace warcrawl::warc {
namespace {

constexpr std::array<std::pair<RecordType, std::string_view>, 8> kTypeNames = {{
    {RecordType::kWarcinfo, "warcinfo"},
    {RecordType::kResponse, "response"},
    {RecordType::kResource, "resource"},
    {RecordType::kRequest, "request"},
    {RecordType::kMetadata, "metadata"},
    {RecordType::kRevisit, "revisit"},
    {RecordType::kConversion, "conversion"},
    {RecordType::kContinuation, "continuation"},
}};

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string_view VersionLine(WarcVersion version) {
  return version == WarcVersion::k1_0 ? "WARC/1.0" : "WARC/1.1";
}

std::string_view RecordTypeName(RecordType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

RecordType ParseRecordType(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (EqualsIgnoreCase(n, name)) return t;
  }
  return RecordType::kUnknown;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  // Names are mostly spelled alike: one memcmp, not a byte loop, finds a field.
  if (a == b) return true;
  return std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return LowerAscii(x) == LowerAscii(y); });
}

void HeaderFields::Add(std::string_view name, std::string_view value) {
  entries_.emplace_back(std::string(name), std::string(value));
}

void HeaderFields::Set(std::string_view name, std::string_view value) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return EqualsIgnoreCase(e.first, name); });
  if (it == entries_.end()) {
    Add(name, value);
    return;
  }
  it->second = std::string(value);
  auto later = std::remove_if(it + 1, entries_.end(),
                              [&](const Entry& e) { return EqualsIgnoreCase(e.first, name); });
  entries_.erase(later, entries_.end());
}

void HeaderFields::Remove(std::string_view name) {
  std::erase_if(entries_, [&](const Entry& e) { return EqualsIgnoreCase(e.first, name); });
}

std::optional<std::string_view> HeaderFields::Get(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::vector<std::string_view> HeaderFields::GetAll(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& [n, v] : entries_) {
    if (EqualsIgnoreCase(n, name)) values.emplace_back(v);
  }
  return values;
}

size_t HeaderFields::Count(std::string_view name) const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return EqualsIgnoreCase(e.first, name);
  }));
}

void HeaderFields::AppendTo(std::string* out) const {
  for (const auto& [n, v] : entries_) {
    out->append(n).append(": ").append(v).append("\r\n");
  }
}

RecordType RecordHeader::type() const {
  auto t = fields.Get(field::kType);
  return t ? ParseRecordType(*t) : RecordType::kUnknown;
}

std::optional<uint64_t> RecordHeader::content_length() const {
  auto v = fields.Get(field::kContentLength);
  if (!v || v->empty()) return std::nullopt;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size()) return std::nullopt;
  return n;
}

std::string_view RecordHeader::target_uri() const {
  std::string_view uri = fields.Get(field::kTargetUri).value_or("");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return uri;
}

std::string RecordHeader::Serialize() const {
  std::string out;
  out.reserve(64 * (fields.entries().size() + 1));
  out.append(version).append("\r\n");
  fields.AppendTo(&out);
  out.append("\r\n");
  return out;
}

namespace {

// The field lines of `text` (after its version line) into fields[0, *count), each entry
// assigned in place.
Status ParseFieldLines(std::string_view text, size_t line_no,
                       std::vector<HeaderFields::Entry>* fields, size_t* count) {
  std::string_view name, value;  // the field being read
  std::string folded;            // its value once a continuation line is added
  bool pending = false, is_folded = false;
  auto flush = [&] {
    if (!pending) return;
    if (*count == fields->size()) fields->emplace_back();
    HeaderFields::Entry& entry = (*fields)[(*count)++];
    entry.first.assign(name);
    entry.second.assign(TrimSpaces(is_folded ? std::string_view(folded) : value));
  };
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && pending) {
      if (!is_folded) folded.assign(value);
      is_folded = true;
      folded.append(" ").append(TrimSpaces(line));  // folded continuation
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Status::Corruption("header line " + std::to_string(line_no) +
                                " is not a 'Name: value' field: '" +
                                std::string(line.substr(0, 60)) + "'");
    }
    flush();
    name = TrimSpaces(line.substr(0, colon));
    value = line.substr(colon + 1);
    pending = true;
    is_folded = false;
  }
  flush();
  return Status::OK();
}

}  // namespace

Status ParseRecordHeader(std::string_view text, RecordHeader* header) {
  std::vector<HeaderFields::Entry>& fields = header->fields.entries_;
  size_t nl = text.find('\n');
  std::string_view line = text.substr(0, nl);
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (text.empty()) {
    fields.clear();
    return Status::Corruption("empty record header");
  }
  if (!line.starts_with("WARC/")) {
    fields.clear();
    return Status::Corruption("expected a WARC/x.y version line, found '" +
                              std::string(line.substr(0, 40)) + "'");
  }
  header->version.assign(TrimSpaces(line));
  text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  size_t count = 0;
  Status s = ParseFieldLines(text, 1, &fields, &count);
  fields.resize(count);  // the fields read, as if added one by one to an empty header
  return s;
}

}  // namespace warcrawl::warc
