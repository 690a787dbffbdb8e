#include "warc/http_message.h"

#include <charconv>
#include <utility>

#include "warc/text_util.h"

namespace warcrawl::warc {
namespace {

using text::IsBlank;
using text::QuoteForError;
using text::TrimBlanks;

struct Line {
  std::string_view text;  // without its line end
  size_t offset;          // of its first byte within the data
};

// RFC 9110 tchar: what a method or field name may consist of.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "HTTP/1.1", "HTTP/1.0", "HTTP/2": digits with at most one dot.
bool IsHttpVersion(std::string_view s) {
  if (!s.starts_with("HTTP/")) return false;
  s.remove_prefix(5);
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return IsDigits(s);
  return IsDigits(s.substr(0, dot)) && IsDigits(s.substr(dot + 1));
}

Status BadLine(std::string_view what, const Line& line) {
  return Status::Corruption(std::string(what) + " at offset " + std::to_string(line.offset) + ": " +
                            QuoteForError(line.text));
}

// Splits the head into lines, stopping after the blank line that ends it. Any run of CRs
// before the LF belongs to the line end, which covers CRLF, LF and CR CR LF.
Status SplitHead(std::string_view data, bool allow_unterminated, std::vector<Line>* lines,
                 size_t* head_length) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) break;
    if (nl >= kMaxHttpHeadBytes) break;
    std::string_view text = data.substr(pos, nl - pos);
    while (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    size_t start = pos;
    pos = nl + 1;
    if (text.empty()) {
      *head_length = pos;
      return Status::OK();
    }
    lines->push_back({text, start});
  }
  if (data.size() > kMaxHttpHeadBytes) {
    return Status::Corruption("HTTP head exceeds " + std::to_string(kMaxHttpHeadBytes) +
                              " bytes without a blank line");
  }
  if (!allow_unterminated) return Status::NotFound("no end of HTTP headers");
  std::string_view rest = data.substr(pos);
  while (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  if (!rest.empty()) lines->push_back({rest, pos});
  *head_length = data.size();
  return Status::OK();
}

Status ParseStatusLine(const Line& line, HttpHead* out) {
  std::string_view text = line.text;
  size_t sp = text.find(' ');
  std::string_view version = text.substr(0, sp);
  if (!IsHttpVersion(version)) return BadLine("bad HTTP version in status line", line);
  std::string_view rest = sp == std::string_view::npos ? "" : text.substr(sp + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::string_view code = rest.substr(0, 3);
  if (code.size() != 3 || !IsDigits(code) || (rest.size() > 3 && !IsBlank(rest[3]))) {
    return BadLine("bad HTTP status code in status line", line);
  }
  out->is_request = false;
  out->version = std::string(version);
  out->status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  out->reason = std::string(TrimBlanks(rest.substr(3)));
  return Status::OK();
}

Status ParseRequestLine(const Line& line, HttpHead* out) {
  std::string_view text = TrimBlanks(line.text);
  size_t first = text.find(' ');
  size_t last = text.rfind(' ');
  if (first == std::string_view::npos || first == last) {
    return BadLine("HTTP start line is neither a request nor a status line", line);
  }
  std::string_view method = text.substr(0, first);
  std::string_view target = TrimBlanks(text.substr(first + 1, last - first - 1));
  std::string_view version = text.substr(last + 1);
  if (!IsToken(method) || target.empty() || !IsHttpVersion(version)) {
    return BadLine("HTTP start line is neither a request nor a status line", line);
  }
  out->is_request = true;
  out->method = std::string(method);
  out->target = std::string(target);
  out->version = std::string(version);
  return Status::OK();
}

Status ParseFieldLines(const std::vector<Line>& lines, HeaderFields* headers) {
  std::string name, value;
  bool pending = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (IsBlank(line.text.front())) {
      if (!pending) return BadLine("folded HTTP header line without a field", line);
      value.append(" ").append(TrimBlanks(line.text));  // obsolete line folding
      continue;
    }
    size_t colon = line.text.find(':');
    std::string_view field_name =
        colon == std::string_view::npos ? "" : TrimBlanks(line.text.substr(0, colon));
    if (!IsToken(field_name)) return BadLine("bad HTTP header line", line);
    if (pending) headers->Add(name, value);
    name = std::string(field_name);
    value = std::string(TrimBlanks(line.text.substr(colon + 1)));
    pending = true;
  }
  if (pending) headers->Add(name, value);
  return Status::OK();
}

// The comma-separated elements of every field named `name`, trimmed, empty ones dropped.
std::vector<std::string_view> ListElements(const HttpHead& head, std::string_view name) {
  std::vector<std::string_view> out;
  for (std::string_view value : head.headers.GetAll(name)) {
    while (!value.empty()) {
      size_t comma = value.find(',');
      std::string_view element = TrimBlanks(value.substr(0, comma));
      if (!element.empty()) out.push_back(element);
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

}  // namespace

Status ParseHttpHead(std::string_view data, HttpHead* out, bool allow_unterminated) {
  *out = HttpHead();
  std::vector<Line> lines;
  size_t head_length = 0;
  Status s = SplitHead(data, allow_unterminated, &lines, &head_length);
  if (!s.ok()) return s;
  if (lines.empty()) return Status::Corruption("HTTP head has no start line at offset 0");
  s = lines[0].text.starts_with("HTTP/") ? ParseStatusLine(lines[0], out)
                                         : ParseRequestLine(lines[0], out);
  if (!s.ok()) return s;
  s = ParseFieldLines(lines, &out->headers);
  if (!s.ok()) return s;
  out->head_length = head_length;
  return Status::OK();
}

bool IsChunked(const HttpHead& head) {
  std::vector<std::string_view> codings = ListElements(head, "Transfer-Encoding");
  if (codings.empty()) return false;
  std::string_view last = codings.back();
  last = TrimBlanks(last.substr(0, last.find(';')));  // drop transfer-parameters
  return EqualsIgnoreCase(last, "chunked");
}

std::vector<std::string> ContentCodings(const HttpHead& head) {
  std::vector<std::string> out;
  for (std::string_view element : ListElements(head, "Content-Encoding")) {
    std::string coding = Lower(element);
    if (coding != "identity") out.push_back(std::move(coding));
  }
  return out;
}

std::optional<uint64_t> DeclaredContentLength(const HttpHead& head) {
  if (!head.headers.Has("Content-Length")) return std::nullopt;
  std::optional<uint64_t> result;
  for (std::string_view element : ListElements(head, "Content-Length")) {
    uint64_t n = 0;
    const char* end = element.data() + element.size();
    auto [ptr, ec] = std::from_chars(element.data(), end, n);
    if (!IsDigits(element) || ec != std::errc() || ptr != end) return std::nullopt;
    if (result && *result != n) return std::nullopt;
    result = n;
  }
  return result;
}

}  // namespace warcrawl::warc
