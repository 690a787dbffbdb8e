// End-to-end tests of the `warcrawl` binary, and of our WARCs against an independent
// validator (webrecorder's warcio.js, via ../shared/tools/warcio-check).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>

#include "tests/run_command.h"
#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl {
namespace {

using warc::testing::TempDir;

using testing::CommandResult;
using testing::RunCommand;

CommandResult Warcrawl(const std::string& args) {
  return RunCommand(std::string(WARCRAWL_BINARY) + " " + args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

// A small WARC like the crawler will write: a chunked+gzip response, its request, a
// revisit, a resource and a metadata record.
std::string WriteSampleWarc(const TempDir& dir, warc::WriterOptions options,
                            uint64_t* response_offset) {
  using namespace warc;
  options.directory = dir.path();
  std::unique_ptr<WarcWriter> writer;
  EXPECT_TRUE(WarcWriter::Open(options, &writer).ok());
  RecordFormat format{options.version, options.digest};
  Capture capture{"http://blog.example/2024/03/post/", NowMicros(), "127.0.0.1", ""};
  // "<p>hi</p>" gzipped by zlib at level 9, sent in two chunks.
  const std::string gz(
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xb3\x29\xb0\xcb\xc8\xb4\xd1\x2f"
      "\xb0\x03\x00\x65\xd2\x37\x6d\x09\x00\x00\x00",
      29);
  std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\n\r\n10\r\n" +
      gz.substr(0, 16) + "\r\nd\r\n" + gz.substr(16) + "\r\n0\r\n\r\n";
  RecordHeader header;
  RecordLocation loc;
  EXPECT_TRUE(BuildResponseHeader(capture, response, format, &header).ok());
  RevisitOf original{std::string(header.record_id()), capture.target_uri, capture.date,
                     std::string(*header.fields.Get(field::kPayloadDigest))};
  EXPECT_TRUE(writer->Write(header, response, &loc).ok());
  *response_offset = loc.offset;
  std::string get = "GET /2024/03/post/ HTTP/1.1\r\nHost: blog.example\r\n\r\n";
  EXPECT_TRUE(BuildRequestHeader(capture, get, original.record_id, format, &header).ok());
  EXPECT_TRUE(writer->Write(header, get, &loc).ok());
  std::string head = response.substr(0, response.find("\r\n\r\n") + 4);
  EXPECT_TRUE(writer
                  ->Write(BuildRevisitHeader(capture, RevisitProfile::kIdenticalPayloadDigest,
                                             original, format),
                          head, &loc)
                  .ok());
  EXPECT_TRUE(writer
                  ->Write(BuildResourceHeader(capture, "text/plain", "log line\n", format),
                          "log line\n", &loc)
                  .ok());
  std::string fields = "outlink: http://blog.example/2024/03/post/comment-page-2/\r\n";
  EXPECT_TRUE(
      writer->Write(BuildMetadataHeader(capture, original.record_id, format), fields, &loc).ok());
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

TEST(CliTest, LsListsEveryRecord) {
  TempDir dir;
  uint64_t offset = 0;
  std::string path = WriteSampleWarc(dir, {}, &offset);
  CommandResult run = Warcrawl("warc ls " + path);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 7u) << run.out;  // heading + warcinfo + 5
  EXPECT_NE(lines[1].find("warcinfo"), std::string::npos);
  EXPECT_TRUE(lines[2].starts_with(std::to_string(offset) + " ")) << lines[2];
  EXPECT_NE(lines[2].find("response"), std::string::npos);
  EXPECT_NE(lines[2].find("http://blog.example/2024/03/post/"), std::string::npos);
  EXPECT_NE(lines[2].find("sha1:"), std::string::npos);
  EXPECT_NE(lines[4].find("revisit"), std::string::npos);
}

TEST(CliTest, CatPrintsTheRecordOrItsDecodedPayload) {
  TempDir dir;
  uint64_t offset = 0;
  std::string path = WriteSampleWarc(dir, {}, &offset);
  CommandResult record = Warcrawl("warc cat " + path + " " + std::to_string(offset));
  ASSERT_EQ(record.exit_code, 0) << record.out;
  EXPECT_TRUE(record.out.starts_with("WARC/1.1\r\nWARC-Type: response\r\n")) << record.out;
  EXPECT_NE(record.out.find("Transfer-Encoding: chunked"), std::string::npos);
  CommandResult payload = Warcrawl("warc cat --payload " + path + " " + std::to_string(offset));
  ASSERT_EQ(payload.exit_code, 0) << payload.out;
  EXPECT_EQ(payload.out, "<p>hi</p>");
  CommandResult bad = Warcrawl("warc cat " + path + " 7");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(Lines(bad.out).size(), 1u) << bad.out;
  EXPECT_TRUE(bad.out.starts_with("warcrawl: ")) << bad.out;
}

TEST(CliTest, CheckPassesOurOutputAndFailsBrokenFiles) {
  TempDir dir;
  uint64_t offset = 0;
  std::string path = WriteSampleWarc(dir, {}, &offset);
  CommandResult good = Warcrawl("warc check " + path);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_EQ(good.out, "6 records, 0 problems\n");
  CommandResult bad = Warcrawl("warc check " + path + " " + std::string(WARCRAWL_SHARED_DIR) +
                               "/interop/warcs/broken/warcio-example-digest.warc");
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  auto lines = Lines(bad.out);
  EXPECT_EQ(lines.back(), "10 records, 1 problems") << bad.out;
  CommandResult missing = Warcrawl("warc check /no/such/file.warc");
  EXPECT_EQ(missing.exit_code, 1);
}

TEST(CliTest, HelpAndUsageErrors) {
  for (const char* args :
       {"--help", "warc --help", "warc ls --help", "warc cat --help", "warc check --help",
        "warc recover --help", "index --help", "query --help"}) {
    CommandResult run = Warcrawl(args);
    EXPECT_EQ(run.exit_code, 0) << args;
    EXPECT_NE(run.out.find("Usage"), std::string::npos) << args;
  }
  CommandResult run = Warcrawl("warc frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(Lines(run.out).size(), 1u) << run.out;
  EXPECT_EQ(Warcrawl("").exit_code, 2);
}

TEST(CliTest, RecoverFinishesACrashedFile) {
  TempDir dir;
  uint64_t offset = 0;
  std::string path = WriteSampleWarc(dir, {}, &offset);
  std::string data = warc::testing::ReadFileOrDie(path);
  std::string open = dir.Write("crashed.warc.gz.open", data.substr(0, data.size() - 7));
  CommandResult run = Warcrawl("warc recover " + open);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("5 records kept"), std::string::npos) << run.out;
  CommandResult check = Warcrawl("warc check " + dir.File("crashed.warc.gz"));
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_EQ(check.out, "5 records, 0 problems\n");
}

// warcio.js must accept every record and digest we write, in every format we offer.
TEST(CliTest, WarcioCheckAcceptsOurWarcs) {
  TempDir dir;
  uint64_t offset = 0;
  std::vector<std::string> files;
  warc::WriterOptions options;
  files.push_back(WriteSampleWarc(dir, options, &offset));
  options.digest = warc::DigestAlgorithm::kSha256;
  options.prefix = "sha256";
  files.push_back(WriteSampleWarc(dir, options, &offset));
  options.version = warc::WarcVersion::k1_0;
  options.compress = false;
  options.prefix = "plain10";
  files.push_back(WriteSampleWarc(dir, options, &offset));
  std::string command = std::string(WARCRAWL_SHARED_DIR) + "/tools/warcio-check";
  for (const auto& f : files) command += " " + f;
  CommandResult run = RunCommand(command);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("18 records, 0 digest failures, 0 parse errors"), std::string::npos)
      << run.out;
}

}  // namespace
}  // namespace warcrawl

namespace warcrawl {
namespace {

// A bad job config is refused before anything is fetched, naming file, line and key.
TEST(CliTest, CrawlRefusesABadConfigNamingLineAndKey) {
  TempDir dir;
  std::string config = dir.Write("job.yaml",
                                 "name: t\nseeds: [\"http://127.0.0.1:1/\"]\ncontact: a@b.test\n"
                                 "politeness:\n  minDelay: soon\n");
  CommandResult run = Warcrawl("crawl " + config + " --data " + dir.File("data"));
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("job.yaml:5: politeness.minDelay: expected a duration"), std::string::npos)
      << run.out;
  EXPECT_FALSE(std::filesystem::exists(dir.File("data/warcs"))) << "nothing was started";

  config = dir.Write("job.yaml", "name: t\nseeds: [\"http://127.0.0.1:1/\"]\n");
  run = Warcrawl("crawl " + config + " --data " + dir.File("data"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("contact: required"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace warcrawl

namespace warcrawl {
namespace {

// `warcrawl jobs`: add (refusing bad configs and schedules), list, show, pause, resume, rm.
TEST(CliTest, JobsAreAddedListedChangedAndRemoved) {
  TempDir dir;
  const std::string data = dir.File("data");
  const std::string good =
      dir.Write("blog.yaml", "name: blog\nseeds: [\"http://127.0.0.1:1/\"]\ncontact: a@b.test\n");
  const std::string bad = dir.Write(
      "bad.yaml", "name: blog\nseeds: [\"http://127.0.0.1:1/\"]\ncontact: a@b.test\nworkres: 2\n");
  CommandResult run = Warcrawl("jobs add " + bad + " --data " + data);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("bad.yaml:4: workres"), std::string::npos) << run.out;
  run = Warcrawl("jobs add " + good + " --every 6x --data " + data);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("unknown unit 'x'"), std::string::npos) << run.out;
  run = Warcrawl("jobs add " + good + " --every 6h --cron '0 * * * *' --data " + data);
  EXPECT_EQ(run.exit_code, 2) << "not both";

  run = Warcrawl("jobs add " + good + " --cron '0 */6 * * *' --collection my-blog --data " + data);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("job 1 added: blog into collection my-blog, cron 0 */6 * * *"),
            std::string::npos)
      << run.out;
  run = Warcrawl("jobs list --data " + data);
  EXPECT_NE(run.out.find("1  blog  [scheduled]  collection my-blog  cron 0 */6 * * *"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(Warcrawl("jobs pause 1 --data " + data).exit_code, 0);
  EXPECT_NE(Warcrawl("jobs show 1 --data " + data).out.find("state       paused"),
            std::string::npos);
  EXPECT_EQ(Warcrawl("jobs resume 1 --data " + data).exit_code, 0);
  EXPECT_NE(Warcrawl("jobs show 1 --data " + data).out.find("state       scheduled"),
            std::string::npos);
  run = Warcrawl("jobs show 7 --data " + data);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("no job 7"), std::string::npos) << run.out;
  EXPECT_EQ(Warcrawl("jobs rm 1 --data " + data).exit_code, 0);
  EXPECT_NE(Warcrawl("jobs list --data " + data).out.find("no jobs"), std::string::npos);
}

}  // namespace
}  // namespace warcrawl
