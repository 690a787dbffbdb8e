#include "warc/content_decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "tests/interop_files.h"
#include "tests/warc_test_files.h"

namespace warcrawl::warc {
namespace {

using test_files::BodyAfterHead;
using test_files::ReadFile;
using test_files::RecordBlock;

std::string Compress(std::string_view data, int window_bits, size_t copies = 1) {
  return warc::testing::CompressRepeated(data, window_bits, copies);
}

std::string Gzip(std::string_view data) { return Compress(data, 16 + MAX_WBITS); }

std::string SampleText() {
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "line " + std::to_string(i) + " of some compressible text\n";
  return text;
}

std::string MustDecode(const std::vector<std::string>& codings, std::string_view in,
                       size_t cap = 1 << 20) {
  std::string out = "stale";
  Status s = DecodeContent(codings, in, cap, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(DecodeContentTest, IdentityAndNoCodings) {
  EXPECT_EQ(MustDecode({}, "plain"), "plain");
  EXPECT_EQ(MustDecode({"identity"}, "plain"), "plain");
  EXPECT_EQ(MustDecode({"gzip"}, ""), "");  // e.g. a 304 that names its coding
  EXPECT_EQ(MustDecode({"br", "deflate"}, ""), "");
}

TEST(DecodeContentTest, GzipRoundTripAndAliases) {
  std::string text = SampleText();
  std::string gz = Gzip(text);
  ASSERT_LT(gz.size(), text.size() / 4);
  EXPECT_EQ(MustDecode({"gzip"}, gz), text);
  EXPECT_EQ(MustDecode({"GZIP"}, gz), text);
  EXPECT_EQ(MustDecode({"x-gzip"}, gz), text);
}

TEST(DecodeContentTest, GzipConcatenatedMembers) {
  EXPECT_EQ(MustDecode({"gzip"}, Gzip("first ") + Gzip("second ") + Gzip("third")),
            "first second third");
  // Bytes after the last member that are not another member are ignored, as browsers do.
  EXPECT_EQ(MustDecode({"gzip"}, Gzip("data") + std::string(7, '\0')), "data");
}

TEST(DecodeContentTest, DeflateZlibWrappedAndRaw) {
  std::string text = SampleText();
  EXPECT_EQ(MustDecode({"deflate"}, Compress(text, MAX_WBITS)), text);
  EXPECT_EQ(MustDecode({"deflate"}, Compress(text, -MAX_WBITS)), text);
  EXPECT_EQ(MustDecode({"deflate"}, Compress("x", -MAX_WBITS)), "x");
}

TEST(DecodeContentTest, CodingsAreUndoneInReverseOrder) {
  std::string text = SampleText();
  // Content-Encoding: deflate, gzip means deflate was applied first, then gzip.
  std::string twice = Gzip(Compress(text, MAX_WBITS));
  EXPECT_EQ(MustDecode({"deflate", "identity", "gzip"}, twice), text);
  std::string out;
  EXPECT_TRUE(DecodeContent({"gzip", "deflate"}, twice, 1 << 20, &out).IsCorruption());
}

TEST(DecodeContentTest, UnknownCodingIsNotSupported) {
  for (std::string coding : {"compress", "zstd", "gzip2"}) {
    std::string out = "stale";
    Status s = DecodeContent({"gzip", coding}, Gzip("x"), 1 << 20, &out);
    EXPECT_TRUE(s.IsNotSupported()) << s.ToString();
    std::string quoted = "'";
    quoted.append(coding).append("'");
    EXPECT_NE(s.message().find(quoted), std::string::npos) << s.ToString();
    EXPECT_TRUE(out.empty());
  }
}

TEST(DecodeContentTest, BombStopsAtTheCap) {
  const std::string mib(1 << 20, '\0');
  std::string bomb = Compress(mib, 16 + MAX_WBITS, 100);  // 100 MiB of zeros
  ASSERT_LT(bomb.size(), 200u * 1024);
  std::string out;
  Status s = DecodeContent({"gzip"}, bomb, 1 << 20, &out);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(s.message(), "decompressed size exceeds 1048576 bytes");
  EXPECT_TRUE(out.empty());
  EXPECT_LE(out.capacity(), size_t{2} << 20);

  // Exactly at the cap is fine; one byte under is not.
  std::string one = Compress(mib, 16 + MAX_WBITS);
  EXPECT_EQ(MustDecode({"gzip"}, one, mib.size()).size(), mib.size());
  EXPECT_TRUE(DecodeContent({"gzip"}, one, mib.size() - 1, &out).IsCorruption());
  EXPECT_TRUE(DecodeContent({}, "12345", 4, &out).IsCorruption());
  // An intermediate stage over the cap fails too.
  EXPECT_TRUE(DecodeContent({"deflate", "gzip"}, Gzip(Compress(mib, MAX_WBITS)), 1000, &out)
                  .IsCorruption());
}

TEST(DecodeContentTest, TruncatedInputKeepsWhatWasDecoded) {
  std::string text = SampleText();
  std::string gz = Gzip(text);
  std::string out;
  Status s = DecodeContent({"gzip"}, std::string_view(gz).substr(0, gz.size() / 2), 1 << 20, &out);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("truncated gzip data"), std::string::npos) << s.ToString();
  EXPECT_FALSE(out.empty());
  EXPECT_LT(out.size(), text.size());
  EXPECT_EQ(out, text.substr(0, out.size()));

  // The gzip trailer alone missing is still truncation.
  s = DecodeContent({"gzip"}, std::string_view(gz).substr(0, gz.size() - 4), 1 << 20, &out);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(out, text);
}

TEST(DecodeContentTest, DamagedInputIsCorruptionWithOffset) {
  std::string gz = Gzip(SampleText());
  gz[12] = static_cast<char>(gz[12] ^ 0xff);
  gz[13] = static_cast<char>(gz[13] ^ 0xff);
  std::string out;
  Status s = DecodeContent({"gzip"}, gz, 1 << 20, &out);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("corrupt gzip data at input offset"), std::string::npos)
      << s.ToString();
  EXPECT_TRUE(DecodeContent({"gzip"}, "not gzip at all", 1 << 20, &out).IsCorruption());
  EXPECT_TRUE(DecodeContent({"br"}, "\xff\xff\xff\xff not brotli", 1 << 20, &out).IsCorruption());
}

TEST(DecodeContentTest, BrotliFromInteropWarc) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/wget1.20.3-transfer_compression_brotli.warc");
  std::string_view br =
      BodyAfterHead(RecordBlock(warc, "response", "tokemon.sb.statsbiblioteket.dk/"));
  ASSERT_EQ(br.size(), 121u);
  std::string html = MustDecode({"br"}, br);
  EXPECT_EQ(html.size(), 0xf6u);  // Apache's ETag "f6-…-br" names the uncompressed size
  EXPECT_NE(html.find("<html"), std::string::npos) << html;

  std::string out;
  Status s = DecodeContent({"br"}, br.substr(0, 60), 1 << 20, &out);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("truncated br data"), std::string::npos) << s.ToString();
  EXPECT_EQ(out, html.substr(0, out.size()));
  EXPECT_TRUE(DecodeContent({"br"}, br, 100, &out).IsCorruption());
}

}  // namespace
}  // namespace warcrawl::warc
