// Fuzzes what reads index text: CDXJ lines (as pywb and warcio.js write them), CDX server
// filters ("[!][=|~]FIELD:EXPR", a regex from the query string) matched against field
// values, and the index's binary capture values. Each input line is tried as all of them.
// Checked too: a capture parsed from a line formats to a line that parses back to a
// capture formatting the same, and the binary value of a capture decodes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "index/capture_codec.h"
#include "index/cdx_filter.h"
#include "index/cdx_format.h"

namespace warcrawl::index {
namespace {

constexpr size_t kMaxLines = 32;

void CdxjLine(std::string_view line) {
  CaptureEntry entry;
  if (!ParseCdxjLine(line, &entry).ok()) return;
  (void)FormatCdx11Line(entry);
  (void)FormatJsonLine(entry);
  for (bool extended : {false, true}) {
    const std::string formatted = FormatCdxjLine(entry, CdxFormatOptions{.extended = extended});
    CaptureEntry again;
    if (!ParseCdxjLine(formatted, &again).ok()) std::abort();
    if (FormatCdxjLine(again, CdxFormatOptions{.extended = extended}) != formatted) std::abort();
  }
  const std::string value = EncodeCapture(entry);
  CaptureEntry decoded;
  if (!DecodeCapture(entry.urlkey, entry.timestamp, value, &decoded).ok()) std::abort();
}

void Filter(std::string_view text, const std::vector<std::string_view>& values) {
  CdxFilter filter;
  if (!CdxFilter::Parse(text, &filter).ok()) return;
  for (std::string_view value : values) (void)filter.Matches(value);
}

}  // namespace
}  // namespace warcrawl::index

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace index = warcrawl::index;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= in.size() && lines.size() < index::kMaxLines;) {
    size_t end = in.find('\n', pos);
    if (end == std::string_view::npos) end = in.size();
    lines.push_back(in.substr(pos, end - pos));
    pos = end + 1;
  }
  for (std::string_view line : lines) {
    index::CdxjLine(line);
    index::Filter(line, lines);
    index::CaptureEntry entry;
    (void)index::DecodeCapture("org,example)/", "20240101000000", line, &entry);
  }
  return 0;
}
