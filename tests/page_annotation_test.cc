// The crawler's page annotations: their text form, and the indexer applying a metadata
// record's role to the capture it is concurrent to, live and on a rebuild alike.
#include "index/page_annotation.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

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

// Twenty responses, then metadata records for three of them: the indexer keeps the last 16
// captures for annotation, so p3's comes too late and p4's and p19's apply.
TEST(PageAnnotationTest, MetadataReachesTheLastSixteenCaptures) {
  TempDir dir;
  warc::WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<warc::WarcWriter> writer;
  ASSERT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
  warc::RecordLocation loc;
  const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>post</p>";
  std::vector<std::pair<warc::Capture, std::string>> written;  // with record IDs
  for (int i = 0; i < 20; ++i) {
    warc::Capture capture{"http://blog.test/p" + std::to_string(i) + "/", warc::NowMicros(), "",
                          ""};
    warc::RecordHeader response;
    ASSERT_TRUE(warc::BuildResponseHeader(capture, block, {}, &response).ok());
    ASSERT_TRUE(writer->Write(response, block, &loc).ok());
    written.emplace_back(capture, std::string(response.record_id()));
  }
  for (int i : {3, 4, 19}) {
    const auto& [capture, id] = written[i];
    warc::RecordHeader metadata = warc::BuildMetadataHeader(capture, id, warc::RecordFormat{});
    ASSERT_TRUE(writer->Write(metadata, FormatPageAnnotation({PageRole::kPost, "", 0}), &loc).ok());
  }
  ASSERT_TRUE(writer->Close().ok());
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  IngestStats stats;
  ASSERT_TRUE(indexer.IndexFile(dir.File(loc.filename), &stats).ok());
  std::map<std::string, PageRole> roles;
  CdxQuery q;
  q.url = "http://blog.test/";
  q.match_type = MatchType::kPrefix;
  ASSERT_TRUE(RunCdxQuery(*db, q, [&](const CaptureEntry& e) {
                roles[e.url] = e.role;
                return true;
              }).ok());
  ASSERT_EQ(roles.size(), 20u);
  for (int i = 0; i < 20; ++i) {
    const std::string url = "http://blog.test/p" + std::to_string(i) + "/";
    EXPECT_EQ(roles[url], i == 4 || i == 19 ? PageRole::kPost : PageRole::kNone) << url;
  }
}

}  // namespace
}  // namespace warcrawl::index
