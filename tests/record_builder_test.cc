#include "warc/record_builder.h"

#include <gtest/gtest.h>

#include "tests/warc_test_files.h"
#include "warc/record_id.h"

namespace warcrawl::warc {
namespace {

std::string Sha1Field(std::string_view data) {
  Digester d(DigestAlgorithm::kSha1);
  d.Update(data);
  return FormatDigest(DigestAlgorithm::kSha1, d.Finish());
}

std::string Chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

Capture TestCapture() {
  TimePoint t;
  EXPECT_TRUE(ParseWarcDate("2026-11-28T03:27:26.5Z", &t).ok());
  return Capture{"http://blog.example/post/", t, "127.0.0.2", ""};
}

TEST(RecordBuilderTest, ResponsePayloadDigestIsDechunkedButStillGzipped) {
  std::string html;
  for (int i = 0; i < 500; ++i) html += "<p>comment " + std::to_string(i * 7919 % 1009) + "</p>";
  std::string gz = testing::GzipMember(html);
  ASSERT_GT(gz.size(), 100u);
  std::string chunked =
      Chunk(gz.substr(0, 64)) + Chunk(gz.substr(64, 1)) + Chunk(gz.substr(65)) + "0\r\n\r\n";
  std::string block =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      chunked;
  RecordHeader h;
  ASSERT_TRUE(BuildResponseHeader(TestCapture(), block, RecordFormat{}, &h).ok());
  EXPECT_EQ(h.type(), RecordType::kResponse);
  EXPECT_EQ(h.fields.Get(field::kPayloadDigest), Sha1Field(gz));
  EXPECT_NE(h.fields.Get(field::kPayloadDigest), Sha1Field(chunked));
  EXPECT_EQ(h.fields.Get(field::kContentType), "application/http;msgtype=response");
  EXPECT_EQ(h.fields.Get(field::kTargetUri), "http://blog.example/post/");
  EXPECT_EQ(h.fields.Get(field::kIpAddress), "127.0.0.2");
  EXPECT_EQ(h.fields.Get(field::kDate), "2026-11-28T03:27:26.500000Z");
  EXPECT_TRUE(IsValidRecordId(h.record_id()));
  EXPECT_FALSE(h.fields.Has(field::kTruncated));
}

TEST(RecordBuilderTest, Sha256AndWarc10AndTruncation) {
  Capture capture = TestCapture();
  capture.truncated = "length";
  std::string block = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
  RecordHeader h;
  RecordFormat format{WarcVersion::k1_0, DigestAlgorithm::kSha256};
  ASSERT_TRUE(BuildResponseHeader(capture, block, format, &h).ok());
  EXPECT_EQ(h.version, "WARC/1.0");
  EXPECT_EQ(h.fields.Get(field::kDate), "2026-11-28T03:27:26Z");
  EXPECT_EQ(h.fields.Get(field::kPayloadDigest),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(h.fields.Get(field::kTruncated), "length");
}

TEST(RecordBuilderTest, RequestPointsAtItsResponse) {
  RecordHeader h;
  std::string response_id = NewRecordId();
  ASSERT_TRUE(BuildRequestHeader(TestCapture(), "GET /post/ HTTP/1.1\r\nHost: blog.example\r\n\r\n",
                                 response_id, RecordFormat{}, &h)
                  .ok());
  EXPECT_EQ(h.type(), RecordType::kRequest);
  EXPECT_EQ(h.fields.Get(field::kConcurrentTo), response_id);
  EXPECT_EQ(h.fields.Get(field::kContentType), "application/http;msgtype=request");
  EXPECT_EQ(h.fields.Get(field::kPayloadDigest), Sha1Field(""));
}

TEST(RecordBuilderTest, UnparseableHttpIsAnError) {
  RecordHeader h;
  EXPECT_FALSE(
      BuildResponseHeader(TestCapture(), "this is not HTTP\r\n\r\n", RecordFormat{}, &h).ok());
}

TEST(RecordBuilderTest, RevisitCarriesProfileAndAllRefersToFields) {
  RevisitOf original{NewRecordId(), "http://blog.example/post/", TestCapture().date,
                     "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"};
  RecordHeader h = BuildRevisitHeader(TestCapture(), RevisitProfile::kIdenticalPayloadDigest,
                                      original, RecordFormat{});
  EXPECT_EQ(h.type(), RecordType::kRevisit);
  EXPECT_EQ(h.fields.Get(field::kProfile), kProfileIdenticalPayloadDigest);
  EXPECT_EQ(h.fields.Get(field::kRefersTo), original.record_id);
  EXPECT_EQ(h.fields.Get(field::kRefersToTargetUri), original.target_uri);
  EXPECT_EQ(h.fields.Get(field::kRefersToDate), "2026-11-28T03:27:26.500000Z");
  EXPECT_EQ(h.fields.Get(field::kPayloadDigest), original.payload_digest);
  EXPECT_EQ(h.fields.Get(field::kTruncated), "length");

  RecordHeader old = BuildRevisitHeader(TestCapture(), RevisitProfile::kServerNotModified, original,
                                        RecordFormat{WarcVersion::k1_0});
  EXPECT_EQ(old.fields.Get(field::kProfile),
            "http://netpreserve.org/warc/1.0/revisit/server-not-modified");
}

TEST(RecordBuilderTest, ResourceAndMetadata) {
  RecordHeader r = BuildResourceHeader(TestCapture(), "text/plain", "abc", RecordFormat{});
  EXPECT_EQ(r.type(), RecordType::kResource);
  EXPECT_EQ(r.fields.Get(field::kPayloadDigest), Sha1Field("abc"));
  RecordHeader m = BuildMetadataHeader(TestCapture(), r.record_id(), RecordFormat{});
  EXPECT_EQ(m.type(), RecordType::kMetadata);
  EXPECT_EQ(m.fields.Get(field::kConcurrentTo), r.record_id());
  EXPECT_EQ(m.fields.Get(field::kContentType), "application/warc-fields");
}

}  // namespace
}  // namespace warcrawl::warc
