// Helpers that build and inspect small WARC and gzip files by hand for tests: a temporary
// directory, WARC records as text, and gzip members made and read with zlib directly, so
// the checks do not depend on the code under test.
//
// Thread-safety: plain functions and a scoped directory; no shared state.
#ifndef WARCRAWL_TESTS_WARC_TEST_FILES_H_
#define WARCRAWL_TESTS_WARC_TEST_FILES_H_

#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warcrawl::warc::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "warc-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  std::string path() const { return path_.string(); }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

  // Writes `bytes` to a file named `name` in the directory and returns its path.
  std::string Write(std::string_view name, std::string_view bytes) const {
    std::string path = (path_ / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
    return path;
  }

 private:
  std::filesystem::path path_;
};

// One WARC record: version line, type, id, Content-Length of `block`, block, CRLF CRLF.
inline std::string Record(std::string_view type, std::string_view id, std::string_view block,
                          std::string_view version = "WARC/1.1") {
  std::string r(version);
  r += "\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Record-ID: <urn:uuid:" + std::string(id) +
       ">\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Length: " + std::to_string(block.size()) +
       "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

// Owns a zlib deflate stream; windowBits 31 writes a gzip member, -15 raw deflate.
class Deflater {
 public:
  explicit Deflater(int window_bits) {
    if (deflateInit2(&z_, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("deflateInit2 failed");
    }
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  ~Deflater() { deflateEnd(&z_); }

  std::string Compress(std::string_view data) {
    std::string out(deflateBound(&z_, data.size()) + 64, '\0');
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z_, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate failed");
    out.resize(z_.total_out);
    return out;
  }

 private:
  z_stream z_{};
};

// `data` as one gzip member.
inline std::string GzipMember(std::string_view data) { return Deflater(31).Compress(data); }

// Compresses `copies` repetitions of `data` at level 9: window_bits 16+15 gives gzip, 15
// zlib, -15 raw deflate. Streams the input, so a large bomb never exists uncompressed.
inline std::string CompressRepeated(std::string_view data, int window_bits, size_t copies = 1) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out;
  char buf[16384];
  for (size_t i = 0; i < copies; ++i) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    int flush = i + 1 == copies ? Z_FINISH : Z_NO_FLUSH;
    int rc;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = deflate(&zs, flush);
      out.append(buf, sizeof buf - zs.avail_out);
    } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  deflateEnd(&zs);
  return out;
}

inline void AppendLe32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// A gzip member whose header carries FEXTRA with exactly the bytes `extra` (XLEN is their
// count), as wget writes: its `sl` subfield does not always agree with XLEN.
inline std::string GzipMemberWithExtra(std::string_view data, std::string_view extra) {
  std::string m("\x1f\x8b\x08\x04\0\0\0\0\0\x03", 10);  // FLG = FEXTRA, OS = Unix
  m.push_back(static_cast<char>(extra.size() & 0xff));
  m.push_back(static_cast<char>(extra.size() >> 8));
  m += extra;
  m += Deflater(-15).Compress(data);
  uLong crc =
      crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  AppendLe32(&m, static_cast<uint32_t>(crc));
  AppendLe32(&m, static_cast<uint32_t>(data.size()));
  return m;
}

// Incompressible bytes, different for each seed: blocks and members bigger than the
// readers' buffers.
inline std::string Noise(size_t size, unsigned seed) {
  std::string s(size, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (char& c : s) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

inline std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Inflates the gzip member starting at data[offset]; sets *consumed to its compressed size.
// Returns false if no complete member starts there.
inline bool InflateOneMember(const std::string& data, size_t offset, std::string* out,
                             size_t* consumed) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + offset));
  zs.avail_in = static_cast<uInt>(data.size() - offset);
  out->clear();
  int rc = Z_OK;
  std::vector<char> buf(1 << 16);
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    out->append(buf.data(), buf.size() - zs.avail_out);
  }
  *consumed = zs.total_in;
  inflateEnd(&zs);
  return rc == Z_STREAM_END;
}

// Every gzip member of a file, inflated, in order, with their offsets. Stops at a bad one.
inline std::vector<std::string> InflateAllMembers(const std::string& data,
                                                  std::vector<size_t>* offsets = nullptr) {
  std::vector<std::string> members;
  size_t offset = 0;
  while (offset < data.size()) {
    std::string member;
    size_t consumed = 0;
    if (!InflateOneMember(data, offset, &member, &consumed)) break;
    if (offsets) offsets->push_back(offset);
    members.push_back(member);
    offset += consumed;
  }
  return members;
}

}  // namespace warcrawl::warc::testing

#endif  // WARCRAWL_TESTS_WARC_TEST_FILES_H_
