// PostBodyToQuery and PostToGetUrl against what warcio.js 2.4.11's postToGetUrl gives for
// the same request (each expected string was produced by running it under node), and the
// JavaScript text operations they rest on.
#include "index/post_query.h"

#include <gtest/gtest.h>

#include <string>

#include "index/js_text.h"
#include "index/json_query.h"

namespace warcrawl::index {
namespace {

constexpr std::string_view kForm = "application/x-www-form-urlencoded";

TEST(PostQueryTest, FormBodiesAreTheQueryAsTheyAre) {
  PostLookup l =
      PostToGetUrl("http://example.com/p", "POST",
                   "application/x-www-form-urlencoded; charset=UTF-8", "foo=bar&test=abc");
  EXPECT_EQ(l.request_body, "foo=bar&test=abc");
  EXPECT_EQ(l.url, "http://example.com/p?__wb_method=POST&foo=bar&test=abc");
  // A URL with a query gets "&"; the method is kept as written (SURT lowercases it).
  EXPECT_EQ(PostToGetUrl("http://e.com/?x=1", "PUT", kForm, "a=b").url,
            "http://e.com/?x=1&__wb_method=PUT&a=b");
}

TEST(PostQueryTest, TheKeyIsDecodedButReservedEscapesStay) {
  PostLookup l = PostToGetUrl("http://example.com/p", "POST", kForm, "q=%E4%BD%A0%26x&r=%2F");
  EXPECT_EQ(l.request_body, "q=%E4%BD%A0%26x&r=%2F");
  EXPECT_EQ(l.url, "http://example.com/p?__wb_method=POST&q=\xE4\xBD\xA0%26x&r=%2F");
  // decodeURI throws on a bad escape: the key keeps no query, the requestBody all of it.
  l = PostToGetUrl("http://example.com/p", "POST", kForm, "q=%E4%BD%A0%26x%zz");
  EXPECT_EQ(l.request_body, "q=%E4%BD%A0%26x%zz");
  EXPECT_EQ(l.url, "http://example.com/p?__wb_method=POST&");
}

TEST(PostQueryTest, BodiesAreDecodedAsTextDecoderDoes) {
  EXPECT_EQ(PostBodyToQuery(kForm,
                            "\xEF\xBB\xBF"
                            "a=\xFF"
                            "b"),
            "a=\xEF\xBF\xBD"
            "b");
}

TEST(PostQueryTest, JsonIsFlattenedToKeyValuePairs) {
  EXPECT_EQ(PostBodyToQuery("application/json",
                            R"({"a":1,"b":{"c":"x y","a":[true,null,""]},"2":0.000001,)"
                            R"("1":1e21,"a.2_":"z"})"),
            "1=1e%2B21&2=0.000001&a=1&c=x+y&a.2_=true&a.3_=null&a.2_.2_=z");
  EXPECT_EQ(PostBodyToQuery("application/json",
                            R"({"constructor":1,"constructor":2,"x":"\ud800","toString":[1,2,3]})"),
            "constructor=2&x=%EF%BF%BD&toString=1&toString.NaN_=3");
  EXPECT_EQ(PostBodyToQuery("application/json", R"([1,2,{"":3}])"), "=1&.2_=2&.3_=3");
  EXPECT_EQ(PostBodyToQuery("application/json", "not json"), "");
  PostLookup l = PostToGetUrl("http://example.com/p", "POST", "application/json", "{");
  EXPECT_EQ(l.request_body, "");
  EXPECT_EQ(l.url, "http://example.com/p?__wb_method=POST&");
}

TEST(PostQueryTest, TextPlainIsReadAsJson) {
  EXPECT_EQ(PostBodyToQuery("text/plain", R"({"k":"v"})"), "k=v");
  EXPECT_EQ(PostBodyToQuery("text/plain", "hello"), "");
  // Where JavaScript would run out of stack, text/plain falls back to base64.
  const std::string deep(kMaxJsonQueryDepth + 2, '[');
  std::string base64;
  for (size_t i = 0; i < deep.size() / 3; ++i) base64 += "W1tb";  // "[[["
  EXPECT_EQ(PostBodyToQuery("text/plain", deep), "__wb_post_data=" + base64);
  EXPECT_EQ(PostBodyToQuery("application/json", deep), "");
}

TEST(PostQueryTest, MultipartPartsGiveTheirFirstLine) {
  const std::string body =
      "------WebKitFormBoundaryabc\r\nContent-Disposition: form-data; name=\"first\"\r\n\r\n"
      "val one \r\n------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; "
      "name=\"file\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n"
      "------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"second\"\r\n\r\n"
      "two\r\nmore\r\n------WebKitFormBoundaryAbC--\r\n";
  EXPECT_EQ(PostBodyToQuery("multipart/form-data; boundary=----WebKitFormBoundaryAbC", body),
            "first=val+one&second=two");
  // No boundary: JavaScript splits on "undefined", so the body is one part.
  EXPECT_EQ(PostBodyToQuery("multipart/form-data", "--x\r\nname=\"a\"\r\n\r\nb\r\n--x--"), "a=b");
}

TEST(PostQueryTest, AnythingElseIsBase64) {
  EXPECT_EQ(PostBodyToQuery("image/png", "\x89PNG\xFF"), "__wb_post_data=iVBOR/8=");
  EXPECT_EQ(PostBodyToQuery("", ""), "__wb_post_data=");
  EXPECT_EQ(PostBodyToQuery("Application/JSON", R"({"a":1})"), "__wb_post_data=eyJhIjoxfQ==")
      << "the media type is compared as written";
}

TEST(PostQueryTest, TheQueryIsCutAt4096Utf16Units) {
  const std::string body = "a=" + std::string(4093, 'b') + "\xF0\x9F\x98\x80x";  // U+1F600
  PostLookup l = PostToGetUrl("http://e.com/?x=1", "PUT", kForm, body);
  // The cut falls inside the astral character: its high surrogate (0xD83D) is kept.
  EXPECT_EQ(l.request_body, "a=" + std::string(4093, 'b') + "\xED\xA0\xBD");
  EXPECT_EQ(js::Utf16Length(l.request_body), 4096u);
  EXPECT_EQ(l.url.size(), 4130u - 1 + 3) << "4130 UTF-16 units; the surrogate is 3 bytes";
}

TEST(JsTextTest, NumbersPrintAsJavaScriptPrintsThem) {
  EXPECT_EQ(js::NumberToString(1e21), "1e+21");
  EXPECT_EQ(js::NumberToString(1e20), "100000000000000000000");
  EXPECT_EQ(js::NumberToString(1e-7), "1e-7");
  EXPECT_EQ(js::NumberToString(0.000001), "0.000001");
  EXPECT_EQ(js::NumberToString(1.2e-6), "0.0000012");
  EXPECT_EQ(js::NumberToString(1.5e300), "1.5e+300");
  EXPECT_EQ(js::NumberToString(-0.0), "0");
  EXPECT_EQ(js::NumberToString(0.1), "0.1");
  EXPECT_EQ(js::NumberToString(9007199254740994.0), "9007199254740994");
}

TEST(JsTextTest, DecodeUriThrowsWhereJavaScriptDoes) {
  EXPECT_EQ(js::DecodeUri("a%20b%2Fc%3f"), "a b%2Fc%3f");
  EXPECT_EQ(js::DecodeUri("%C3%A9"), "\xC3\xA9");
  EXPECT_EQ(js::DecodeUri("%"), std::nullopt);
  EXPECT_EQ(js::DecodeUri("%C3"), std::nullopt);
  EXPECT_EQ(js::DecodeUri("%C0%AF"), std::nullopt) << "overlong";
  EXPECT_EQ(js::DecodeUri("%ED%A0%80"), std::nullopt) << "a surrogate";
  EXPECT_EQ(js::DecodeUri("%80"), std::nullopt);
}

TEST(JsTextTest, TrimTakesUnicodeSpace) {
  EXPECT_EQ(js::Trim("\xC2\xA0 x y\r\n\xE3\x80\x80"), "x y");
  EXPECT_EQ(js::Trim(" \t "), "");
}

}  // namespace
}  // namespace warcrawl::index
