// The index end to end: ingest WARCs written by our writer and by other tools, query them
// with the CDX API's parameters, find first captures by digest, verify, and survive a kill.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "index/cdx_query.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "index/verifier.h"
#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::index {
namespace {

namespace fs = std::filesystem;
using warc::testing::TempDir;

warc::TimePoint At(const char* date) {
  warc::TimePoint t;
  EXPECT_TRUE(warc::ParseWarcDate(date, &t).ok());
  return t;
}

// Writes one response per (url, date) pair with a body that repeats when `body` repeats.
std::string WriteCaptures(
    const TempDir& dir, const std::string& prefix,
    const std::vector<std::tuple<std::string, std::string, std::string>>& captures) {
  warc::WriterOptions options;
  options.directory = dir.path();
  options.prefix = prefix;
  std::unique_ptr<warc::WarcWriter> writer;
  EXPECT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
  warc::RecordLocation loc;
  for (const auto& [url, date, body] : captures) {
    std::string block =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    warc::RecordHeader header;
    EXPECT_TRUE(warc::BuildResponseHeader({url, At(date.c_str()), "127.0.0.1", ""}, block,
                                          warc::RecordFormat{}, &header)
                    .ok());
    EXPECT_TRUE(writer->Write(header, block, &loc).ok());
  }
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(IndexDb::Open(dir_.File("index"), &db_).ok());
    warc_ = WriteCaptures(
        dir_, "t",
        {
            {"http://www.blog.example/post/", "2024-03-01T10:00:00Z", "v1"},
            {"http://www.blog.example/post/", "2024-03-05T10:00:00Z", "v2"},
            {"http://www.blog.example/post/", "2024-06-01T10:00:00Z", "v2"},
            {"http://www.blog.example/post/comment-page-2/", "2024-03-01T10:00:01Z", "c2"},
            {"http://www.blog.example/about", "2024-03-01T10:00:02Z", "about"},
            {"http://shop.blog.example/", "2024-03-01T10:00:03Z", "shop"},
            {"http://blog.examplex/", "2024-03-01T10:00:04Z", "other"},
        });
    Indexer indexer(db_.get());
    IngestStats stats;
    ASSERT_TRUE(indexer.IndexFile(warc_, &stats).ok());
    ASSERT_TRUE(stats.damage.ok()) << stats.damage.ToString();
    EXPECT_EQ(stats.records, 8u);  // warcinfo + 7
    EXPECT_EQ(stats.captures, 7u);
  }

  std::vector<std::string> Run(CdxQuery query) {
    std::vector<std::string> out;
    Status s = RunCdxQuery(*db_, query, [&](const CaptureEntry& e) {
      out.push_back(e.url + " " + e.timestamp);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  TempDir dir_;
  std::unique_ptr<IndexDb> db_;
  std::string warc_;
};

TEST_F(IndexTest, ExactQueryListsCapturesInTimeOrder) {
  CdxQuery q;
  q.url = "http://blog.example/post/";  // www is dropped by SURT
  EXPECT_EQ(Run(q), (std::vector<std::string>{"http://www.blog.example/post/ 20240301100000",
                                              "http://www.blog.example/post/ 20240305100000",
                                              "http://www.blog.example/post/ 20240601100000"}));
  q.reverse = true;
  q.limit = 2;
  EXPECT_EQ(Run(q), (std::vector<std::string>{"http://www.blog.example/post/ 20240601100000",
                                              "http://www.blog.example/post/ 20240305100000"}));
}

TEST_F(IndexTest, FromAndToTakePartialTimestamps) {
  CdxQuery q;
  q.url = "http://www.blog.example/post/";
  q.from = "202403";
  q.to = "202403";
  EXPECT_EQ(Run(q).size(), 2u);
  q.from = "20240302";
  EXPECT_EQ(Run(q), std::vector<std::string>{"http://www.blog.example/post/ 20240305100000"});
  q.to = "1999";
  EXPECT_TRUE(Run(q).empty());
}

TEST_F(IndexTest, ClosestWalksOutFromTheTarget) {
  CdxQuery q;
  q.url = "http://www.blog.example/post/";
  q.closest = "20240504";
  EXPECT_EQ(Run(q), (std::vector<std::string>{"http://www.blog.example/post/ 20240601100000",
                                              "http://www.blog.example/post/ 20240305100000",
                                              "http://www.blog.example/post/ 20240301100000"}));
  q.closest = "20240302";
  q.limit = 1;
  EXPECT_EQ(Run(q), std::vector<std::string>{"http://www.blog.example/post/ 20240301100000"});
}

TEST_F(IndexTest, PrefixHostAndDomainMatches) {
  CdxQuery q;
  // SURT drops the trailing slash ("example,blog)/post"), so as in pywb "post/*" is what
  // lies below the post and "post*" the post itself too.
  q.url = "http://www.blog.example/post/*";
  EXPECT_EQ(Run(q), std::vector<std::string>{
                        "http://www.blog.example/post/comment-page-2/ 20240301100001"});
  q.url = "http://www.blog.example/post*";
  EXPECT_EQ(Run(q).size(), 4u);
  q.url = "http://blog.example/anything";
  q.match_type = MatchType::kHost;
  EXPECT_EQ(Run(q).size(), 5u);
  q.url = "*.blog.example";
  q.match_type = MatchType::kExact;
  auto domain = Run(q);
  EXPECT_EQ(domain.size(), 6u);  // with shop.blog.example, without blog.examplex
  for (const auto& line : domain) EXPECT_EQ(line.find("examplex"), std::string::npos);
  // Taken literally (as replay looks URLs up), "*" is part of the URL: nothing has it.
  q.literal_url = true;
  q.url = "http://www.blog.example/post*";
  EXPECT_TRUE(Run(q).empty());
  q.url = "http://www.blog.example/post/";
  EXPECT_EQ(Run(q).size(), 3u);
}

TEST_F(IndexTest, FiltersApplyToFields) {
  CdxQuery q;
  q.url = "http://www.blog.example/post*";
  q.filters.emplace_back();
  ASSERT_TRUE(CdxFilter::Parse("~url:.*comment-page", &q.filters.back()).ok());
  EXPECT_EQ(Run(q).size(), 1u);
  q.filters.emplace_back();
  ASSERT_TRUE(CdxFilter::Parse("!=mime:text/html", &q.filters.back()).ok());
  EXPECT_TRUE(Run(q).empty());
}

TEST_F(IndexTest, FirstCaptureOfAPayloadIsFoundByDigest) {
  CdxQuery q;
  q.url = "http://www.blog.example/post/";
  q.from = "20240601";
  std::string digest;
  ASSERT_TRUE(RunCdxQuery(*db_, q, [&](const CaptureEntry& e) {
                digest = e.digest;
                return false;
              }).ok());
  FirstCapture first;
  ASSERT_TRUE(LookupFirstCapture(*db_, "sha1:" + digest, &first).ok());
  EXPECT_EQ(first.url, "http://www.blog.example/post/");
  EXPECT_EQ(first.date.substr(0, 19), "2024-03-05T10:00:00");  // v2 was first seen then
  EXPECT_TRUE(first.record_id.starts_with("<urn:uuid:"));
  EXPECT_TRUE(
      LookupFirstCapture(*db_, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", &first).IsNotFound());
}

TEST_F(IndexTest, IndexingTheSameFileTwiceAddsNothing) {
  Indexer indexer(db_.get());
  IngestStats stats;
  ASSERT_TRUE(indexer.IndexFile(warc_, &stats).ok());
  EXPECT_TRUE(stats.already_indexed);
  CdxQuery q;
  q.url = "*.blog.example";
  EXPECT_EQ(Run(q).size(), 6u);
}

TEST_F(IndexTest, VerifyReadsEveryRecordBack) {
  VerifyReport report;
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyIndex(
                  *db_, [&](const std::string& p) { problems.push_back(p); }, &report)
                  .ok());
  EXPECT_EQ(report.captures, 7u);
  EXPECT_EQ(report.problems, 0u) << problems[0];

  // Cut the file inside its last record: verify must notice.
  fs::resize_file(warc_, fs::file_size(warc_) - 20);
  VerifyReport broken;
  problems.clear();
  ASSERT_TRUE(VerifyIndex(
                  *db_, [&](const std::string& p) { problems.push_back(p); }, &broken)
                  .ok());
  EXPECT_EQ(broken.problems, 1u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("truncated"), std::string::npos) << problems[0];
}

TEST(IndexFilesTest, IndexesManyFilesInParallel) {
  TempDir dir;
  std::vector<std::string> paths;
  for (int f = 0; f < 4; ++f) {
    std::vector<std::tuple<std::string, std::string, std::string>> captures;
    for (int i = 0; i < 50; ++i) {
      // Every file holds the same 50 bodies: only one first capture per payload may remain.
      captures.emplace_back("http://h" + std::to_string(f) + ".example/p" + std::to_string(i),
                            "2024-03-01T10:00:00Z", "body " + std::to_string(i));
    }
    paths.push_back(WriteCaptures(dir, "f" + std::to_string(f), captures));
  }
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  auto results = IndexFiles(db.get(), paths, 2);
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) {
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.stats.captures, 50u);
  }
  VerifyReport report;
  ASSERT_TRUE(VerifyIndex(*db, nullptr, &report).ok());
  EXPECT_EQ(report.captures, 200u);
  EXPECT_EQ(report.problems, 0u);
  for (int i = 0; i < 50; ++i) {
    CdxQuery q;
    q.url = "http://h2.example/p" + std::to_string(i);
    std::string digest;
    ASSERT_TRUE(RunCdxQuery(*db, q, [&](const CaptureEntry& e) {
                  digest = e.digest;
                  return true;
                }).ok());
    FirstCapture first;
    ASSERT_TRUE(LookupFirstCapture(*db, "sha1:" + digest, &first).ok());
    EXPECT_TRUE(first.url.ends_with("/p" + std::to_string(i))) << first.url;
  }
}

TEST(IndexInteropTest, IndexesEveryCorpusFileUpToItsDamage) {
  TempDir dir;
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  const std::string corpus = std::string(WARCRAWL_SHARED_DIR) + "/interop/warcs/";
  IngestStats heritrix;
  ASSERT_TRUE(
      indexer
          .IndexFile(corpus + "heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz",
                     &heritrix)
          .ok());
  EXPECT_TRUE(heritrix.damage.ok());
  EXPECT_EQ(heritrix.records, 190u);
  // The 65 responses; warcinfo, requests and application/warc-fields metadata are not
  // indexed by default (as warcio.js and pywb do).
  EXPECT_EQ(heritrix.captures, 65u);
  IngestStats truncated;
  ASSERT_TRUE(
      indexer
          .IndexFile(corpus + "broken/solrwayback-transfer_compression_none_truncated.warc.gz",
                     &truncated)
          .ok());
  EXPECT_FALSE(truncated.damage.ok());
  EXPECT_NE(truncated.damage.message().find("881"), std::string::npos);
  EXPECT_EQ(truncated.records, 2u);
  VerifyReport report;
  ASSERT_TRUE(VerifyIndex(*db, nullptr, &report).ok());
  EXPECT_EQ(report.problems, 0u);
  EXPECT_EQ(report.captures, 65u);  // the broken file held no response before its damage
}

// A process killed while it ingests leaves an index that verify passes, and ingesting
// again completes it. Whenever the kill lands, both must hold.
TEST(IndexCrashTest, KilledIngestLeavesAVerifiableIndex) {
  TempDir dir;
  std::vector<std::tuple<std::string, std::string, std::string>> many;
  for (int i = 0; i < 20000; ++i) {
    many.emplace_back("http://blog.example/p" + std::to_string(i), "2024-03-01T10:00:00Z",
                      "body " + std::to_string(i));
  }
  std::string warc = WriteCaptures(dir, "big", many);
  const std::string data = dir.File("data");
  for (int delay_ms : {5, 40, 150}) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      execl(WARCRAWL_BINARY, WARCRAWL_BINARY, "index", "--data", data.c_str(), warc.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    usleep(delay_ms * 1000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    std::unique_ptr<IndexDb> db;
    ASSERT_TRUE(IndexDb::Open(data + "/index", &db).ok());
    VerifyReport report;
    ASSERT_TRUE(VerifyIndex(*db, nullptr, &report).ok());
    EXPECT_EQ(report.problems, 0u) << "after a kill at " << delay_ms << " ms";
  }
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(data + "/index", &db).ok());
  Indexer indexer(db.get());
  IngestStats stats;
  ASSERT_TRUE(indexer.IndexFile(warc, &stats).ok());
  VerifyReport report;
  ASSERT_TRUE(VerifyIndex(*db, nullptr, &report).ok());
  EXPECT_EQ(report.captures, 20000u);
  EXPECT_EQ(report.problems, 0u);
}

// warcio.js's pairing in the Indexer: pywb's POST fixture has each request before its
// response; the captures are keyed, and found, by method and body as pywb looks them up.
TEST(IndexPairingTest, PostCapturesAreKeyedByMethodAndBody) {
  TempDir dir;
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  IngestStats stats;
  const fs::path warc = fs::path(WARCRAWL_SHARED_DIR) / "interop/warcs/pywb-post-test.warc.gz";
  ASSERT_TRUE(indexer.IndexFile(warc.string(), &stats).ok());
  EXPECT_EQ(stats.captures, 3u);
  auto find = [&db](const std::string& url) {
    std::vector<CaptureEntry> found;
    CdxQuery q;
    q.url = url;
    EXPECT_TRUE(RunCdxQuery(*db, q, [&](const CaptureEntry& e) {
                  found.push_back(e);
                  return true;
                }).ok());
    return found;
  };
  auto found = find("http://httpbin.org/post?__wb_method=post&foo=bar&test=abc");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].url, "http://httpbin.org/post");
  EXPECT_EQ(found[0].urlkey, "org,httpbin)/post?__wb_method=post&foo=bar&test=abc");
  EXPECT_EQ(found[0].method, "POST");
  EXPECT_EQ(found[0].request_body, "foo=bar&test=abc");
  EXPECT_EQ(find("http://httpbin.org/post?foo=bar&__wb_method=POST&data=^").size(), 1u);
  EXPECT_TRUE(find("http://httpbin.org/post").empty()) << "a POST is not the URL's GET";
}

// A response written before its request (the crawler's order) is re-keyed when the request
// comes; a GET request changes nothing.
TEST(IndexPairingTest, ResponseBeforeItsRequestIsRekeyed) {
  TempDir dir;
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  auto add = [&](std::string_view type, std::string_view uri, std::string_view block,
                 uint64_t offset) {
    warc::RecordHeader h;
    h.fields.Add("WARC-Type", type);
    h.fields.Add("WARC-Target-URI", uri);
    h.fields.Add("WARC-Date", "2024-01-02T03:04:05Z");
    ASSERT_TRUE(indexer.AddRecord(h, block, {"/x/a.warc.gz", offset, 10}).ok());
  };
  add("response", "http://a.org/form", "HTTP/1.1 200 OK\r\n\r\nok", 0);
  add("request", "http://a.org/form",
      "POST /form HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"q\":[1,2]}", 10);
  add("response", "http://a.org/page", "HTTP/1.1 200 OK\r\n\r\nok", 20);
  add("request", "http://a.org/page", "GET /page HTTP/1.1\r\n\r\n", 30);
  ASSERT_TRUE(indexer.Flush().ok());
  std::vector<std::string> keys;
  CdxQuery q;
  q.url = "a.org/*";
  q.match_type = MatchType::kHost;
  ASSERT_TRUE(RunCdxQuery(*db, q, [&](const CaptureEntry& e) {
                keys.push_back(e.urlkey + " " + e.method + " " + e.request_body);
                return true;
              }).ok());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "org,a)/form?__wb_method=post&q=1&q.2_=2 POST q=1&q.2_=2", "org,a)/page  "}));
}

}  // namespace
}  // namespace warcrawl::index
