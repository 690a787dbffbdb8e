#include "warc/http_payload.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <string>

#include "tests/interop_files.h"

namespace warcrawl::warc {
namespace {

using test_files::FieldOfBlock;
using test_files::ReadFile;
using test_files::RecordBlock;

std::string Gzip(std::string_view data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Sha1(std::string_view data) { return ComputeDigest(DigestAlgorithm::kSha1, data); }

constexpr std::string_view kHtml = "<html><body>hello, hello, hello, hello, hello</body></html>\n";

struct ChunkedGzipResponse {
  std::string gzip = Gzip(kHtml);
  std::string framed;
  std::string block;
  ChunkedGzipResponse() {
    size_t third = gzip.size() / 3;
    auto chunk = [&](std::string_view data, std::string_view ext = "") {
      char size[32];
      std::snprintf(size, sizeof size, "%zX", data.size());
      framed.append(size).append(ext).append("\r\n").append(data).append("\r\n");
    };
    chunk(std::string_view(gzip).substr(0, third), ";part=1");
    chunk(std::string_view(gzip).substr(third, third));
    chunk(std::string_view(gzip).substr(2 * third));
    framed += "0\r\n\r\n";
    block =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        "Transfer-Encoding: chunked\r\n\r\n" +
        framed;
  }
};

TEST(HttpPayloadTest, ChunkedGzipDigestsDifferAndDechunkedOneCoversTheGzipBytes) {
  ChunkedGzipResponse r;
  std::string dechunked, stored;
  ASSERT_TRUE(ComputePayloadDigest(r.block, DigestAlgorithm::kSha1, &dechunked).ok());
  ASSERT_TRUE(ComputeRawPayloadDigest(r.block, DigestAlgorithm::kSha1, &stored).ok());
  EXPECT_EQ(dechunked, Sha1(r.gzip));
  EXPECT_EQ(stored, Sha1(r.framed));
  EXPECT_NE(dechunked, stored);
}

TEST(HttpPayloadTest, ExtractChunkedGzip) {
  ChunkedGzipResponse r;
  HttpPayload p;
  ASSERT_TRUE(ExtractHttpPayload(r.block, PayloadOptions(), &p).ok());
  EXPECT_EQ(p.head.status, 200);
  EXPECT_TRUE(p.chunked);
  EXPECT_TRUE(p.chunked_complete);
  EXPECT_EQ(p.entity_body, r.gzip);
  EXPECT_EQ(p.decoded, kHtml);

  PayloadOptions raw_only;
  raw_only.decode_content = false;
  ASSERT_TRUE(ExtractHttpPayload(r.block, raw_only, &p).ok());
  EXPECT_EQ(p.entity_body, r.gzip);
  EXPECT_TRUE(p.decoded.empty());

  PayloadOptions tiny;
  tiny.max_decoded = 10;
  Status s = ExtractHttpPayload(r.block, tiny, &p);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(p.entity_body, r.gzip);  // still usable for digests
}

TEST(HttpPayloadTest, TruncatedChunkedBody) {
  ChunkedGzipResponse r;
  std::string cut = r.block.substr(0, r.block.size() - 12);
  HttpPayload p;
  Status s = ExtractHttpPayload(cut, PayloadOptions(), &p);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();  // the gzip stream is cut short
  EXPECT_TRUE(p.chunked);
  EXPECT_FALSE(p.chunked_complete);
  EXPECT_EQ(p.entity_body, r.gzip.substr(0, p.entity_body.size()));
  EXPECT_EQ(p.decoded, kHtml.substr(0, p.decoded.size()));

  std::string digest;
  ASSERT_TRUE(ComputePayloadDigest(cut, DigestAlgorithm::kSha1, &digest).ok());
  EXPECT_EQ(digest, Sha1(p.entity_body));
}

TEST(HttpPayloadTest, PlainResponseAndHeadersOnlyRevisit) {
  std::string block = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  HttpPayload p;
  ASSERT_TRUE(ExtractHttpPayload(block, PayloadOptions(), &p).ok());
  EXPECT_FALSE(p.chunked);
  EXPECT_EQ(p.entity_body, "hello");
  EXPECT_EQ(p.decoded, "hello");
  std::string a, b;
  ASSERT_TRUE(ComputePayloadDigest(block, DigestAlgorithm::kSha256, &a).ok());
  ASSERT_TRUE(ComputeRawPayloadDigest(block, DigestAlgorithm::kSha256, &b).ok());
  EXPECT_EQ(a, ComputeDigest(DigestAlgorithm::kSha256, "hello"));
  EXPECT_EQ(a, b);

  std::string revisit = "HTTP/1.1 304 Not Modified\r\nContent-Encoding: gzip\r\nETag: \"x\"\r\n";
  ASSERT_TRUE(ExtractHttpPayload(revisit, PayloadOptions(), &p).ok());
  EXPECT_EQ(p.head.status, 304);
  EXPECT_TRUE(p.entity_body.empty());
  ASSERT_TRUE(ComputePayloadDigest(revisit, DigestAlgorithm::kSha1, &a).ok());
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kSha1, a), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}

TEST(HttpPayloadTest, RequestWithBody) {
  std::string block = "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n\r\na=1&b=2";
  HttpPayload p;
  ASSERT_TRUE(ExtractHttpPayload(block, PayloadOptions(), &p).ok());
  EXPECT_TRUE(p.head.is_request);
  EXPECT_EQ(p.entity_body, "a=1&b=2");
}

TEST(HttpPayloadTest, Errors) {
  HttpPayload p;
  std::string digest;
  EXPECT_TRUE(ExtractHttpPayload("not http\r\n\r\n", PayloadOptions(), &p).IsCorruption());
  EXPECT_TRUE(ComputePayloadDigest("", DigestAlgorithm::kSha1, &digest).IsCorruption());
  EXPECT_TRUE(ComputeRawPayloadDigest("garbage", DigestAlgorithm::kSha1, &digest).IsCorruption());

  std::string zstd = "HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\nxyz";
  Status s = ExtractHttpPayload(zstd, PayloadOptions(), &p);
  EXPECT_TRUE(s.IsNotSupported()) << s.ToString();
  EXPECT_EQ(p.entity_body, "xyz");
  EXPECT_TRUE(ComputePayloadDigest(zstd, DigestAlgorithm::kSha1, &digest).ok());
}

TEST(HttpPayloadTest, WarcatBadChunkingIsCorruptionWithHeadFilled) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/broken/warcat-bad_http_chunked_content.warc");
  std::string_view block = RecordBlock(warc, "response", "title=AAAAAA");
  ASSERT_FALSE(block.empty());
  HttpPayload p;
  Status s = ExtractHttpPayload(block, PayloadOptions(), &p);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(p.head.headers.Get("Server"), "blah.com");
  // The payload digest falls back to the bytes as stored, so the record can be written.
  std::string digest, raw_digest;
  EXPECT_TRUE(ComputePayloadDigest(block, DigestAlgorithm::kSha1, &digest).ok());
  EXPECT_TRUE(ComputeRawPayloadDigest(block, DigestAlgorithm::kSha1, &raw_digest).ok());
  EXPECT_EQ(digest, raw_digest);
}

TEST(HttpPayloadTest, WgetGzipChunkedRecord) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/wget-1.21.3-recursive-uncompressed.warc");
  std::string_view block =
      RecordBlock(warc, "response", "<http://127.0.0.1:8765/gzip-chunked.html>");
  ASSERT_FALSE(block.empty());
  std::string raw, dechunked;
  ASSERT_TRUE(ComputeRawPayloadDigest(block, DigestAlgorithm::kSha1, &raw).ok());
  ASSERT_TRUE(ComputePayloadDigest(block, DigestAlgorithm::kSha1, &dechunked).ok());
  // wget hashes the body as stored, chunk framing included.
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kSha1, raw),
            FieldOfBlock(warc, block, "WARC-Payload-Digest"));
  EXPECT_NE(raw, dechunked);

  HttpPayload p;
  ASSERT_TRUE(ExtractHttpPayload(block, PayloadOptions(), &p).ok());
  EXPECT_EQ(p.entity_body.size(), 121u);  // chunks of 64, 1 and 56 bytes
  EXPECT_EQ(dechunked, Sha1(p.entity_body));
  EXPECT_TRUE(
      p.decoded.starts_with("<!doctype html>\n<html><body><p>This body was sent with "
                            "Content-Encoding: gzip."));
  EXPECT_TRUE(p.decoded.ends_with("</p></body></html>\n"));
}

TEST(HttpPayloadTest, WgetBrotliRecordDigestsAgree) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/wget1.20.3-transfer_compression_brotli.warc");
  std::string_view block = RecordBlock(warc, "response", "tokemon.sb.statsbiblioteket.dk/");
  ASSERT_FALSE(block.empty());
  std::string raw, dechunked;
  ASSERT_TRUE(ComputeRawPayloadDigest(block, DigestAlgorithm::kSha1, &raw).ok());
  ASSERT_TRUE(ComputePayloadDigest(block, DigestAlgorithm::kSha1, &dechunked).ok());
  EXPECT_EQ(raw, dechunked);  // not chunked: the two definitions coincide
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kSha1, raw),
            FieldOfBlock(warc, block, "WARC-Payload-Digest"));
  HttpPayload p;
  ASSERT_TRUE(ExtractHttpPayload(block, PayloadOptions(), &p).ok());
  EXPECT_EQ(p.decoded.size(), 0xf6u);
}

}  // namespace
}  // namespace warcrawl::warc
