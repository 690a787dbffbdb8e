#include "warc/chunked.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/interop_files.h"

namespace warcrawl::warc {
namespace {

using test_files::BodyAfterHead;
using test_files::ReadFile;
using test_files::RecordBlock;

std::string MustDechunk(std::string_view body, bool expect_complete = true) {
  std::string out;
  bool complete = false;
  Status s = Dechunk(body, &out, &complete);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(complete, expect_complete);
  return out;
}

Status DechunkError(std::string_view body) {
  std::string out;
  bool complete = true;
  Status s = Dechunk(body, &out, &complete);
  EXPECT_FALSE(complete);
  return s;
}

// Feeding one byte at a time must give exactly what one Feed gives.
void ExpectSameByteByByte(std::string_view body) {
  ChunkedDecoder whole, split;
  std::string a, b;
  Status sa = whole.Feed(body, &a);
  Status sb;
  for (char c : body) {
    sb = split.Feed(std::string_view(&c, 1), &b);
    if (!sb.ok()) break;
  }
  EXPECT_EQ(sa.ToString(), sb.ToString()) << body;
  EXPECT_EQ(a, b) << body;
  EXPECT_EQ(whole.done(), split.done()) << body;
  EXPECT_EQ(whole.trailing_bytes(), split.trailing_bytes()) << body;
}

TEST(DechunkTest, Simple) {
  EXPECT_EQ(MustDechunk("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), "abcde");
  EXPECT_EQ(MustDechunk("0\r\n\r\n"), "");
}

TEST(DechunkTest, HexDigitsInEitherCase) {
  std::string ten = "0123456789", big(0x1f, 'x');
  EXPECT_EQ(MustDechunk("a\r\n" + ten + "\r\nA\r\n" + ten + "\r\n1F\r\n" + big + "\r\n0\r\n\r\n"),
            ten + ten + big);
  EXPECT_EQ(MustDechunk("0003\r\nabc\r\n0\r\n\r\n"), "abc");
}

TEST(DechunkTest, ExtensionsAreIgnored) {
  EXPECT_EQ(MustDechunk("5;name=val;q=\"x;y\"\r\nhello\r\n5 ; ext\r\nworld\r\n0;last\r\n\r\n"),
            "helloworld");
}

TEST(DechunkTest, TrailersAreParsed) {
  ChunkedDecoder d;
  std::string out;
  ASSERT_TRUE(d.Feed("2\r\nhi\r\n0\r\nExpires: never\r\nX-Sum:  abc \r\n\r\n", &out).ok());
  EXPECT_TRUE(d.done());
  EXPECT_EQ(out, "hi");
  EXPECT_EQ(d.trailers().Get("expires"), "never");
  EXPECT_EQ(d.trailers().Get("X-Sum"), "abc");
}

TEST(DechunkTest, BytesAfterTheEndAreCountedNotDecoded) {
  ChunkedDecoder d;
  std::string out;
  ASSERT_TRUE(d.Feed("1\r\na\r\n0\r\n\r\nGARBAGE", &out).ok());
  ASSERT_TRUE(d.Feed("\r\n", &out).ok());
  EXPECT_TRUE(d.done());
  EXPECT_EQ(out, "a");
  EXPECT_EQ(d.trailing_bytes(), 9u);
}

TEST(DechunkTest, LfOnlyLineEnds) {
  EXPECT_EQ(MustDechunk("3\nabc\n2\nde\n0\n\n"), "abcde");
  EXPECT_EQ(MustDechunk("3\nabc\r\n0\n\n"), "abc");
}

TEST(DechunkTest, TruncatedInputIsIncompleteNotAnError) {
  EXPECT_EQ(MustDechunk("3\r\nab", false), "ab");
  EXPECT_EQ(MustDechunk("3\r\nabc", false), "abc");  // stops right after the data
  EXPECT_EQ(MustDechunk("3\r\nabc\r", false), "abc");
  EXPECT_EQ(MustDechunk("3\r\nabc\r\n", false), "abc");
  EXPECT_EQ(MustDechunk("3\r\nabc\r\n0", false), "abc");
  EXPECT_EQ(MustDechunk("", false), "");
  // The last chunk arrived: the data is whole even though the trailer section is cut off.
  EXPECT_EQ(MustDechunk("3\r\nabc\r\n0\r\n", true), "abc");
  ChunkedDecoder d;
  std::string out;
  ASSERT_TRUE(d.Feed("3\r\nabc\r\n0\r\n", &out).ok());
  EXPECT_TRUE(d.last_chunk_seen());
  EXPECT_FALSE(d.done());
}

TEST(DechunkTest, ByteByByteFeedingMatches) {
  for (std::string_view body :
       {"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", "5;a=b\r\nhello\r\n0\r\nT: v\r\n\r\ntail",
        "3\nabc\n0\n\n", "3\r\nab", "3\r\nabcX\r\n", "z\r\n"}) {
    ExpectSameByteByByte(body);
  }
}

TEST(DechunkTest, MalformedSizeLines) {
  for (std::string_view body : {"x\r\nabc\r\n", "\r\nabc", " 3\r\nabc\r\n", "3 x\r\nabc\r\n",
                                "-3\r\nabc\r\n", "0x3\r\nabc\r\n", "3,\r\nabc\r\n"}) {
    Status s = DechunkError(body);
    EXPECT_TRUE(s.IsCorruption()) << body;
    EXPECT_NE(s.message().find("bad chunk size line at offset 0"), std::string::npos)
        << s.ToString();
  }
  Status s = DechunkError("3\r\nabc\r\nzz\r\n");
  EXPECT_NE(s.message().find("offset 8"), std::string::npos) << s.ToString();
}

TEST(DechunkTest, SizeOverflowIsCorruption) {
  std::string out;
  bool complete = true;
  EXPECT_TRUE(Dechunk("FFFFFFFFFFFFFFFF\r\nabc", &out, &complete).ok());  // legal, just short
  EXPECT_FALSE(complete);
  Status s = DechunkError("10000000000000000\r\nabc");
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("overflows"), std::string::npos) << s.ToString();
}

TEST(DechunkTest, DataNotFollowedByLineEndIsCorruption) {
  std::string out;
  bool complete = true;
  Status s = Dechunk("3\r\nabcdef\r\n0\r\n\r\n", &out, &complete);
  ASSERT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("chunk of 3 bytes at offset 3"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("offset 6"), std::string::npos) << s.ToString();
  EXPECT_EQ(out, "abc");  // what was decoded before the damage
  EXPECT_FALSE(complete);
}

TEST(DechunkTest, ErrorsAreSticky) {
  ChunkedDecoder d;
  std::string out;
  Status first = d.Feed("q\r\n", &out);
  ASSERT_TRUE(first.IsCorruption());
  EXPECT_EQ(d.Feed("0\r\n\r\n", &out).ToString(), first.ToString());
  EXPECT_EQ(d.Feed("", &out).ToString(), first.ToString());
  EXPECT_TRUE(out.empty());
}

TEST(DechunkTest, OverlongLinesAreNotBuffered) {
  ChunkedDecoder d;
  std::string out;
  std::string ext = "1;" + std::string(10000, 'e');
  Status s;
  for (size_t i = 0; i < ext.size() && s.ok(); i += 100) s = d.Feed(ext.substr(i, 100), &out);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("longer than"), std::string::npos) << s.ToString();

  std::string trailers = "0\r\n";
  for (int i = 0; i < 2000; ++i) trailers += "X-Trailer: " + std::string(40, 't') + "\r\n";
  s = DechunkError(trailers);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("trailer section exceeds"), std::string::npos) << s.ToString();
  EXPECT_TRUE(DechunkError("0\r\nnot a field\r\n\r\n").IsCorruption());
}

TEST(DechunkTest, WgetFixtureChunksOf100And7And333) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/wget-1.21.3-recursive-uncompressed.warc");
  std::string_view body =
      BodyAfterHead(RecordBlock(warc, "response", "<http://127.0.0.1:8765/chunked.html>"));
  ASSERT_TRUE(body.starts_with("64\r\n<!doctype html>")) << body.substr(0, 40);
  std::string out = MustDechunk(body);
  EXPECT_EQ(out.size(), 1090u);
  EXPECT_TRUE(out.starts_with("<!doctype html>\n<html><body><p>This body was sent"));
  EXPECT_TRUE(out.ends_with("</p></body></html>\n"));
  EXPECT_EQ(out.find('\r'), std::string::npos);  // no chunk framing leaked into the data
  ExpectSameByteByByte(body);
}

TEST(DechunkTest, WarcatBadChunkedContentIsAClearError) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/broken/warcat-bad_http_chunked_content.warc");
  std::string_view body = BodyAfterHead(RecordBlock(warc, "response", "title=AAAAAA"));
  // The size says 3 but only "aa" precedes the CRLF; the block then ends inside "0".
  ASSERT_EQ(body, "3\r\naa\r\n0");
  std::string out;
  bool complete = true;
  Status s = Dechunk(body, &out, &complete);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_FALSE(complete);
  EXPECT_EQ(s.message(),
            "chunk of 3 bytes at offset 3 is not followed by a line end: found '\\x0a' at "
            "offset 6 (the chunk size is wrong or the data is damaged)");
}

}  // namespace
}  // namespace warcrawl::warc
