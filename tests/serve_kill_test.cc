// kill -9 the service in the middle of a run, start it again: the run is continued (the
// same run, not a new one), it finishes, every page is captured, nothing is archived twice
// but what was in flight, and SIGTERM then stops the service cleanly.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/warc_test_files.h"

namespace warcrawl {
namespace {

using nlohmann::json;
using warc::testing::TempDir;

struct Service {
  pid_t pid = -1;
  int port = 0;
};

// Starts `warcrawl serve` and reads the port from its first line of output.
Service StartServe(const std::string& data) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  Service service;
  service.pid = fork();
  if (service.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    close(fds[0]);
    execl(WARCRAWL_BINARY, WARCRAWL_BINARY, "serve", "--data", data.c_str(), "--listen",
          "127.0.0.1:0", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  char c = 0;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(fds[0]);
  const size_t at = line.find("http://127.0.0.1:");
  EXPECT_NE(at, std::string::npos) << line;
  if (at != std::string::npos) service.port = std::stoi(line.substr(at + 17));
  return service;
}

json GetJob(int port) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/api/jobs/1");
  if (!res || res->status != 200) return json();
  return json::parse(res->body, nullptr, false);
}

TEST(ServeKillTest, AKilledServiceContinuesItsRunWithNothingLost) {
  fixtures::BlogOptions options;
  options.posts = 4;
  options.threads = {3, 12, 25, 8};
  options.crawl_delay = -1;
  fixtures::SampleBlog blog(options);
  fixtures::FixtureServer site(&blog);
  ASSERT_TRUE(site.Start().ok());
  TempDir data;
  Service first = StartServe(data.path());
  ASSERT_GT(first.port, 0);
  std::ifstream token_file(data.File("api-token"));
  std::string token;
  std::getline(token_file, token);
  ASSERT_EQ(token.size(), 64u);
  // A polite delay makes the run last long enough to be killed in the middle.
  const std::string config = "name: blog\nseeds: [\"" + site.Url("/") +
                             "\"]\ncontact: \"mailto:a@example.test\"\nworkers: 2\n"
                             "politeness:\n  minDelay: 60ms\n  maxDelay: 60ms\n";
  httplib::Client client("127.0.0.1", first.port);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto added = client.Post("/api/jobs", auth, config, "application/yaml");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  auto run = client.Post("/api/jobs/1/run", auth, "", "text/plain");
  ASSERT_TRUE(run);
  ASSERT_EQ(run->status, 202);
  for (int i = 0; i < 600 && site.log().size() < 25; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(site.log().size(), 25u);
  kill(first.pid, SIGKILL);
  int status = 0;
  waitpid(first.pid, &status, 0);
  const size_t fetched_before = site.log().size();

  Service second = StartServe(data.path());
  ASSERT_GT(second.port, 0);
  json job;
  for (int i = 0; i < 1200; ++i) {
    job = GetJob(second.port);
    if (!job.is_null() && job.contains("runHistory") && !job["runHistory"].empty() &&
        !job["runHistory"].back()["finished"].get<std::string>().empty()) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(job["runHistory"].size(), 1u) << job.dump(2);
  EXPECT_EQ(job["runHistory"][0]["number"], 1);
  EXPECT_EQ(job["runHistory"][0]["outcome"], "frontier empty") << job.dump(2);
  EXPECT_GT(site.log().size(), fetched_before) << "the second start fetched the rest";

  // Every page is in the collection; only robots.txt and what was in flight twice.
  httplib::Client replay("127.0.0.1", second.port);
  auto cdx = replay.Get("/blog/cdx?url=" + site.Url("/") + "&matchType=prefix&output=json");
  ASSERT_TRUE(cdx);
  std::map<std::string, int> captures;
  std::istringstream lines(cdx->body);
  for (std::string line; std::getline(lines, line);) {
    ++captures[json::parse(line)["url"].get<std::string>()];
  }
  for (const std::string& page : blog.PageUrls()) {
    EXPECT_TRUE(captures.contains(site.Url(page))) << "lost: " << page;
  }
  int doubled = 0;
  for (const auto& [url, n] : captures) {
    if (n > 1 && !url.ends_with("/robots.txt")) doubled += n - 1;
  }
  EXPECT_LE(doubled, 2) << "at most the two fetches in flight are archived twice";

  kill(second.pid, SIGTERM);
  waitpid(second.pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace warcrawl
