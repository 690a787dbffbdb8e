// The crawler's page annotations: their text form, and the indexer applying a metadata
// record's role to the capture it is concurrent to, live and on a rebuild alike.
#include "index/page_annotation.h"

#include <gtest/gtest.h>

#include "index/cdx_query.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::index {
namespace {

using warc::testing::TempDir;

TEST(PageAnnotationTest, RoundTripsThroughWarcFields) {
  PageAnnotation a{PageRole::kCommentPage, "http://blog.test/2024/01/02/post/", 3};
  std::string text = FormatPageAnnotation(a);
  EXPECT_EQ(text,
            "role: comments\r\npost: http://blog.test/2024/01/02/post/\r\ncomment-page: 3\r\n");
  PageAnnotation back;
  ASSERT_TRUE(ParsePageAnnotation(text + "outlink: http://x.test/ L a/@href\r\n", &back));
  EXPECT_EQ(back, a);
}

TEST(PageAnnotationTest, NoRoleNoAnnotation) {
  PageAnnotation a;
  EXPECT_EQ(FormatPageAnnotation(a), "");
  EXPECT_FALSE(ParsePageAnnotation("outlink: http://x.test/ L a/@href\r\n", &a));
  EXPECT_FALSE(ParsePageAnnotation("role: sidebar\r\n", &a));
  ASSERT_TRUE(ParsePageAnnotation("role: post\r\ncomment-page: 2x\r\n", &a));
  EXPECT_EQ(a.page_number, 0u) << "a malformed number is dropped, not guessed";
}

// A response followed by the crawler's metadata record, and one unannotated response.
std::string WriteAnnotatedWarc(const TempDir& dir) {
  warc::WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<warc::WarcWriter> writer;
  EXPECT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
  warc::RecordLocation loc;
  std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>comments</p>";
  warc::Capture capture{"http://blog.test/post/comment-page-2/", warc::NowMicros(), "", ""};
  warc::RecordHeader response;
  EXPECT_TRUE(warc::BuildResponseHeader(capture, block, {}, &response).ok());
  EXPECT_TRUE(writer->Write(response, block, &loc).ok());
  std::string fields = FormatPageAnnotation({PageRole::kCommentPage, "http://blog.test/post/", 2});
  warc::RecordHeader metadata =
      warc::BuildMetadataHeader(capture, response.record_id(), warc::RecordFormat{});
  EXPECT_TRUE(writer->Write(metadata, fields, &loc).ok());
  capture.target_uri = "http://blog.test/other/";
  EXPECT_TRUE(warc::BuildResponseHeader(capture, block, {}, &response).ok());
  EXPECT_TRUE(writer->Write(response, block, &loc).ok());
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

TEST(PageAnnotationTest, IndexerAppliesTheMetadataRecordToItsCapture) {
  TempDir dir;
  std::string warc = WriteAnnotatedWarc(dir);
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  IngestStats stats;
  ASSERT_TRUE(indexer.IndexFile(warc, &stats).ok());
  CdxQuery q;
  q.url = "http://blog.test/";
  q.match_type = MatchType::kPrefix;
  std::vector<CaptureEntry> found;
  ASSERT_TRUE(RunCdxQuery(*db, q, [&](const CaptureEntry& e) {
                found.push_back(e);
                return true;
              }).ok());
  ASSERT_EQ(found.size(), 2u) << "the metadata record is annotation, not a capture";
  EXPECT_EQ(found[0].url, "http://blog.test/other/");
  EXPECT_EQ(found[0].role, PageRole::kNone);
  EXPECT_EQ(found[1].url, "http://blog.test/post/comment-page-2/");
  EXPECT_EQ(found[1].role, PageRole::kCommentPage);
  EXPECT_EQ(found[1].post_url, "http://blog.test/post/");
  EXPECT_EQ(found[1].page_number, 2u);
}

}  // namespace
}  // namespace warcrawl::index
