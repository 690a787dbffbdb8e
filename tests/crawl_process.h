// Test helpers that run the real `warcrawl crawl` binary as a child process, for the crawl
// tests that must kill it, bound it or measure it: start, reap (with the child's peak RSS
// from wait4), and read back what its WARCs and crawl.log hold.
//
// Thread-safety: plain functions. StartCrawl forks a process whose other threads (fixture
// servers) keep running: the child only calls async-signal-safe functions before exec.
#ifndef WARCRAWL_TESTS_CRAWL_PROCESS_H_
#define WARCRAWL_TESTS_CRAWL_PROCESS_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "warc/reader.h"

namespace warcrawl::testing {

// How a child ended.
struct ChildExit {
  bool exited = false;  // it exited by itself with `code`; otherwise `signal` ended it
  int code = -1;
  int signal = 0;
  long max_rss_kb = 0;  // peak resident set size of the child (ru_maxrss)
};

// Starts `warcrawl crawl CONFIG --data DATA [--resume]` with its stdout and stderr appended
// to `output`. Returns the child's pid (or -1).
inline pid_t StartCrawl(const std::string& config, const std::string& data, bool resume,
                        const std::string& output = "/dev/null") {
  // Everything the child needs is built before fork: it may not allocate after it.
  std::vector<const char*> argv = {WARCRAWL_BINARY, "crawl", config.c_str(), "--data",
                                   data.c_str()};
  if (resume) argv.push_back("--resume");
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    execv(WARCRAWL_BINARY, const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  return pid;
}

inline ChildExit ToChildExit(int status, const rusage& usage) {
  ChildExit e;
  e.exited = WIFEXITED(status);
  if (e.exited) e.code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
  e.max_rss_kb = usage.ru_maxrss;
  return e;
}

// Reaps `pid`, waiting for it.
inline ChildExit WaitCrawl(pid_t pid) {
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  return ToChildExit(status, usage);
}

// Reaps `pid` if it has ended: true and *out filled in; false while it still runs.
inline bool ReapIfEnded(pid_t pid, ChildExit* out) {
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, WNOHANG, &usage) != pid) return false;
  *out = ToChildExit(status, usage);
  return true;
}

// Waits up to `patience` for `pid` to end by itself; past it, kills it (a hang) and returns
// false with *out describing the kill.
inline bool WaitCrawlFor(pid_t pid, std::chrono::milliseconds patience, ChildExit* out) {
  const auto give_up = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < give_up) {
    if (ReapIfEnded(pid, out)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  *out = WaitCrawl(pid);
  return false;
}

// Response and revisit records per WARC-Target-URI, over every file in `warcs` (".open"
// ones included).
inline std::map<std::string, int> ResponsesByUrl(const std::string& warcs) {
  std::map<std::string, int> count;
  for (const auto& entry : std::filesystem::directory_iterator(warcs)) {
    std::unique_ptr<warc::WarcReader> reader;
    EXPECT_TRUE(warc::WarcReader::Open(entry.path().string(), &reader).ok()) << entry.path();
    if (reader == nullptr) continue;
    warc::RecordHeader header;
    while (reader->Next(&header).ok()) {
      if (header.type() == warc::RecordType::kResponse ||
          header.type() == warc::RecordType::kRevisit) {
        ++count[std::string(header.target_uri())];
      }
    }
  }
  return count;
}

// One crawl.log line, split into Heritrix's columns.
struct LogLine {
  int status = 0;
  std::string url;
  std::string annotations;  // "-" when none
  std::string text;         // the whole line
};

inline std::vector<LogLine> ParseCrawlLog(const std::string& log) {
  std::vector<LogLine> lines;
  std::istringstream in(log);
  std::string text;
  while (std::getline(in, text)) {
    std::istringstream fields(text);
    std::vector<std::string> column;
    for (std::string f; fields >> f;) column.push_back(f);
    EXPECT_EQ(column.size(), 12u) << "malformed crawl.log line: " << text;
    if (column.size() != 12) continue;
    lines.push_back(LogLine{std::stoi(column[1]), column[3], column[11], text});
  }
  return lines;
}

}  // namespace warcrawl::testing

#endif  // WARCRAWL_TESTS_CRAWL_PROCESS_H_
