// Index benchmark: writes WARCs of N small captures spread over many hosts, ingests them
// into the LevelDB index (timed), then measures query latency (exact, prefix, closest) on
// the index and exact lookup by binary search over a sorted CDXJ file of the same captures
// (how pywb serves a plain CDXJ index). scripts/bench times warcio.js indexing the same
// WARCs. With `html`, each capture's body is a 20-60 KB blog page instead of a line, as a
// blog crawl's are. Prints "key value" lines.
//
// Usage: index_bench OUT_DIR [CAPTURES] [QUERIES] [html]
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/html_corpus.h"
#include "index/cdx_format.h"
#include "index/cdx_query.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "index/surt.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace {

using namespace warcrawl;
using Clock = std::chrono::steady_clock;

constexpr int kHosts = 2000;
constexpr int kFiles = 10;

std::string UrlOf(int i) {
  return "http://blog" + std::to_string(i % kHosts) + ".example/2024/" +
         std::to_string(i / kHosts % 50) + "/post-" + std::to_string(i) + "/";
}

// Distinct blog pages of 20-60 KB: a pool, each copy made unique (its own payload digest)
// by a comment naming the capture, as generating every page would take minutes.
class BlogPages {
 public:
  BlogPages() {
    bench::HtmlCorpus corpus(42);
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<size_t> size(20000, 60000);
    for (int i = 0; i < 256; ++i) pool_.push_back(corpus.Page(i, size(rng)));
  }
  std::string Page(int i) const {
    return "<!-- capture " + std::to_string(i) + " -->\n" + pool_[i % pool_.size()];
  }

 private:
  std::vector<std::string> pool_;
};

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
}

Status WriteWarcs(const std::string& dir, int captures, bool html) {
  warc::WriterOptions options;
  options.directory = dir;
  options.prefix = "idx";
  options.max_file_size = uint64_t{1} << 40;
  warc::TimePoint base;
  if (Status s = warc::ParseWarcDate("2024-01-01T00:00:00Z", &base); !s.ok()) return s;
  int per_file = (captures + kFiles - 1) / kFiles;
  std::optional<BlogPages> pages;
  if (html) pages.emplace();
  for (int f = 0; f < kFiles; ++f) {
    std::unique_ptr<warc::WarcWriter> writer;
    if (Status s = warc::WarcWriter::Open(options, &writer); !s.ok()) return s;
    for (int i = f * per_file; i < std::min(captures, (f + 1) * per_file); ++i) {
      std::string body =
          html ? pages->Page(i) : "<html><body><p>post " + std::to_string(i) + "</p></body></html>";
      std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body;
      warc::RecordHeader header;
      warc::Capture capture{UrlOf(i), base + std::chrono::seconds(i * 37L), "127.0.0.1", ""};
      warc::RecordLocation loc;
      Status s = warc::BuildResponseHeader(capture, block, warc::RecordFormat{}, &header);
      if (s.ok()) s = writer->Write(header, block, &loc);
      if (!s.ok()) return s;
    }
    if (Status s = writer->Close(); !s.ok()) return s;
  }
  return Status::OK();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

void PrintLatency(const char* name, const std::vector<double>& micros) {
  std::printf("%s_p50_us %.1f\n%s_p99_us %.1f\n", name, Percentile(micros, 0.5), name,
              Percentile(micros, 0.99));
}

// Times `query` on `n` random captures' URLs.
template <typename F>
std::vector<double> TimeQueries(int captures, int n, F query) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> pick(0, captures - 1);
  std::vector<double> micros;
  for (int q = 0; q < n; ++q) {
    int i = pick(rng);
    auto t0 = Clock::now();
    size_t found = query(i);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (found == 0) std::fprintf(stderr, "index_bench: no capture for %s\n", UrlOf(i).c_str());
  }
  return micros;
}

// pywb's plain-CDXJ lookup: binary search for the first line >= key, then read forward.
class SortedCdxj {
 public:
  explicit SortedCdxj(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    struct stat st {};
    fstat(fd, &st);
    size_ = static_cast<size_t>(st.st_size);
    data_ = static_cast<const char*>(mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0));
    ::close(fd);
  }
  ~SortedCdxj() { munmap(const_cast<char*>(data_), size_); }

  size_t CountExact(const std::string& urlkey) const {
    std::string key = urlkey + " ";
    size_t lo = 0, hi = size_;
    while (lo < hi) {  // invariant: lines starting before lo are < key
      size_t mid = lo + (hi - lo) / 2;
      size_t line = LineStart(mid);
      if (std::string_view(data_ + line, std::min(key.size(), size_ - line)) < key) {
        lo = NextLine(mid);
      } else {
        hi = line;
      }
    }
    size_t count = 0;
    for (size_t p = LineStart(lo);
         p < size_ && std::string_view(data_ + p, size_ - p).starts_with(key); p = NextLine(p)) {
      ++count;
    }
    return count;
  }

 private:
  size_t LineStart(size_t p) const {
    while (p > 0 && data_[p - 1] != '\n') --p;
    return p;
  }
  size_t NextLine(size_t p) const {
    const void* nl = memchr(data_ + p, '\n', size_ - p);
    return nl ? static_cast<const char*>(nl) - data_ + 1 : size_;
  }

  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [CAPTURES] [QUERIES]\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const int captures = argc > 2 ? std::atoi(argv[2]) : 1000000;
  const int queries = argc > 3 ? std::atoi(argv[3]) : 10000;
  const bool html = argc > 4 && std::string_view(argv[4]) == "html";
  namespace fs = std::filesystem;
  const std::string warcs = dir + "/warcs";
  if (!fs::exists(warcs)) {
    if (Status s = WriteWarcs(warcs, captures, html); !s.ok()) {
      std::fprintf(stderr, "index_bench: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  fs::remove_all(dir + "/index");
  std::unique_ptr<index::IndexDb> db;
  if (Status s = index::IndexDb::Open(dir + "/index", &db); !s.ok()) return 1;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(warcs)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());

  auto t0 = Clock::now();
  const double cpu0 = CpuSeconds();
  uint64_t records = 0;
  for (const auto& r : index::IndexFiles(db.get(), files, std::thread::hardware_concurrency())) {
    if (!r.status.ok() || !r.stats.damage.ok()) return 1;
    records += r.stats.captures;
  }
  double ingest_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("captures %llu\ningest_seconds %.3f\ningest_records_per_s %.0f\n",
              static_cast<unsigned long long>(records), ingest_s, records / ingest_s);
  // User CPU of all ingest threads: steadier than wall time on a busy machine.
  std::printf("ingest_user_cpu_seconds %.3f\n", CpuSeconds() - cpu0);

  // The same captures as a sorted CDXJ file, for the binary-search peer.
  const std::string cdxj = dir + "/all.cdxj";
  {
    std::ofstream out(cdxj);
    index::CdxQuery all;
    all.url = "*.example";
    index::RunCdxQuery(*db, all, [&](const index::CaptureEntry& e) {
      out << index::FormatCdxjLine(e) << "\n";
      return true;
    });
  }
  auto run = [&](index::CdxQuery q) {
    size_t n = 0;
    index::RunCdxQuery(*db, q, [&](const index::CaptureEntry&) {
      ++n;
      return true;
    });
    return n;
  };
  PrintLatency("exact", TimeQueries(captures, queries, [&](int i) {
                 index::CdxQuery q;
                 q.url = UrlOf(i);
                 return run(q);
               }));
  PrintLatency("closest", TimeQueries(captures, queries, [&](int i) {
                 index::CdxQuery q;
                 q.url = UrlOf(i);
                 q.closest = "20240301";
                 q.limit = 1;
                 return run(q);
               }));
  PrintLatency("prefix100", TimeQueries(captures, queries / 10, [&](int i) {
                 index::CdxQuery q;
                 q.url = "http://blog" + std::to_string(i % kHosts) + ".example/*";
                 q.limit = 100;
                 return run(q);
               }));
  SortedCdxj sorted(cdxj);
  PrintLatency("cdxj_binsearch_exact", TimeQueries(captures, queries, [&](int i) {
                 std::string key;
                 index::SurtKey(UrlOf(i), &key);
                 return sorted.CountExact(key);
               }));
  return 0;
}
