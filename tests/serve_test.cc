// The service end to end, in-process: the jobs API (token, validation), a job scheduled
// every two seconds against the fixture blog whose second run, after new comments, captures
// the new comment page and stores unchanged pages as revisits, all while replay serves the
// collection the runs write into.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "jobs/api_token.h"
#include "jobs/collection_indexes.h"
#include "jobs/jobs_api.h"
#include "jobs/scheduler.h"
#include "replay/replay_server.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/raw_http_client.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/warc_test_files.h"

namespace warcrawl::jobs {
namespace {

using fixtures::BlogOptions;
using fixtures::FixtureServer;
using fixtures::SampleBlog;
using nlohmann::json;
using warc::testing::TempDir;

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlogOptions options;
    options.posts = 3;
    options.threads = {2, 9, 10};
    options.crawl_delay = -1;
    blog_ = std::make_unique<SampleBlog>(options);
    site_ = std::make_unique<FixtureServer>(blog_.get());
    ASSERT_TRUE(site_->Start().ok());
    ASSERT_TRUE(LoadOrCreateApiToken(data_.path(), &token_).ok());
    ASSERT_TRUE(JobStore::Open(data_.File("jobs"), &store_).ok());
    scheduler_ = std::make_unique<Scheduler>(
        store_.get(),
        SchedulerOptions{data_.path(), "0.1.0-test", 2, std::chrono::milliseconds(100)},
        CollectionIndexes(&collections_, data_.path()), [this](const std::string&) {
          if (server_) server_->ClearCache();
        });
    api_ = std::make_unique<JobsApi>(store_.get(), scheduler_.get(), token_, "0.1.0-test");
    replay::ReplayServerOptions options_http;
    options_http.port = 0;
    options_http.threads = 4;
    options_http.before = [this](const replay::ReplayRequest& r, replay::ReplayReply* reply) {
      return api_->Handle(r, reply);
    };
    server_ = std::make_unique<replay::ReplayServer>(collections_, options_http);
    ASSERT_TRUE(server_->Bind(&port_).ok());
    runner_ = std::thread([this] { EXPECT_TRUE(server_->Run().ok()); });
    scheduler_->Start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(30, 0);
  }

  void TearDown() override {
    scheduler_->Stop();
    server_->Stop();
    runner_.join();
  }

  std::string Config() const {
    return "name: blog\nseeds: [\"" + site_->Url("/") +
           "\"]\ncontact: \"mailto:a@example.test\"\nworkers: 2\n"
           "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n";
  }

  httplib::Result Post(const std::string& path, const std::string& body, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client_->Post(path, headers, body, "application/yaml");
  }

  json GetJson(const std::string& path) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
    return json::parse(res->body, nullptr, false);
  }

  // Polls the job until `done` says so (at most a minute: runs take a few seconds).
  json WaitFor(const std::string& id, const std::function<bool(const json&)>& done) {
    json job;
    for (int i = 0; i < 600; ++i) {
      job = GetJson("/api/jobs/" + id);
      if (done(job)) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "gave up waiting: " << job.dump(2);
    return job;
  }

  static size_t FinishedRuns(const json& job) {
    size_t n = 0;
    for (const auto& run : job["runHistory"]) n += !run["finished"].get<std::string>().empty();
    return n;
  }

  TempDir data_;
  std::unique_ptr<SampleBlog> blog_;
  std::unique_ptr<FixtureServer> site_;
  std::string token_;
  std::unique_ptr<JobStore> store_;
  replay::CollectionSet collections_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<JobsApi> api_;
  std::unique_ptr<replay::ReplayServer> server_;
  std::thread runner_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServeTest, MutatingTheJobsNeedsTheTokenAndAValidConfig) {
  auto none = Post("/api/jobs", Config(), "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  auto wrong = Post("/api/jobs", Config(), std::string(token_.size(), 'x'));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(GetJson("/api/jobs")["jobs"].empty()) << "nothing changed";

  auto bad =
      Post("/api/jobs", "name: blog\nseeds: [\"http://x.test/\"]\ncontact: \"a@b\"\nwrokers: 2\n",
           token_);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("api:4"), std::string::npos) << bad->body;
  EXPECT_NE(bad->body.find("wrokers"), std::string::npos) << bad->body;
  auto bad_every = Post("/api/jobs?every=6x", Config(), token_);
  ASSERT_TRUE(bad_every);
  EXPECT_EQ(bad_every->status, 400) << bad_every->body;

  auto added = Post("/api/jobs?every=1h&collection=blog", Config(), token_);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 201) << added->body;
  json job = json::parse(added->body);
  EXPECT_EQ(job["id"], "1");
  EXPECT_EQ(job["collection"], "blog");
  EXPECT_EQ(GetJson("/api/jobs")["jobs"].size(), 1u);
  auto missing = Post("/api/jobs/9/run", "", token_);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto unknown = Post("/api/jobs/1/explode", "", token_);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto unauthorised_run = Post("/api/jobs/1/run", "", "");
  ASSERT_TRUE(unauthorised_run);
  EXPECT_EQ(unauthorised_run->status, 401);
  // A POST with no body at all (no Content-Length: `curl -X POST`) is answered too.
  const std::string bare =
      "POST /api/jobs/1/pause HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      token_ + "\r\nConnection: close\r\n\r\n";
  fixtures::RawReply raw;
  ASSERT_TRUE(
      fixtures::RawExchange("127.0.0.1", port_, bare, std::chrono::seconds(5), 1 << 20, &raw).ok());
  fixtures::ParsedReply parsed;
  ASSERT_TRUE(fixtures::ParseReply(raw.bytes, &parsed).ok()) << raw.bytes;
  EXPECT_EQ(parsed.status, 202) << raw.bytes;
  EXPECT_EQ(GetJson("/api/jobs/1")["state"], "paused");
  auto page = client_->Get("/jobs");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("1. blog"), std::string::npos);
}

TEST_F(ServeTest, ScheduledReRunsCaptureNewCommentsAsRevisitsOfTheRest) {
  auto added = Post("/api/jobs?every=2s", Config(), token_);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  json job = WaitFor("1", [](const json& j) { return FinishedRuns(j) >= 1; });
  ASSERT_GE(FinishedRuns(job), 1u);
  EXPECT_EQ(job["runHistory"][0]["outcome"], "frontier empty");
  // The first run's captures replay while the job keeps its schedule.
  const std::string post = site_->Url(blog_->PostUrls()[2]);
  auto replayed = client_->Get("/blog/2/" + post);
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->status, 302);

  const size_t pages_before = blog_->CommentPageUrls(2).size();
  for (int i = 0; i < 10; ++i) {
    int id = 0;
    ASSERT_TRUE(blog_->AddComment(2, "Later", "Another thread.", &id).ok());
  }
  ASSERT_GT(blog_->CommentPageUrls(2).size(), pages_before);
  const size_t runs_before = FinishedRuns(job);
  job = WaitFor("1", [&](const json& j) { return FinishedRuns(j) >= runs_before + 2; });
  const json& last = job["runHistory"].back();
  EXPECT_EQ(last["outcome"], "frontier empty");
  EXPECT_GT(last["unchangedCaptures"].get<int>(), 10) << last.dump();
  auto jobs_page = client_->Get("/jobs");
  ASSERT_TRUE(jobs_page);
  EXPECT_NE(jobs_page->body.find("href=\"/blog/" + std::string("20")), std::string::npos)
      << "each run links to the seed as that run captured it";
  EXPECT_NE(jobs_page->body.find(site_->Url("/") + "\">#1</a>"), std::string::npos)
      << jobs_page->body;
  const std::string newest = site_->Url(blog_->CommentPageUrls(2).back());
  auto cdx = client_->Get("/blog/cdx?url=" + newest);
  ASSERT_TRUE(cdx);
  EXPECT_EQ(cdx->status, 200);
  EXPECT_FALSE(cdx->body.empty()) << "the new comment page was captured: " << newest;
}

}  // namespace
}  // namespace warcrawl::jobs
