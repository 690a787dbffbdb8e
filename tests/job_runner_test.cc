// A job runs its crawl into its collection and records each run: a re-run after new
// comments captures the new comment page and stores unchanged pages as revisits; a run
// stopped part-way is continued by the next run (same run number), and a job left
// "running" by a killed process is continued too, with nothing lost.
#include "jobs/job_runner.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/warc_test_files.h"

namespace warcrawl::jobs {
namespace {

using fixtures::BlogOptions;
using fixtures::FixtureServer;
using fixtures::SampleBlog;
using warc::testing::TempDir;

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlogOptions options;
    options.posts = 4;
    options.threads = {2, 9, 10, 25};
    options.crawl_delay = -1;
    blog_ = std::make_unique<SampleBlog>(options);
    server_ = std::make_unique<FixtureServer>(blog_.get());
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_TRUE(JobStore::Open(data_.File("jobs"), &store_).ok());
    job_.name = "blog";
    job_.collection = "blog";
    job_.config_yaml = "name: blog\nseeds: [\"" + server_->Url("/") +
                       "\"]\ncontact: \"mailto:a@example.test\"\nworkers: 2\n"
                       "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n";
    job_.created = warc::NowMicros();
    ASSERT_TRUE(store_->Add(&job_).ok());
  }

  Status Run(JobRun* run, RunControl* control = nullptr, int stop_after_progress = -1) {
    RunOptions options;
    options.version = "0.1.0-test";
    options.control = control;
    int calls = 0;
    options.progress = [&](const crawler::CrawlProgress&) {
      if (++calls == stop_after_progress && control != nullptr) control->RequestStop();
    };
    return RunJob(store_.get(), data_.path(), job_.id, options, run);
  }

  // Captured URLs of the collection (any record type), with how many captures each.
  std::map<std::string, int> Captured() {
    std::map<std::string, int> out;
    for (const auto& [url, captures] :
         testing::CapturesUnder(CollectionDir(data_.path(), "blog"), server_->Url("/"))) {
      out[url] = static_cast<int>(captures.size());
    }
    return out;
  }

  TempDir data_;
  std::unique_ptr<SampleBlog> blog_;
  std::unique_ptr<FixtureServer> server_;
  std::unique_ptr<JobStore> store_;
  Job job_;
};

TEST_F(JobRunnerTest, ReRunsCaptureNewCommentPagesAndStoreUnchangedPagesAsRevisits) {
  JobRun first;
  ASSERT_TRUE(Run(&first).ok());
  EXPECT_EQ(first.number, 1u);
  EXPECT_EQ(first.outcome, "frontier empty");
  EXPECT_GT(first.new_captures, 20u);
  EXPECT_NE(first.finished, warc::TimePoint{});
  const int pages_before = blog_->CommentPageCount(1);
  for (int i = 0; i < 2; ++i) {
    int id = 0;
    ASSERT_TRUE(blog_->AddComment(1, "Reader", "A new thread.", &id).ok());
  }
  ASSERT_EQ(blog_->CommentPageCount(1), pages_before + 1) << "the fixture grew a comment page";
  JobRun second;
  ASSERT_TRUE(Run(&second).ok());
  EXPECT_EQ(second.number, 2u);
  EXPECT_GT(second.unchanged_captures, 10u) << "unchanged pages are revisits";
  EXPECT_GT(second.new_captures, 0u) << "the post with new comments changed";
  auto captured = Captured();
  for (const std::string& page : blog_->CommentPageUrls(1)) {
    EXPECT_TRUE(captured.contains(server_->Url(page))) << page;
  }
  Job job;
  ASSERT_TRUE(store_->Get(job_.id, &job).ok());
  EXPECT_EQ(job.state, JobState::kScheduled);
  EXPECT_EQ(job.runs, 2u);
  std::vector<JobRun> runs;
  ASSERT_TRUE(store_->Runs(job_.id, &runs).ok());
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[1].unchanged_captures, second.unchanged_captures);
}

TEST_F(JobRunnerTest, AStoppedRunIsContinuedByTheNextOneWithNothingLost) {
  RunControl control;
  JobRun stopped;
  ASSERT_TRUE(Run(&stopped, &control, /*stop_after_progress=*/1).ok());
  EXPECT_EQ(stopped.outcome, "interrupted");
  EXPECT_EQ(stopped.finished, warc::TimePoint{});
  Job job;
  ASSERT_TRUE(store_->Get(job_.id, &job).ok());
  EXPECT_TRUE(job.resume_pending);
  JobRun continued;
  ASSERT_TRUE(Run(&continued).ok());
  EXPECT_EQ(continued.number, 1u) << "the same run, continued";
  EXPECT_EQ(continued.outcome, "frontier empty");
  auto captured = Captured();
  for (const std::string& url : blog_->PageUrls()) {
    EXPECT_TRUE(captured.contains(server_->Url(url))) << url;
  }
  for (const auto& [url, n] : captured) {
    // robots.txt is fetched again by every start: its rules are not kept between processes.
    if (!url.ends_with("/robots.txt")) {
      EXPECT_EQ(n, 1) << url << " captured twice";
    }
  }
}

TEST_F(JobRunnerTest, AJobLeftRunningByAKilledProcessIsContinued) {
  Job job;
  ASSERT_TRUE(store_->Get(job_.id, &job).ok());
  job.state = JobState::kRunning;  // as a process killed mid-run leaves it
  job.runs = 1;
  ASSERT_TRUE(store_->Put(job).ok());
  JobRun open;
  open.number = 1;
  open.started = warc::NowMicros();
  open.outcome = "running";
  ASSERT_TRUE(store_->PutRun(job.id, open).ok());
  JobRun run;
  ASSERT_TRUE(Run(&run).ok());
  EXPECT_EQ(run.number, 1u);
  EXPECT_EQ(run.outcome, "frontier empty");
}

TEST_F(JobRunnerTest, ABrokenConfigNamesTheJobLineAndKey) {
  Job job;
  ASSERT_TRUE(store_->Get(job_.id, &job).ok());
  job.config_yaml = "name: blog\nseeds: [\"x\"]\ncontact: \"mailto:a@b\"\nworkres: 2\n";
  ASSERT_TRUE(store_->Put(job).ok());
  JobRun run;
  Status s = Run(&run);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("job 1:4"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("workres"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace warcrawl::jobs
