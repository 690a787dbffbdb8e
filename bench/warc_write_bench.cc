// Measures WarcWriter throughput on blog-like HTTP responses and writes the same records
// uncompressed, so scripts/bench can time `gzip -6` on exactly the same bytes.
//
// Usage: warc_write_bench OUT_DIR [RECORDS] [LEVEL]
// Prints "key value" lines: records, uncompressed_bytes, compressed_bytes, seconds, cpu_seconds.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/html_corpus.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace {

using warcrawl::Status;
using namespace warcrawl::warc;

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Exchange {
  std::string uri, request, response;
};

std::vector<Exchange> MakeExchanges(int count) {
  warcrawl::bench::HtmlCorpus corpus(42);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<size_t> size(20000, 60000);
  std::vector<Exchange> out;
  for (int i = 0; i < count; ++i) {
    std::string body = corpus.Page(i, size(rng));
    std::string path = "/2024/03/post-" + std::to_string(i) + "/";
    out.push_back({"http://blog.example/" + path.substr(1),
                   "GET " + path +
                       " HTTP/1.1\r\nHost: blog.example\r\nUser-Agent: warcrawl/0.1 "
                       "(+https://example.org/contact)\r\nAccept: */*\r\n\r\n",
                   "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html; charset=UTF-8\r\n"
                   "Content-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body});
  }
  return out;
}

Status WriteAll(const std::vector<Exchange>& exchanges, WarcWriter* writer) {
  RecordFormat format{writer->options().version, writer->options().digest};
  for (const auto& ex : exchanges) {
    Capture capture{ex.uri, NowMicros(), "127.0.0.1", ""};
    RecordHeader response, request;
    RecordLocation loc;
    Status s = BuildResponseHeader(capture, ex.response, format, &response);
    std::string response_id(response.record_id());
    if (s.ok()) s = BuildRequestHeader(capture, ex.request, response_id, format, &request);
    if (s.ok()) s = writer->Write(std::move(response), ex.response, &loc);
    if (s.ok()) s = writer->Write(std::move(request), ex.request, &loc);
    if (!s.ok()) return s;
  }
  return writer->Close();
}

Status Run(const std::string& dir, const std::vector<Exchange>& exchanges, bool compress, int level,
           double* seconds, double* cpu) {
  WriterOptions options;
  options.directory = dir;
  options.prefix = compress ? "bench-gz" : "bench-plain";
  options.compress = compress;
  options.compression_level = level;
  options.max_file_size = uint64_t{1} << 40;
  std::unique_ptr<WarcWriter> writer;
  Status s = WarcWriter::Open(options, &writer);
  if (!s.ok()) return s;
  double cpu0 = CpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  s = WriteAll(exchanges, writer.get());
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  *cpu = CpuSeconds() - cpu0;
  return s;
}

uint64_t SizeOfFiles(const std::string& dir, std::string_view prefix) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().starts_with(prefix)) total += e.file_size();
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [RECORDS] [LEVEL]\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  int count = argc > 2 ? std::atoi(argv[2]) : 2000;
  int level = argc > 3 ? std::atoi(argv[3]) : 6;
  std::filesystem::remove_all(dir);
  std::vector<Exchange> exchanges = MakeExchanges(count);

  double plain_s = 0, plain_cpu = 0, gz_s = 0, gz_cpu = 0;
  Status s = Run(dir, exchanges, false, level, &plain_s, &plain_cpu);
  if (s.ok()) s = Run(dir, exchanges, true, level, &gz_s, &gz_cpu);
  if (!s.ok()) {
    std::fprintf(stderr, "warc_write_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("records %d\n", count * 2);
  std::printf("level %d\n", level);
  std::printf("uncompressed_bytes %llu\n",
              static_cast<unsigned long long>(SizeOfFiles(dir, "bench-plain")));
  std::printf("compressed_bytes %llu\n",
              static_cast<unsigned long long>(SizeOfFiles(dir, "bench-gz")));
  std::printf("plain_seconds %.4f\nplain_cpu_seconds %.4f\n", plain_s, plain_cpu);
  std::printf("seconds %.4f\ncpu_seconds %.4f\n", gz_s, gz_cpu);
  return 0;
}
