#include "crawler/crawl_log.h"

#include <fcntl.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

namespace warcrawl::crawler {
namespace {

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

// "2024-03-01T10:00:00.123Z": WARC-Date style, milliseconds, as Heritrix logs.
std::string LogTimestamp(warc::TimePoint t) {
  std::string micros = warc::FormatWarcDate(t, /*with_microseconds=*/true);
  return micros.substr(0, 23) + "Z";
}

// "20240301100000123+45": fetch start to the millisecond, then its duration.
std::string FetchTiming(const CrawlLogEntry& e) {
  if (e.duration_ms < 0) return "-";
  std::string micros = warc::FormatWarcDate(e.fetch_began, true);
  std::string digits;
  for (char c : micros.substr(0, 23)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits + "+" + std::to_string(e.duration_ms);
}

}  // namespace

std::string FormatCrawlLogLine(const CrawlLogEntry& e) {
  std::string annotations;
  for (const std::string& a : e.annotations) {
    if (!annotations.empty()) annotations.push_back(',');
    // Columns are space-separated and annotations comma-separated: neither may appear inside.
    for (char c : a)
      annotations.push_back(c == ' ' || c == '\t' || c == '\n' ? '_' : c == ',' ? ';' : c);
  }
  char fixed[64];
  std::snprintf(fixed, sizeof fixed, " %5d %10s ", e.status,
                e.size < 0 ? "-" : std::to_string(e.size).c_str());
  char worker[16];
  std::snprintf(worker, sizeof worker, "#%03d", e.worker);
  std::string line = LogTimestamp(e.logged) + fixed;
  for (const std::string& field :
       {e.url, OrDash(e.path), OrDash(e.via), OrDash(e.mime), std::string(worker), FetchTiming(e),
        OrDash(e.digest), std::string("-"), OrDash(annotations)}) {
    line.append(field).push_back(' ');
  }
  line.back() = '\n';
  return line;
}

Status CrawlLog::Open(const std::string& path, std::unique_ptr<CrawlLog>* log) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Status::IOError("create directory for " + path + ": " + ec.message());
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd.valid()) return Status::FromErrno("open " + path, errno);
  *log = std::make_unique<CrawlLog>(std::move(fd));
  return Status::OK();
}

Status CrawlLog::Append(const CrawlLogEntry& entry) {
  std::string line = FormatCrawlLogLine(entry);
  ssize_t n = ::write(fd_.get(), line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    return Status::FromErrno("write crawl.log", n < 0 ? errno : EIO);
  }
  return Status::OK();
}

}  // namespace warcrawl::crawler
