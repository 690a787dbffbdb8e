// EncodeCapture / DecodeCapture: round trips, the frozen bytes of format 1, the compact forms
// of media types and digests, and Corruption (never a crash or an over-read) on bad values.
#include "index/capture_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace warcrawl::index {
namespace {

using warc::RecordType;

CaptureEntry Full() {
  CaptureEntry e;
  e.urlkey = "com,example)/blog/post-1";
  e.timestamp = "20240102030405";
  e.url = "https://example.com/blog/post-1?replytocom=7";
  e.mime = "text/html";
  e.status = 301;
  e.digest = "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A";
  e.length = 123456;
  e.offset = uint64_t{1} << 40;
  e.filename = "crawl-20240102-00001.warc.gz";
  e.redirect = "https://example.com/blog/post-1/";
  e.record_type = RecordType::kRevisit;
  e.refers_to_url = "https://example.com/blog/post-1";
  e.refers_to_timestamp = "20231231000000";
  e.method = "POST";
  e.request_body = "a=1&b=2";
  e.role = PageRole::kCommentPage;
  e.post_url = "https://example.com/blog/post-1";
  e.page_number = 3;
  return e;
}

CaptureEntry RoundTrip(const CaptureEntry& e) {
  CaptureEntry out;
  Status s = DecodeCapture(e.urlkey, e.timestamp, EncodeCapture(e), &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(CaptureCodecTest, EveryFieldRoundTrips) {
  const CaptureEntry e = Full();
  EXPECT_EQ(RoundTrip(e), e);
}

TEST(CaptureCodecTest, KeyFieldsComeFromTheCallerNotTheValue) {
  CaptureEntry e = Full();
  const std::string value = EncodeCapture(e);
  EXPECT_EQ(value.find(e.urlkey), std::string::npos);
  EXPECT_EQ(value.find(e.timestamp), std::string::npos);
  CaptureEntry out;
  ASSERT_TRUE(DecodeCapture("org,other)/", "19990101000000", value, &out).ok());
  EXPECT_EQ(out.urlkey, "org,other)/");
  EXPECT_EQ(out.timestamp, "19990101000000");
  EXPECT_EQ(out.url, e.url);
}

TEST(CaptureCodecTest, AnEmptyEntryIsThreeBytes) {
  CaptureEntry e;
  e.record_type = RecordType::kResource;
  const std::string value = EncodeCapture(e);
  EXPECT_EQ(value, std::string("\x01\x00\x02", 3));
  EXPECT_EQ(RoundTrip(e), e);
}

// Format 1 is frozen: these bytes must decode the same way forever.
TEST(CaptureCodecTest, FormatOneBytesAreFrozen) {
  CaptureEntry e;
  e.url = "http://a/";
  e.mime = "text/html";  // table code 1
  e.status = 200;
  e.digest = "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ";  // base32 of SHA-1(""), stored raw
  e.length = 300;
  e.offset = 5;
  e.filename = "f.warc.gz";
  const std::string expected =
      std::string("\x01\x7f\x01", 3) +         // format 1, flags 0..6, type response
      "\x09http://a/" + "\x01" + "\xc8\x01" +  // url, mime code 1, status 200
      "\x01\x14" +                             // digest kind base32, 20 raw bytes
      std::string(
          "\xda\x39\xa3\xee\x5e\x6b\x4b\x0d\x32\x55\xbf\xef\x95\x60\x18\x90\xaf\xd8"
          "\x07\x09",
          20) +
      "\xac\x02" + "\x05" +
      "\x09"
      "f.warc.gz";  // length 300, offset 5, filename
  EXPECT_EQ(EncodeCapture(e), expected);
  CaptureEntry out;
  ASSERT_TRUE(DecodeCapture("k", "20000101000000", expected, &out).ok());
  e.urlkey = "k";
  e.timestamp = "20000101000000";
  EXPECT_EQ(out, e);
}

TEST(CaptureCodecTest, CommonMediaTypesAndDigestsAreCompact) {
  CaptureEntry common, rare;
  common.mime = "application/javascript";
  rare.mime = "application/x-blog-thing";
  EXPECT_EQ(EncodeCapture(common).size(), 4u);
  EXPECT_EQ(EncodeCapture(rare).size(), 4u + 1 + rare.mime.size());
  EXPECT_EQ(RoundTrip(rare), rare);

  CaptureEntry sha1, sha256;
  sha1.digest = "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A";
  sha256.digest = "218e2aed1c8e9679938f8cd95255d0c78d94015c19424373da90c80b24025766";
  EXPECT_EQ(EncodeCapture(sha1).size(), 3u + 2 + 20);
  EXPECT_EQ(EncodeCapture(sha256).size(), 3u + 2 + 32);
  EXPECT_EQ(RoundTrip(sha1), sha1);
  EXPECT_EQ(RoundTrip(sha256), sha256);
}

TEST(CaptureCodecTest, DigestsThatWouldNotReencodeAreKeptAsText) {
  for (const char* d :
       {"b2ltwwpuoyah7uipq7zupq4vmbsvc36a", "218E2AED", "abc", "sha1:x", "-",
        "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBY", "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ===="}) {
    CaptureEntry e;
    e.digest = d;
    EXPECT_EQ(RoundTrip(e), e) << d;
  }
}

TEST(CaptureCodecTest, ZeroAndNegativeNumbersAreAbsent) {
  CaptureEntry e;
  e.status = -5;
  CaptureEntry out = RoundTrip(e);
  EXPECT_EQ(out.status, 0);
  EXPECT_EQ(EncodeCapture(e).size(), 3u);
}

Status Decode(std::string_view value, CaptureEntry* out) {
  return DecodeCapture("k", "20000101000000", value, out);
}

void ExpectCorruption(std::string_view value, std::string_view words) {
  CaptureEntry out;
  out.url = "untouched";
  Status s = Decode(value, &out);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(words), std::string::npos) << s.message();
  EXPECT_EQ(out.url, "untouched") << "output written on error";
}

TEST(CaptureCodecTest, BadValuesAreCorruptionNamingTheProblem) {
  ExpectCorruption("", "ends where a byte was expected at byte 0");
  ExpectCorruption("\x02\x00\x01", "unknown format 2");
  ExpectCorruption(std::string("\x01\x80\x80\x02\x01", 5), "does not have");  // bit 15
  ExpectCorruption(std::string("\x01\x00\x09", 3), "record type 9 out of range at byte 2");
  ExpectCorruption(std::string("\x01\x00\x01\x00", 4), "left over after the last field");
  ExpectCorruption(std::string("\x01\x02\x01\x19", 4), "media type code 25 out of range");
  ExpectCorruption(std::string("\x01\x08\x01\x07\x00", 5), "unknown digest kind 7 at byte 3");
  ExpectCorruption(std::string("\x01\x80\x20\x01\x08", 5), "page role 8 out of range");
  ExpectCorruption(std::string("\x01\x04\x01\x80\x80\x80\x80\x08", 8), "status 2147483648");
  ExpectCorruption(std::string("\x01\x01\x01\x05"
                               "abc",
                               7),
                   "runs past the end (3 left)");
}

TEST(CaptureCodecTest, HugeLengthsAndOverlongVarintsDoNotAllocateOrOverflow) {
  // A url of 2^62 bytes in a 14-byte value.
  ExpectCorruption(std::string("\x01\x01\x01\x80\x80\x80\x80\x80\x80\x80\x80\x40", 12),
                   "runs past the end");
  ExpectCorruption(std::string("\x01\x10\x01") + std::string(10, '\xff') + "\x01",
                   "overflows 64 bits");
  ExpectCorruption(std::string("\x01\x10\x01") + std::string(10, '\x80') + "\x00",
                   "overflows 64 bits");
  ExpectCorruption(std::string("\x01\x10\x01\xff\xff", 5), "ends inside a varint at byte 3");
  // The largest length still decodes.
  CaptureEntry e;
  e.length = UINT64_MAX;
  EXPECT_EQ(RoundTrip(e), e);
}

TEST(CaptureCodecTest, EveryTruncationIsCorruption) {
  const std::string value = EncodeCapture(Full());
  for (size_t n = 0; n < value.size(); ++n) {
    CaptureEntry out;
    Status s = Decode(value.substr(0, n), &out);
    EXPECT_TRUE(s.IsCorruption()) << n << ": " << s.ToString();
  }
}

TEST(CaptureCodecTest, FlippedBytesNeverCrash) {
  const std::string value = EncodeCapture(Full());
  std::mt19937 rng(20240102);  // fixed: the same mutations every run
  int ok = 0, corrupt = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string v = value;
    for (int k = 0; k < 3; ++k) {
      v[rng() % v.size()] = static_cast<char>(rng() & 0xff);
    }
    CaptureEntry out;
    Status s = Decode(v, &out);
    ASSERT_TRUE(s.ok() || s.IsCorruption()) << s.ToString();
    if (s.ok()) {
      ++ok;
      // What decodes re-encodes to something that decodes the same.
      CaptureEntry again;
      ASSERT_TRUE(Decode(EncodeCapture(out), &again).ok());
      EXPECT_EQ(again, out);
    } else {
      ++corrupt;
    }
  }
  EXPECT_GT(corrupt, 0);
  EXPECT_GT(ok, 0);
}

}  // namespace
}  // namespace warcrawl::index
