#include "warc/validator.h"

#include <gtest/gtest.h>

#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::warc {
namespace {

using testing::ReadFileOrDie;
using testing::TempDir;

struct Outcome {
  ValidationReport report;
  std::vector<Problem> problems;
  std::vector<Problem> Errors() const {
    std::vector<Problem> errors;
    for (const auto& p : problems) {
      if (p.severity == Severity::kError) errors.push_back(p);
    }
    return errors;
  }
  bool Mentions(std::string_view text) const {
    for (const auto& p : problems) {
      if (p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

Outcome Validate(const std::string& path) {
  Outcome o;
  Status s = ValidateFile(
      path, [&](const Problem& p) { o.problems.push_back(p); }, &o.report);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return o;
}

std::string Sha1(std::string_view data) {
  Digester d(DigestAlgorithm::kSha1);
  d.Update(data);
  return FormatDigest(DigestAlgorithm::kSha1, d.Finish());
}

// A hand-made record; digests are right unless the test spoils them.
std::string RawRecord(std::string_view type, std::string_view block, std::string extra = "",
                      std::string_view content_type = "application/http;msgtype=response") {
  return "WARC/1.1\r\nWARC-Type: " + std::string(type) +
         "\r\nWARC-Record-ID: <urn:uuid:12345678-1234-4234-8234-123456789abc>\r\n"
         "WARC-Date: 2026-11-28T03:27:26Z\r\nWARC-Target-URI: http://blog.example/\r\n"
         "Content-Type: " +
         std::string(content_type) + "\r\n" + extra + "WARC-Block-Digest: " + Sha1(block) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + std::string(block) +
         "\r\n\r\n";
}

const std::string kHttp = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

std::string WriteGoodWarc(const TempDir& dir) {
  WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<WarcWriter> writer;
  EXPECT_TRUE(WarcWriter::Open(options, &writer).ok());
  Capture capture{"http://blog.example/", NowMicros(), "127.0.0.1", ""};
  RecordHeader response, request;
  RecordLocation loc;
  EXPECT_TRUE(BuildResponseHeader(capture, kHttp, RecordFormat{}, &response).ok());
  std::string id(response.record_id());
  EXPECT_TRUE(writer->Write(response, kHttp, &loc).ok());
  std::string get = "GET / HTTP/1.1\r\nHost: blog.example\r\n\r\n";
  EXPECT_TRUE(BuildRequestHeader(capture, get, id, RecordFormat{}, &request).ok());
  EXPECT_TRUE(writer->Write(request, get, &loc).ok());
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

TEST(ValidatorTest, OurOwnOutputHasNoProblems) {
  TempDir dir;
  Outcome o = Validate(WriteGoodWarc(dir));
  EXPECT_EQ(o.report.records, 3u);
  EXPECT_EQ(o.report.errors, 0u);
  EXPECT_EQ(o.report.warnings, 0u);
  EXPECT_EQ(o.report.digests_checked, 5u);  // warcinfo block; response and request both
  EXPECT_TRUE(o.problems.empty()) << o.problems[0].ToString();
}

TEST(ValidatorTest, ASpoiledBlockFailsItsDigestsAtItsOffset) {
  TempDir dir;
  std::string first = RawRecord("resource", "first", "", "text/plain");
  std::string second =
      RawRecord("response", kHttp, "WARC-Payload-Digest: " + Sha1("hello") + "\r\n");
  second.replace(second.find("hello"), 5, "jello");
  dir.Write("a.warc", first + second);
  Outcome o = Validate(dir.File("a.warc"));
  ASSERT_EQ(o.Errors().size(), 2u);
  EXPECT_EQ(o.Errors()[0].offset, first.size());
  EXPECT_EQ(o.Errors()[0].record_type, "response");
  EXPECT_TRUE(o.Mentions("WARC-Block-Digest does not match"));
  EXPECT_TRUE(o.Mentions("WARC-Payload-Digest does not match"));
}

TEST(ValidatorTest, HeaderRulesAreEnforced) {
  TempDir dir;
  std::string bad = RawRecord("response", kHttp,
                              "WARC-Refers-To: <urn:uuid:x>\r\nWARC-IP-Address: 300.1.1.1\r\n"
                              "WARC-Filename: nope.warc\r\n");
  std::string no_date = RawRecord("resource", "x", "", "text/plain");
  no_date.erase(no_date.find("WARC-Date"),
                no_date.find("WARC-Target-URI") - no_date.find("WARC-Date"));
  std::string dup = RawRecord("resource", "y", "WARC-Target-URI: http://other/\r\n", "text/plain");
  dir.Write("a.warc", bad + no_date + dup);
  Outcome o = Validate(dir.File("a.warc"));
  EXPECT_EQ(o.report.records, 3u);
  EXPECT_TRUE(o.Mentions("WARC-Refers-To is not allowed on a response record"));
  EXPECT_TRUE(o.Mentions("WARC-IP-Address is not an IPv4 or IPv6 address"));
  EXPECT_TRUE(o.Mentions("WARC-Filename is not allowed"));
  EXPECT_TRUE(o.Mentions("missing mandatory field WARC-Date"));
  EXPECT_TRUE(o.Mentions("WARC-Target-URI appears more than once"));
  EXPECT_EQ(o.report.errors, 5u);
}

TEST(ValidatorTest, HttpContentLengthMustMatchThePayload) {
  TempDir dir;
  std::string block = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort";
  dir.Write("a.warc", RawRecord("response", block));
  Outcome o = Validate(dir.File("a.warc"));
  ASSERT_EQ(o.report.errors, 1u);
  EXPECT_TRUE(o.Mentions("HTTP Content-Length is 50 but the payload has 5 bytes"));
}

TEST(ValidatorTest, ATruncatedFileIsReportedAfterTheGoodRecords) {
  TempDir dir;
  std::string good = RawRecord("resource", "fine", "", "text/plain");
  std::string cut = RawRecord("resource", std::string(500, 'c'), "", "text/plain");
  dir.Write("a.warc", good + cut.substr(0, cut.size() - 300));
  Outcome o = Validate(dir.File("a.warc"));
  EXPECT_EQ(o.report.records, 2u);
  ASSERT_GE(o.Errors().size(), 1u);
  EXPECT_EQ(o.Errors()[0].offset, good.size());
  EXPECT_TRUE(o.Mentions("truncated")) << o.Errors()[0].ToString();
}

// What a crash mid-write leaves: the .open file with part of its last gzip member.
TEST(ValidatorTest, ACrashedWritersPartialTailIsReportedWithItsOffset) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  Capture capture{"http://blog.example/", NowMicros(), "", ""};
  std::vector<RecordLocation> locs(3);
  for (auto& loc : locs) {
    std::string body(20000, 'q');
    ASSERT_TRUE(
        writer->Write(BuildResourceHeader(capture, "text/plain", body, RecordFormat{}), body, &loc)
            .ok());
  }
  std::string data = ReadFileOrDie(writer->current_path());
  dir.Write("crashed.warc.gz", data.substr(0, locs[2].offset + locs[2].length / 2));
  Outcome o = Validate(dir.File("crashed.warc.gz"));
  EXPECT_EQ(o.report.records, 3u);  // warcinfo and the two whole records
  ASSERT_EQ(o.Errors().size(), 1u);
  EXPECT_EQ(o.Errors()[0].offset, locs[2].offset);
  EXPECT_TRUE(o.Mentions("truncated gzip member at byte " + std::to_string(locs[2].offset)))
      << o.Errors()[0].ToString();
}

TEST(ValidatorTest, RecordsSharingOneGzipMemberAreAProblem) {
  TempDir dir;
  std::string plain =
      RawRecord("resource", "a", "", "text/plain") + RawRecord("resource", "b", "", "text/plain");
  std::string gz = testing::GzipMember(plain);
  dir.Write("a.warc.gz", gz);
  Outcome o = Validate(dir.File("a.warc.gz"));
  EXPECT_EQ(o.report.records, 2u);
  EXPECT_TRUE(o.Mentions("records share gzip members"));
}

// The interop corpus: what other tools wrote, checked the way the corpus README describes.
std::string Interop(const std::string& name) {
  return std::string(WARCRAWL_SHARED_DIR) + "/interop/warcs/" + name;
}

TEST(ValidatorInteropTest, WgetDedupRevisitsHaveTheEmptyInputDigest) {
  Outcome o = Validate(Interop("wget-1.21.3-dedup.warc.gz"));
  size_t block_failures = 0;
  for (const auto& p : o.Errors()) {
    if (p.message.find("WARC-Block-Digest does not match") != std::string::npos) {
      EXPECT_EQ(p.record_type, "revisit");
      ++block_failures;
    }
  }
  EXPECT_EQ(block_failures, 12u);
}

TEST(ValidatorInteropTest, HeritrixCrawlIsClean) {
  Outcome o =
      Validate(Interop("heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz"));
  EXPECT_EQ(o.report.records, 190u);
  EXPECT_EQ(o.report.errors, 0u) << o.Errors()[0].ToString();
}

TEST(ValidatorInteropTest, DeChunkedAndRawPayloadDigestsAreBothAccepted) {
  // warcprox hashed the de-chunked body, wget the raw one; both are right per their readers.
  for (const char* name : {"warcprox2.4.17-transfer_compression_gzip_chunked.warc.gz",
                           "warcprox1.4-example-iana.org-chunked.warc"}) {
    Outcome o = Validate(Interop(name));
    EXPECT_FALSE(o.Mentions("Payload-Digest does not match")) << name;
  }
}

TEST(ValidatorInteropTest, BrokenFilesAreCaught) {
  // Its bad digest is not even base32 ('1' is not in the alphabet).
  Outcome digest = Validate(Interop("broken/warcio-example-digest.warc"));
  EXPECT_EQ(digest.report.errors, 1u);
  EXPECT_TRUE(digest.Mentions("WARC-Payload-Digest: digest value '1112H3S6"));
  EXPECT_TRUE(Validate(Interop("broken/pywb-example-extra.warc")).Mentions("does not match"));
  Outcome truncated =
      Validate(Interop("broken/solrwayback-transfer_compression_none_truncated.warc.gz"));
  ASSERT_FALSE(truncated.Errors().empty());
  EXPECT_EQ(truncated.Errors().back().offset, 881u);
  EXPECT_GT(Validate(Interop("broken/warcio-example-trunc.warc")).report.errors, 0u);
  EXPECT_GT(Validate(Interop("broken/pywb-example-edited-length.warc")).report.errors, 0u);
  EXPECT_TRUE(Validate(Interop("broken/warcio-example-bad-non-chunked.warc.gz"))
                  .Mentions("records share gzip members"));
  EXPECT_GT(Validate(Interop("broken/warcio-example-wrong-chunks.warc.gz")).report.errors, 0u);
  EXPECT_TRUE(Validate(Interop("broken/warcat-bad_http_chunked_content.warc"))
                  .Mentions("HTTP chunked body"));
}

TEST(ValidatorInteropTest, WgetAngleBracketTargetUriIsReported) {
  EXPECT_TRUE(Validate(Interop("wget1.19.4-example-wget-bad-target-uri.warc.gz"))
                  .Mentions("wrapped in angle brackets"));
}

}  // namespace
}  // namespace warcrawl::warc
