#include "index/cdx_format.h"

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "index/js_text.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

using nlohmann::json;

void AppendU16Escape(uint32_t unit, std::string* out) {
  char buf[16];  // room for any uint32_t; a UTF-16 unit takes 6
  std::snprintf(buf, sizeof buf, "\\u%04x", unit);
  out->append(buf);
}

// A JSON string literal. `ascii_only`: Python's json.dumps (pywb) escapes all but printable
// ASCII, astral code points as surrogate pairs; otherwise JavaScript's JSON.stringify
// (warcio.js) escapes only quotes, backslashes and control characters.
void AppendJsonString(std::string_view s, bool ascii_only, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = js::NextCodePoint(s, &i);
    switch (cp) {
      case '"':
        out->append("\\\"");
        continue;
      case '\\':
        out->append("\\\\");
        continue;
      case '\b':
        out->append("\\b");
        continue;
      case '\f':
        out->append("\\f");
        continue;
      case '\n':
        out->append("\\n");
        continue;
      case '\r':
        out->append("\\r");
        continue;
      case '\t':
        out->append("\\t");
        continue;
      default:
        break;
    }
    if (cp < 0x20 || (ascii_only && cp >= 0x7F && cp < 0x10000)) {
      AppendU16Escape(cp, out);
    } else if (ascii_only && cp >= 0x10000) {
      AppendU16Escape(0xD800 + ((cp - 0x10000) >> 10), out);
      AppendU16Escape(0xDC00 + ((cp - 0x10000) & 0x3FF), out);
    } else {
      warc::text::AppendUtf8(cp, out);
    }
  }
  out->push_back('"');
}

struct NamedValue {
  std::string_view name;
  std::string value;
};

// The JSON fields of a capture in warcio.js's order; absent ones are left out.
std::vector<NamedValue> JsonFields(const CaptureEntry& e, const CdxFormatOptions& options) {
  std::vector<NamedValue> f;
  auto text = [&f](std::string_view name, const std::string& v) {
    if (!v.empty()) f.push_back({name, v});
  };
  text("url", e.url);
  text("mime", e.mime);
  if (e.status > 0) f.push_back({"status", std::to_string(e.status)});
  text("digest", e.digest);
  f.push_back({"length", std::to_string(e.length)});
  f.push_back({"offset", std::to_string(e.offset)});
  f.push_back({"filename", e.filename});
  text("method", e.method);
  text("requestBody", e.request_body);
  if (!options.extended) return f;
  text("redirect", e.redirect);
  f.push_back({"warc-type", std::string(warc::RecordTypeName(e.record_type))});
  text("refers-to-url", e.refers_to_url);
  text("refers-to-timestamp", e.refers_to_timestamp);
  if (e.role != PageRole::kNone) f.push_back({"page-role", std::string(PageRoleName(e.role))});
  text("post-url", e.post_url);
  if (e.page_number > 0) f.push_back({"page-number", std::to_string(e.page_number)});
  return f;
}

void AppendObject(const std::vector<NamedValue>& fields, bool python_style, std::string* out) {
  out->push_back('{');
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->append(python_style ? ", " : ",");
    AppendJsonString(fields[i].name, python_style, out);
    out->append(python_style ? ": " : ":");
    AppendJsonString(fields[i].value, python_style, out);
  }
  out->push_back('}');
}

void AppendCdxField(std::string_view v, std::string* out) {
  if (v.empty()) {
    out->push_back('-');
    return;
  }
  for (char c : v) {
    if (c == ' ') {
      out->append("%20");
    } else if (c == '\n') {
      out->append("%0A");
    } else if (c == '\r') {
      out->append("%0D");
    } else {
      out->push_back(c);
    }
  }
}

// ---- parsing ----

Status Bad(std::string_view problem) {
  return Status::Corruption("CDXJ line: " + std::string(problem));
}

Status FieldError(std::string_view name, std::string_view problem) {
  return Bad("field \"" + std::string(name) + "\" " + std::string(problem));
}

bool IsDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// A text field: a JSON string; "" (and "-" where `dash_absent`) leave *out empty.
Status GetText(const json& obj, std::string_view name, bool dash_absent, std::string* out) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) return FieldError(name, "is not a string");
  const auto& s = it->get_ref<const std::string&>();
  if (!(dash_absent && s == "-")) *out = s;
  return Status::OK();
}

// A count: a non-negative JSON integer or a string of digits, at most `max`.
Status GetNumber(const json& obj, std::string_view name, uint64_t max, uint64_t* out) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return Status::OK();
  uint64_t v = 0;
  if (it->is_number_unsigned()) {
    v = it->get<uint64_t>();
  } else if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    if (s.empty() || s == "-") return Status::OK();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (!IsDigits(s) || ec != std::errc() || end != s.data() + s.size()) {
      return FieldError(name, "is " + warc::text::QuoteForError(s) + ", not a count");
    }
  } else {
    return FieldError(name, "is " + it->dump() + ", not a count");
  }
  if (v > max)
    return FieldError(name, "is " + std::to_string(v) + ", above " + std::to_string(max));
  *out = v;
  return Status::OK();
}

Status ReadObject(const json& obj, CaptureEntry* e) {
  uint64_t status = 0, page = 0;
  std::string type, role;
  Status s;
  if (s = GetText(obj, "url", false, &e->url); !s.ok()) return s;
  if (s = GetText(obj, "mime", true, &e->mime); !s.ok()) return s;
  if (s = GetNumber(obj, "status", 999, &status); !s.ok()) return s;
  if (s = GetText(obj, "digest", true, &e->digest); !s.ok()) return s;
  if (s = GetNumber(obj, "length", UINT64_MAX, &e->length); !s.ok()) return s;
  if (s = GetNumber(obj, "offset", UINT64_MAX, &e->offset); !s.ok()) return s;
  if (s = GetText(obj, "filename", false, &e->filename); !s.ok()) return s;
  if (s = GetText(obj, "method", false, &e->method); !s.ok()) return s;
  if (s = GetText(obj, "requestBody", false, &e->request_body); !s.ok()) return s;
  if (s = GetText(obj, "redirect", true, &e->redirect); !s.ok()) return s;
  if (s = GetText(obj, "warc-type", false, &type); !s.ok()) return s;
  if (s = GetText(obj, "refers-to-url", false, &e->refers_to_url); !s.ok()) return s;
  if (s = GetText(obj, "refers-to-timestamp", false, &e->refers_to_timestamp); !s.ok()) return s;
  if (s = GetText(obj, "page-role", false, &role); !s.ok()) return s;
  if (s = GetText(obj, "post-url", false, &e->post_url); !s.ok()) return s;
  if (s = GetNumber(obj, "page-number", UINT32_MAX, &page); !s.ok()) return s;
  e->status = static_cast<int>(status);
  e->page_number = static_cast<uint32_t>(page);
  if (!role.empty() && !ParsePageRole(role, &e->role)) {
    return FieldError("page-role", "is " + warc::text::QuoteForError(role) + ", not a role");
  }
  if (!type.empty()) {
    e->record_type = warc::ParseRecordType(type);
  } else {
    e->record_type =
        e->mime == "warc/revisit" ? warc::RecordType::kRevisit : warc::RecordType::kResponse;
  }
  return Status::OK();
}

// Parses the JSON part, which starts at byte `at` of the line.
Status ParseJson(std::string_view text, size_t at, json* obj) {
  try {
    *obj = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (size_t colon = what.find("] "); colon != std::string::npos) what.erase(0, colon + 2);
    return Bad("bad JSON at byte " + std::to_string(at + (e.byte > 0 ? e.byte - 1 : 0)) + ": " +
               what);
  } catch (const json::exception& e) {
    return Bad(std::string("bad JSON: ") + e.what());
  }
  if (!obj->is_object()) return Bad("the part after the timestamp is not a JSON object");
  return Status::OK();
}

}  // namespace

std::string FormatCdxjLine(const CaptureEntry& entry, const CdxFormatOptions& options) {
  std::string out = entry.urlkey;
  out.push_back(' ');
  out.append(entry.timestamp);
  out.push_back(' ');
  AppendObject(JsonFields(entry, options), /*python_style=*/false, &out);
  return out;
}

std::string FormatCdx11Line(const CaptureEntry& e) {
  const std::string status = e.status > 0 ? std::to_string(e.status) : "";
  const std::string length = std::to_string(e.length), offset = std::to_string(e.offset);
  const std::string_view fields[] = {e.urlkey,   e.timestamp, e.url,  e.mime, status,    e.digest,
                                     e.redirect, "",          length, offset, e.filename};
  std::string out;
  for (std::string_view f : fields) {
    if (!out.empty()) out.push_back(' ');
    AppendCdxField(f, &out);
  }
  return out;
}

std::string FormatJsonLine(const CaptureEntry& entry, const CdxFormatOptions& options) {
  std::vector<NamedValue> fields = {{"urlkey", entry.urlkey}, {"timestamp", entry.timestamp}};
  for (NamedValue& f : JsonFields(entry, options)) fields.push_back(std::move(f));
  std::string out;
  AppendObject(fields, /*python_style=*/true, &out);
  return out;
}

Status ParseCdxjLine(std::string_view line, CaptureEntry* out) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() > kMaxCdxjLine) {
    return Bad("line of " + std::to_string(line.size()) + " bytes is over the limit of " +
               std::to_string(kMaxCdxjLine));
  }
  const size_t sp1 = line.find(' ');
  if (sp1 == 0 || sp1 == std::string_view::npos) return Bad("no urlkey followed by a space");
  const size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return Bad("no space after the timestamp");
  std::string_view timestamp = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (timestamp.size() != 14 || !IsDigits(timestamp)) {
    return Bad("timestamp " + warc::text::QuoteForError(timestamp) + " is not 14 digits");
  }
  std::string_view rest = line.substr(sp2 + 1);
  if (!rest.starts_with('{')) {
    return Bad("expected '{' at byte " + std::to_string(sp2 + 1) + ", found " +
               warc::text::QuoteForError(rest.substr(0, 16)));
  }
  json obj;
  if (Status s = ParseJson(rest, sp2 + 1, &obj); !s.ok()) return s;
  CaptureEntry entry;
  entry.urlkey = std::string(line.substr(0, sp1));
  entry.timestamp = std::string(timestamp);
  if (Status s = ReadObject(obj, &entry); !s.ok()) return s;
  *out = std::move(entry);
  return Status::OK();
}

}  // namespace warcrawl::index
