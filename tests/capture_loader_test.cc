#include "replay/capture_loader.h"

#include <gtest/gtest.h>

#include "index/cdx_query.h"
#include "index/indexer.h"
#include "tests/warc_test_files.h"
#include "warc/date.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::replay {
namespace {

using warc::testing::TempDir;

constexpr char kUrl[] = "http://blog.test/post/";
constexpr char kPage[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nETag: \"v1\"\r\nTransfer-Encoding: chunked\r\n"
    "\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";

warc::TimePoint At(const char* date) {
  warc::TimePoint t;
  EXPECT_TRUE(warc::ParseWarcDate(date, &t).ok());
  return t;
}

class CaptureLoaderTest : public ::testing::Test {
 protected:
  // A response, then revisits of it: one naming it (refers-to fields), one with only its
  // digest, and a 304 (server-not-modified); then a request record and a resource.
  void SetUp() override {
    warc::WriterOptions options;
    options.directory = dir_.path();
    std::unique_ptr<warc::WarcWriter> writer;
    ASSERT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
    warc::RecordLocation loc;
    warc::RecordHeader response;
    ASSERT_TRUE(
        warc::BuildResponseHeader({kUrl, At("2024-01-01T00:00:00Z"), "", ""}, kPage, {}, &response)
            .ok());
    ASSERT_TRUE(writer->Write(response, kPage, &loc).ok());
    warc::RevisitOf original{std::string(response.record_id()), kUrl, At("2024-01-01T00:00:00Z"),
                             std::string(*response.fields.Get("WARC-Payload-Digest"))};
    const std::string same_head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nETag: \"v2\"\r\nTransfer-Encoding: "
        "chunked\r\n\r\n";
    Revisit(writer.get(), "2024-02-01T00:00:00Z", warc::RevisitProfile::kIdenticalPayloadDigest,
            original, same_head, false);
    Revisit(writer.get(), "2024-03-01T00:00:00Z", warc::RevisitProfile::kIdenticalPayloadDigest,
            original, same_head, true);
    Revisit(writer.get(), "2024-04-01T00:00:00Z", warc::RevisitProfile::kServerNotModified,
            original, "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n", false);
    const std::string text = "a resource";
    warc::RecordHeader resource = warc::BuildResourceHeader(
        {"http://blog.test/notes.txt", At("2024-05-01T00:00:00Z"), "", ""}, "text/plain", text, {});
    ASSERT_TRUE(writer->Write(resource, text, &loc).ok());
    ASSERT_TRUE(writer->Close().ok());
    ASSERT_TRUE(index::IndexDb::Open(dir_.File("index"), &db_).ok());
    index::Indexer indexer(db_.get());
    index::IngestStats stats;
    ASSERT_TRUE(indexer.IndexFile(dir_.File(loc.filename), &stats).ok());
    file_ = dir_.File(loc.filename);
  }

  void Revisit(warc::WarcWriter* writer, const char* date, warc::RevisitProfile profile,
               const warc::RevisitOf& original, const std::string& head, bool drop_refers_to) {
    warc::RecordHeader revisit =
        warc::BuildRevisitHeader({kUrl, At(date), "", ""}, profile, original, {});
    if (drop_refers_to) {
      for (const char* name :
           {"WARC-Refers-To", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date"}) {
        revisit.fields.Remove(name);
      }
    }
    revisit.fields.Set("Content-Length", std::to_string(head.size()));
    warc::RecordLocation loc;
    ASSERT_TRUE(writer->Write(revisit, head, &loc).ok());
  }

  index::CaptureEntry CaptureAt(const std::string& url, const std::string& ts) {
    index::CaptureEntry found;
    index::CdxQuery query;
    query.url = url;
    query.from = query.to = ts;
    EXPECT_TRUE(index::RunCdxQuery(*db_, query, [&](const index::CaptureEntry& e) {
                  found = e;
                  return false;
                }).ok());
    EXPECT_FALSE(found.url.empty()) << url << " " << ts;
    return found;
  }

  TempDir dir_;
  std::unique_ptr<index::IndexDb> db_;
  std::string file_;
};

TEST_F(CaptureLoaderTest, AResponseIsDechunkedWithItsHeadersAsArchived) {
  ArchivedResponse r;
  ASSERT_TRUE(CaptureLoader(*db_).Load(CaptureAt(kUrl, "2024"), &r).ok());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.entity_body, "hello world");
  EXPECT_EQ(r.headers.Get("Transfer-Encoding").value_or(""), "chunked");
  EXPECT_TRUE(r.content_codings.empty());
  EXPECT_FALSE(r.truncated);
}

TEST_F(CaptureLoaderTest, RevisitsTakeTheOriginalPayloadUnderTheirOwnHeaders) {
  for (const char* month : {"202402", "202403"}) {  // by refers-to; by digest alone
    ArchivedResponse r;
    ASSERT_TRUE(CaptureLoader(*db_).Load(CaptureAt(kUrl, month), &r).ok()) << month;
    EXPECT_EQ(r.entity_body, "hello world") << month;
    EXPECT_EQ(r.headers.Get("ETag").value_or(""), "\"v2\"") << "the revisit's own head wins";
    EXPECT_EQ(r.payload_capture_timestamp, "20240101000000");
    EXPECT_FALSE(r.truncated) << "a revisit leaves its payload out by design";
  }
}

TEST_F(CaptureLoaderTest, ANotModifiedRevisitTakesTheOriginalsHead) {
  ArchivedResponse r;
  ASSERT_TRUE(CaptureLoader(*db_).Load(CaptureAt(kUrl, "202404"), &r).ok());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("ETag").value_or(""), "\"v1\"");
  EXPECT_EQ(r.entity_body, "hello world");
}

TEST_F(CaptureLoaderTest, AResourceIsServedWithItsWarcContentType) {
  ArchivedResponse r;
  ASSERT_TRUE(CaptureLoader(*db_).Load(CaptureAt("http://blog.test/notes.txt", "2024"), &r).ok());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("Content-Type").value_or(""), "text/plain");
  EXPECT_EQ(r.entity_body, "a resource");
}

TEST_F(CaptureLoaderTest, AnEntryThatDoesNotMatchItsRecordIsCorruption) {
  index::CaptureEntry wrong = CaptureAt(kUrl, "2024");
  wrong.url = "http://blog.test/elsewhere/";
  ArchivedResponse r;
  EXPECT_TRUE(CaptureLoader(*db_).Load(wrong, &r).IsCorruption());
  index::CaptureEntry missing = CaptureAt(kUrl, "2024");
  missing.filename = "never-ingested.warc.gz";
  EXPECT_TRUE(CaptureLoader(*db_).Load(missing, &r).IsNotFound());
}

}  // namespace
}  // namespace warcrawl::replay
