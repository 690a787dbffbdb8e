#include "jobs/job_store.h"

#include <gtest/gtest.h>

#include "tests/warc_test_files.h"

namespace warcrawl::jobs {
namespace {

using warc::testing::TempDir;

Job MakeJob(const std::string& name) {
  Job job;
  job.name = name;
  job.collection = name;
  job.config_yaml = "name: " + name + "\nseeds: [\"http://blog.test/\"]\n";
  job.config_source = "/etc/" + name + ".yaml";
  job.schedule = "every 21600 0";
  job.created = warc::TimePoint(std::chrono::microseconds(1700000000123456));
  job.next_run = job.created + std::chrono::hours(6);
  return job;
}

TEST(JobStoreTest, JobsGetIdsInOrderAndSurviveReopening) {
  TempDir dir;
  {
    std::unique_ptr<JobStore> store;
    ASSERT_TRUE(JobStore::Open(dir.File("jobs"), &store).ok());
    Job a = MakeJob("a"), b = MakeJob("b");
    ASSERT_TRUE(store->Add(&a).ok());
    ASSERT_TRUE(store->Add(&b).ok());
    EXPECT_EQ(a.id, "1");
    EXPECT_EQ(b.id, "2");
    a.state = JobState::kPaused;
    a.runs = 3;
    a.resume_pending = true;
    ASSERT_TRUE(store->Put(a).ok());
    ASSERT_TRUE(store->Remove("2").ok());
    Job c = MakeJob("c");
    ASSERT_TRUE(store->Add(&c).ok());
    EXPECT_EQ(c.id, "3") << "IDs are never reused";
  }
  std::unique_ptr<JobStore> store;
  ASSERT_TRUE(JobStore::Open(dir.File("jobs"), &store).ok());
  std::vector<Job> jobs;
  ASSERT_TRUE(store->List(&jobs).ok());
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].id, "1");
  EXPECT_EQ(jobs[0].state, JobState::kPaused);
  EXPECT_EQ(jobs[0].runs, 3u);
  EXPECT_TRUE(jobs[0].resume_pending);
  EXPECT_EQ(jobs[0].config_yaml, MakeJob("a").config_yaml);
  EXPECT_EQ(jobs[0].created, MakeJob("a").created);
  EXPECT_EQ(jobs[0].next_run, MakeJob("a").next_run);
  EXPECT_EQ(jobs[0].schedule, "every 21600 0");
  EXPECT_EQ(jobs[1].id, "3");
}

TEST(JobStoreTest, RunsAreKeptPerJobInOrderAndGoWithTheirJob) {
  TempDir dir;
  std::unique_ptr<JobStore> store;
  ASSERT_TRUE(JobStore::Open(dir.File("jobs"), &store).ok());
  Job a = MakeJob("a"), b = MakeJob("b");
  ASSERT_TRUE(store->Add(&a).ok());
  ASSERT_TRUE(store->Add(&b).ok());
  for (uint64_t n : {2u, 1u, 10u}) {  // order of keys, not of writes
    JobRun run;
    run.number = n;
    run.outcome = "frontier empty";
    run.pages = n * 10;
    ASSERT_TRUE(store->PutRun("1", run).ok());
  }
  JobRun other;
  other.number = 1;
  ASSERT_TRUE(store->PutRun("2", other).ok());
  std::vector<JobRun> runs;
  ASSERT_TRUE(store->Runs("1", &runs).ok());
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].number, 1u);
  EXPECT_EQ(runs[2].number, 10u);
  EXPECT_EQ(runs[2].pages, 100u);
  ASSERT_TRUE(store->Remove("1").ok());
  ASSERT_TRUE(store->Runs("1", &runs).ok());
  EXPECT_TRUE(runs.empty());
  ASSERT_TRUE(store->Runs("2", &runs).ok());
  EXPECT_EQ(runs.size(), 1u);
}

TEST(JobStoreTest, MissingAndMalformedIdsAreClearErrors) {
  TempDir dir;
  std::unique_ptr<JobStore> store;
  ASSERT_TRUE(JobStore::Open(dir.File("jobs"), &store).ok());
  Job job;
  Status s = store->Get("7", &job);
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "no job 7");
  EXPECT_TRUE(store->Get("x", &job).IsInvalidArgument());
  EXPECT_TRUE(store->Get("0", &job).IsInvalidArgument());
  EXPECT_TRUE(store->Get("", &job).IsInvalidArgument());
  Job ghost = MakeJob("ghost");
  ghost.id = "5";
  EXPECT_TRUE(store->Put(ghost).IsNotFound()) << "Put only replaces";
  EXPECT_TRUE(store->Remove("5").IsNotFound());
  std::unique_ptr<JobStore> second;
  s = JobStore::Open(dir.File("jobs"), &second);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("in use"), std::string::npos) << s.ToString();
}

TEST(JobTest, DecodingRefusesWhatIsNotAJob) {
  Job job;
  EXPECT_TRUE(DecodeJob("not json", &job).IsCorruption());
  EXPECT_TRUE(DecodeJob("[1]", &job).IsCorruption());
  EXPECT_TRUE(DecodeJob("{\"id\":\"1\"}", &job).IsCorruption());
  std::string text = EncodeJob(MakeJob("a"));
  text.replace(text.find("scheduled"), 9, "sleeping!");
  EXPECT_TRUE(DecodeJob(text, &job).IsCorruption());
  JobRun run;
  EXPECT_TRUE(DecodeRun("{\"number\":\"x\",\"started\":0}", &run).IsCorruption());
}

}  // namespace
}  // namespace warcrawl::jobs
