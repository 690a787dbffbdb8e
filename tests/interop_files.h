// Test helpers for the shared interop corpus: read a file whole and cut one record's block
// out of an uncompressed WARC by plain string search, so HTTP-layer tests do not depend on
// the WARC reader.
#ifndef WARCRAWL_TESTS_INTEROP_FILES_H_
#define WARCRAWL_TESTS_INTEROP_FILES_H_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace warcrawl::test_files {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The block of the first record of `type` whose header mentions `uri`; empty if none.
inline std::string_view RecordBlock(std::string_view warc, std::string_view type,
                                    std::string_view uri) {
  const std::string type_line = "WARC-Type: " + std::string(type) + "\r\n";
  for (size_t pos = warc.find("WARC/1."); pos != std::string_view::npos;
       pos = warc.find("WARC/1.", pos + 1)) {
    size_t end = warc.find("\r\n\r\n", pos);
    if (end == std::string_view::npos) break;
    std::string_view header = warc.substr(pos, end - pos);
    size_t cl = header.find("Content-Length: ");
    if (header.find(type_line) == std::string_view::npos ||
        header.find(uri) == std::string_view::npos || cl == std::string_view::npos) {
      continue;
    }
    return warc.substr(end + 4, std::stoul(std::string(header.substr(cl + 16, 20))));
  }
  return {};
}

// The value of field `name` in the WARC header of the record whose block `block` views.
inline std::string FieldOfBlock(std::string_view warc, std::string_view block,
                                std::string_view name) {
  std::string_view header = warc.substr(0, static_cast<size_t>(block.data() - warc.data()));
  header = header.substr(header.rfind("WARC/1."));
  size_t at = header.find(std::string(name) + ": ");
  if (at == std::string_view::npos) return "";
  std::string_view value = header.substr(at + name.size() + 2);
  return std::string(value.substr(0, value.find("\r\n")));
}

// The bytes after the first blank line of an HTTP block (CRLF line ends only).
inline std::string_view BodyAfterHead(std::string_view block) {
  size_t end = block.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string_view() : block.substr(end + 4);
}

}  // namespace warcrawl::test_files

#endif  // WARCRAWL_TESTS_INTEROP_FILES_H_
