// kill -9 at any moment, then `warcrawl crawl --resume`: the crawl completes with nothing
// lost, nothing archived twice but what was in flight, every WARC whole, and an index that
// `index verify` proves.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "index/index_db.h"
#include "index/verifier.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/run_command.h"
#include "tests/warc_test_files.h"
#include "warc/reader.h"
#include "warc/validator.h"

namespace warcrawl {
namespace {

namespace fs = std::filesystem;
using warc::testing::TempDir;

pid_t StartCrawl(const std::string& config, const std::string& data, bool resume) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
    if (resume) {
      execl(WARCRAWL_BINARY, WARCRAWL_BINARY, "crawl", config.c_str(), "--data", data.c_str(),
            "--resume", static_cast<char*>(nullptr));
    } else {
      execl(WARCRAWL_BINARY, WARCRAWL_BINARY, "crawl", config.c_str(), "--data", data.c_str(),
            static_cast<char*>(nullptr));
    }
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Response records per target URI over every WARC (".open" ones included).
std::map<std::string, int> ResponsesByUrl(const std::string& warcs) {
  std::map<std::string, int> count;
  for (const auto& entry : fs::directory_iterator(warcs)) {
    std::unique_ptr<warc::WarcReader> reader;
    EXPECT_TRUE(warc::WarcReader::Open(entry.path().string(), &reader).ok());
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

TEST(CrawlResumeTest, KilledCrawlsResumeWithNothingLostOrDoubled) {
  fixtures::BlogOptions options;
  options.posts = 6;
  options.crawl_delay = -1;
  fixtures::SampleBlog blog(options);
  fixtures::FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir dir;
  const std::string data = dir.File("data");
  const std::string config = dir.File("job.yaml");
  std::ofstream(config) << "name: resume\nseeds: [\"" << server.Url("/")
                        << "\"]\ncontact: \"mailto:t@example.test\"\nworkers: 2\n"
                           "politeness:\n  minDelay: 20ms\n  maxDelay: 20ms\n";
  const size_t total = blog.AllUrls().size();
  int kills = 0;
  bool resume = false;
  // Kill at a few points spread over the crawl: early, middle, late.
  for (size_t at : {total / 8, total / 3, total / 2, (3 * total) / 4}) {
    pid_t pid = StartCrawl(config, data, resume);
    ASSERT_GT(pid, 0);
    resume = true;
    if (!server.log().WaitForSize(at, std::chrono::seconds(60))) {
      Wait(pid);
      break;
    }
    kill(pid, SIGKILL);
    Wait(pid);
    ++kills;
  }
  ASSERT_GE(kills, 3) << "the crawl finished before it could be killed";
  ASSERT_EQ(Wait(StartCrawl(config, data, /*resume=*/true)), 0);

  std::map<std::string, int> responses = ResponsesByUrl(data + "/warcs");
  for (const std::string& target : blog.AllUrls()) {
    EXPECT_TRUE(responses.contains(server.Url(target))) << "lost: " << target;
  }
  int doubled = 0;
  for (const auto& [url, n] : responses) doubled += n - 1;
  // workers: 2, so at most two fetches (and the robots.txt refetch) were in flight per kill.
  EXPECT_LE(doubled, kills * 3) << "archived twice beyond what was in flight";
  for (const auto& entry : fs::directory_iterator(data + "/warcs")) {
    EXPECT_EQ(entry.path().extension(), ".gz") << entry.path() << " left unfinished";
    warc::ValidationReport report;
    EXPECT_TRUE(warc::ValidateFile(entry.path().string(), nullptr, &report).ok());
    EXPECT_EQ(report.errors, 0u) << entry.path();
  }
  std::unique_ptr<index::IndexDb> db;
  ASSERT_TRUE(index::IndexDb::Open(data + "/index", &db).ok());
  index::VerifyReport report;
  ASSERT_TRUE(index::VerifyIndex(*db, nullptr, &report).ok());
  EXPECT_EQ(report.problems, 0u);
  EXPECT_GE(report.captures, total);
}

}  // namespace
}  // namespace warcrawl
