#include "warc/digest.h"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

namespace warcrawl::warc {
namespace {

std::string FromHex(std::string_view hex) {
  std::string raw;
  EXPECT_TRUE(HexDecode(hex, &raw).ok()) << hex;
  return raw;
}

TEST(DigesterTest, KnownVectors) {
  EXPECT_EQ(Base32Encode(ComputeDigest(DigestAlgorithm::kSha1, "")),
            "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(HexEncode(ComputeDigest(DigestAlgorithm::kSha1, "abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexEncode(ComputeDigest(DigestAlgorithm::kSha256, "abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(ComputeDigest(DigestAlgorithm::kMd5, "abc")),
            "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(HexEncode(ComputeDigest(DigestAlgorithm::kSha384, "abc")),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
            "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(HexEncode(ComputeDigest(DigestAlgorithm::kSha512, "abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(DigesterTest, IncrementalEqualsOneShotAndFinishResets) {
  Digester d(DigestAlgorithm::kSha256);
  d.Update("a");
  d.Update("");
  d.Update("bc");
  EXPECT_EQ(d.Finish(), ComputeDigest(DigestAlgorithm::kSha256, "abc"));
  d.Update("abc");  // reused after Finish: must not include the earlier input
  EXPECT_EQ(d.Finish(), ComputeDigest(DigestAlgorithm::kSha256, "abc"));
  EXPECT_EQ(d.Finish(), ComputeDigest(DigestAlgorithm::kSha256, ""));
}

TEST(DigesterTest, MovesKeepState) {
  static_assert(!std::is_copy_constructible_v<Digester>);
  static_assert(std::is_nothrow_move_constructible_v<Digester>);
  Digester a(DigestAlgorithm::kSha1);
  a.Update("ab");
  Digester b(std::move(a));
  b.Update("c");
  Digester c(DigestAlgorithm::kMd5);
  c = std::move(b);
  EXPECT_EQ(c.algorithm(), DigestAlgorithm::kSha1);
  EXPECT_EQ(c.Finish(), ComputeDigest(DigestAlgorithm::kSha1, "abc"));
}

TEST(DigestSizeTest, MatchesOutput) {
  for (auto alg : {DigestAlgorithm::kMd5, DigestAlgorithm::kSha1, DigestAlgorithm::kSha256,
                   DigestAlgorithm::kSha384, DigestAlgorithm::kSha512}) {
    EXPECT_EQ(ComputeDigest(alg, "x").size(), DigestSize(alg)) << DigestLabel(alg);
  }
}

// RFC 4648 section 10 test vectors.
TEST(EncodingTest, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> base32[] = {{"", ""},
                                                                  {"f", "MY======"},
                                                                  {"fo", "MZXQ===="},
                                                                  {"foo", "MZXW6==="},
                                                                  {"foob", "MZXW6YQ="},
                                                                  {"fooba", "MZXW6YTB"},
                                                                  {"foobar", "MZXW6YTBOI======"}};
  for (const auto& [plain, encoded] : base32) {
    EXPECT_EQ(Base32Encode(plain), encoded);
    std::string raw;
    ASSERT_TRUE(Base32Decode(encoded, &raw).ok()) << encoded;
    EXPECT_EQ(raw, plain);
  }
  const std::pair<std::string_view, std::string_view> base64[] = {
      {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : base64) {
    std::string raw;
    ASSERT_TRUE(Base64Decode(encoded, &raw).ok()) << encoded;
    EXPECT_EQ(raw, plain);
  }
  EXPECT_EQ(HexEncode("\x01\xab\xff"), "01abff");
}

TEST(EncodingTest, RoundTripsAllByteValues) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (size_t len = 0; len <= 20; ++len) {
    std::string in = all.substr(len * 7, len);
    std::string back;
    ASSERT_TRUE(Base32Decode(Base32Encode(in), &back).ok());
    EXPECT_EQ(back, in);
    back.clear();
    ASSERT_TRUE(HexDecode(HexEncode(in), &back).ok());
    EXPECT_EQ(back, in);
  }
}

TEST(EncodingTest, DecodersAreLenientAboutCaseAndPadding) {
  std::string a, b, c, d;
  ASSERT_TRUE(Base32Decode("mzxw6ytboi", &a).ok());
  EXPECT_EQ(a, "foobar");
  ASSERT_TRUE(HexDecode("01ABff", &b).ok());
  EXPECT_EQ(b, "\x01\xab\xff");
  ASSERT_TRUE(Base64Decode("Zg", &c).ok());
  EXPECT_EQ(c, "f");
  ASSERT_TRUE(Base64UrlDecode("-_8", &d).ok());
  EXPECT_EQ(d, "\xfb\xff");
}

TEST(EncodingTest, DecodersRejectGarbageWithOffset) {
  std::string raw;
  Status s = Base32Decode("MZX1", &raw);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("offset 3"), std::string::npos) << s.ToString();
  EXPECT_TRUE(raw.empty());
  EXPECT_TRUE(Base32Decode("MZXW6Y=", &raw).IsInvalidArgument());  // padding to 7 chars
  EXPECT_TRUE(Base32Decode("M", &raw).IsInvalidArgument());        // 5 bits is no byte
  EXPECT_TRUE(HexDecode("abc", &raw).IsInvalidArgument());
  EXPECT_TRUE(HexDecode("zz", &raw).IsInvalidArgument());
  EXPECT_TRUE(Base64Decode("Z", &raw).IsInvalidArgument());
  EXPECT_TRUE(Base64Decode("-_8=", &raw).IsInvalidArgument());  // url alphabet in std
  EXPECT_TRUE(Base64UrlDecode("+/8=", &raw).IsInvalidArgument());
  EXPECT_TRUE(Base64Decode("Zg=a", &raw).IsInvalidArgument());
  EXPECT_TRUE(raw.empty());
}

TEST(FormatDigestTest, WriterSpelling) {
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kSha1, ComputeDigest(DigestAlgorithm::kSha1, "")),
            "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kSha256, ComputeDigest(DigestAlgorithm::kSha256, "abc")),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(FormatDigest(DigestAlgorithm::kMd5, ComputeDigest(DigestAlgorithm::kMd5, "abc")),
            "md5:900150983cd24fb0d6963f7d28e17f72");
}

TEST(ParseDigestTest, EveryEncodingOfSha1OfEmptyAgrees) {
  const std::string expected = FromHex("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  for (std::string_view value : {
           "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",
           "SHA1:3i42h3s6nnfq2msvx7xzkyayscx5qbyj",
           "sha-1:da39a3ee5e6b4b0d3255bfef95601890afd80709",
           "Sha-1:DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
           "sha1:2jmj7l5rSw0yVb/vlWAYkK/YBwk=",  // base64, as in warcio's fixture
           "sha1:2jmj7l5rSw0yVb/vlWAYkK/YBwk",
           "sha1:2jmj7l5rSw0yVb_vlWAYkK_YBwk=",  // base64url
           " sha1: 3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ ",
       }) {
    ParsedDigest d;
    ASSERT_TRUE(ParseDigest(value, &d).ok()) << value;
    EXPECT_EQ(d.algorithm, DigestAlgorithm::kSha1) << value;
    EXPECT_EQ(d.raw, expected) << value;
  }
}

TEST(ParseDigestTest, Sha256InHexAndPaddedBase32) {
  const std::string expected = ComputeDigest(DigestAlgorithm::kSha256, "");
  for (std::string_view value : {
           "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
           "sha-256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====",  // warcio.js
           "SHA-256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ",
       }) {
    ParsedDigest d;
    ASSERT_TRUE(ParseDigest(value, &d).ok()) << value;
    EXPECT_EQ(d.algorithm, DigestAlgorithm::kSha256);
    EXPECT_EQ(d.raw, expected) << value;
  }
}

TEST(ParseDigestTest, Md5HexAndPaddedBase32HaveTheSameLength) {
  const std::string raw = ComputeDigest(DigestAlgorithm::kMd5, "abc");
  for (const std::string& value : {"md5:" + HexEncode(raw), "MD5:" + Base32Encode(raw),
                                   FormatDigest(DigestAlgorithm::kMd5, raw)}) {
    ParsedDigest d;
    ASSERT_TRUE(ParseDigest(value, &d).ok()) << value;
    EXPECT_EQ(d.raw, raw) << value;
  }
}

TEST(ParseDigestTest, RoundTripsEveryAlgorithm) {
  for (auto alg : {DigestAlgorithm::kMd5, DigestAlgorithm::kSha1, DigestAlgorithm::kSha256,
                   DigestAlgorithm::kSha384, DigestAlgorithm::kSha512}) {
    std::string raw = ComputeDigest(alg, "payload");
    ParsedDigest d;
    ASSERT_TRUE(ParseDigest(FormatDigest(alg, raw), &d).ok());
    EXPECT_EQ(d.algorithm, alg);
    EXPECT_EQ(d.raw, raw);
  }
}

TEST(ParseDigestTest, RejectsBadInput) {
  ParsedDigest d;
  EXPECT_TRUE(ParseDigest("sha3:abcd", &d).IsNotSupported());
  EXPECT_TRUE(ParseDigest("crc32:abcd", &d).IsNotSupported());
  EXPECT_TRUE(ParseDigest("3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", &d).IsInvalidArgument());
  // warcio's deliberately invalid payload digest: '1' is not base32.
  Status s = ParseDigest("sha1:1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", &d);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("'1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ'"), std::string::npos)
      << s.ToString();
  // Valid encodings, wrong length for the algorithm.
  EXPECT_TRUE(ParseDigest("sha1:MZXW6YTBOI======", &d).IsInvalidArgument());
  EXPECT_TRUE(
      ParseDigest("sha256:da39a3ee5e6b4b0d3255bfef95601890afd80709", &d).IsInvalidArgument());
  EXPECT_TRUE(ParseDigest("sha1:", &d).IsInvalidArgument());
}

}  // namespace
}  // namespace warcrawl::warc
