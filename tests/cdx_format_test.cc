// The CDXJ, CDX-11 and JSON line formats, byte for byte against lines warcio.js and pywb write
// (taken from their output for the interop corpus and from pywb's own tests), JSON escaping,
// and ParseCdxjLine: round trips, tolerance, and errors that name the problem.
#include "index/cdx_format.h"

#include <gtest/gtest.h>

#include <string>

namespace warcrawl::index {
namespace {

using warc::RecordType;

// warcio.js 2.4.11 `cdx-index` output, one line per shape: response, revisit, resource,
// sha256 hex digest, a POST paired with its request, a response with no Content-Type.
const char* const kWarcioLines[] = {
    R"(com,example)/ 20170306040206 {"url":"http://example.com/","mime":"text/html","status":"200","digest":"G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK","length":"1228","offset":"784","filename":"webrecorder3.7-example.warc.gz"})",
    R"(com,example)/ 20170306040348 {"url":"http://example.com/","mime":"warc/revisit","status":"200","digest":"G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK","length":"586","offset":"2621","filename":"webrecorder3.7-example.warc.gz"})",
    R"(com,example)/ 20170429013030 {"url":"http://example.com/","mime":"text/html; charset=utf-8","digest":"YXLHEZO6YIEPLHABGCQ2TM24WROPX6ZG","length":"977","offset":"802","filename":"webrecorder3.8-example-resource.warc.gz"})",
    R"(1,0,0,127:8765)/hello.html 20261128020000 {"url":"http://127.0.0.1:8765/hello.html","mime":"text/html","status":"200","digest":"218e2aed1c8e9679938f8cd95255d0c78d94015c19424373da90c80b24025766","length":"410","offset":"249","filename":"warcio.js-2.4.11-sha256.warc.gz"})",
    R"(org,httpbin)/post?__wb_method=post&foo=bar&test=abc 20140610000859 {"url":"http://httpbin.org/post","mime":"application/json","status":"200","digest":"M532K5WS4GY2H4OVZO6HRPOP47A7KDWU","length":"720","offset":"0","filename":"pywb-post-test.warc.gz","method":"POST","requestBody":"foo=bar&test=abc"})",
    R"(org,iana)/ 20140127171238 {"url":"http://iana.org","status":"302","digest":"3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ","length":"343","offset":"1858","filename":"pywb-liveweb-dupes.warc.gz"})",
};

CaptureEntry Response() {
  CaptureEntry e;
  e.urlkey = "com,example)/";
  e.timestamp = "20170306040206";
  e.url = "http://example.com/";
  e.mime = "text/html";
  e.status = 200;
  e.digest = "G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK";
  e.length = 1228;
  e.offset = 784;
  e.filename = "webrecorder3.7-example.warc.gz";
  return e;
}

CaptureEntry Parse(std::string_view line) {
  CaptureEntry e;
  Status s = ParseCdxjLine(line, &e);
  EXPECT_TRUE(s.ok()) << s.ToString() << "\n" << line;
  return e;
}

TEST(CdxFormatTest, CdxjIsWarciosLineByteForByte) {
  EXPECT_EQ(FormatCdxjLine(Response()), kWarcioLines[0]);
}

TEST(CdxFormatTest, WarcioLinesRoundTrip) {
  for (const char* line : kWarcioLines) EXPECT_EQ(FormatCdxjLine(Parse(line)), line);
  CaptureEntry post = Parse(kWarcioLines[4]);
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.request_body, "foo=bar&test=abc");
  EXPECT_EQ(Parse(kWarcioLines[1]).record_type, RecordType::kRevisit);
  EXPECT_EQ(Parse(kWarcioLines[5]).mime, "");
}

TEST(CdxFormatTest, Cdx11MatchesWarcioAndPywb) {
  // warcio.js --format cdx, and the header pywb's cdx-indexer writes.
  EXPECT_EQ(FormatCdx11Line(Response()),
            "com,example)/ 20170306040206 http://example.com/ text/html 200 "
            "G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK - - 1228 784 webrecorder3.7-example.warc.gz");
  EXPECT_EQ(kCdx11Header, " CDX N b a m s k r M S V g");
  // pywb's test_indexing: a revisit with no status, "-" for it.
  CaptureEntry r;
  r.urlkey = "com,example)/?example=1";
  r.timestamp = "20140103030341";
  r.url = "http://example.com?example=1";
  r.mime = "warc/revisit";
  r.digest = "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A";
  r.length = 553;
  r.offset = 1864;
  r.filename = "example.warc.gz";
  EXPECT_EQ(FormatCdx11Line(r),
            "com,example)/?example=1 20140103030341 http://example.com?example=1 warc/revisit - "
            "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A - - 553 1864 example.warc.gz");
}

TEST(CdxFormatTest, Cdx11FillsRedirectAndKeepsElevenFields) {
  CaptureEntry e;
  e.urlkey = "1,0,0,127:8765)/old";
  e.timestamp = "20261128020127";
  e.url = "http://127.0.0.1:8765/old";
  e.mime = "text/html";
  e.status = 301;
  e.redirect = "/page2.html";  // warcio.js writes "-"; wget's own CDX has it
  e.length = 504;
  e.offset = 9005;
  e.filename = "wget-1.21.3-recursive.warc.gz";
  EXPECT_EQ(FormatCdx11Line(e),
            "1,0,0,127:8765)/old 20261128020127 http://127.0.0.1:8765/old text/html 301 - "
            "/page2.html - 504 9005 wget-1.21.3-recursive.warc.gz");
  e.url = "http://a/b c\r\nd";
  e.filename = "my file.warc";
  EXPECT_EQ(FormatCdx11Line(e),
            "1,0,0,127:8765)/old 20261128020127 http://a/b%20c%0D%0Ad text/html 301 - "
            "/page2.html - 504 9005 my%20file.warc");
  EXPECT_EQ(FormatCdx11Line(CaptureEntry()), "- - - - - - - - 0 0 -");
}

TEST(CdxFormatTest, JsonIsPywbsOutputJson) {
  EXPECT_EQ(FormatJsonLine(Response()),
            R"({"urlkey": "com,example)/", "timestamp": "20170306040206", )"
            R"("url": "http://example.com/", "mime": "text/html", "status": "200", )"
            R"("digest": "G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK", "length": "1228", "offset": "784", )"
            R"("filename": "webrecorder3.7-example.warc.gz"})");
}

// Expected strings come from node's JSON.stringify(TextDecoder().decode(bytes)) and
// Python's json.dumps for the same text.
TEST(CdxFormatTest, StringsAreEscapedAsJavaScriptAndPythonDo) {
  CaptureEntry e;
  e.url = "q\"b\\\x01\x7f\u2028\u00e9\U0001F600\n\t\b\f\r";
  const std::string cdxj = FormatCdxjLine(e);
  EXPECT_NE(cdxj.find(R"("url":"q\"b\\\u0001)"
                      "\x7f\u2028\u00e9\U0001F600"
                      R"(\n\t\b\f\r")"),
            std::string::npos)
      << cdxj;
  const std::string json = FormatJsonLine(e);
  EXPECT_NE(json.find(R"("url": "q\"b\\\u0001\u007f\u2028\u00e9\ud83d\ude00\n\t\b\f\r")"),
            std::string::npos)
      << json;
}

TEST(CdxFormatTest, BadUtf8BecomesReplacementCharactersAsTextDecoderGivesThem) {
  auto url_of = [](std::string_view url) {
    CaptureEntry e;
    e.url = std::string(url);
    std::string line = FormatCdxjLine(e);
    size_t start = line.find("\"url\":\"") + 7;
    return line.substr(start, line.find('"', start) - start);
  };
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(url_of("\xE2\x82"
                   "A"),
            r + "A");
  EXPECT_EQ(url_of("\xFF"
                   "A"),
            r + "A");
  EXPECT_EQ(url_of("\xED\xA0\x80"), r + r + r);          // an encoded surrogate
  EXPECT_EQ(url_of("\xF4\x90\x80\x80"), r + r + r + r);  // above U+10FFFF
  EXPECT_EQ(url_of("\xE0\x80\xAF"), r + r + r);          // overlong
  EXPECT_EQ(url_of("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(url_of("\xC3"), r);
}

CaptureEntry Everything() {
  CaptureEntry e = Response();
  e.redirect = "/new";
  e.record_type = RecordType::kResource;
  e.refers_to_url = "http://example.com/orig";
  e.refers_to_timestamp = "20170101000000";
  e.method = "PUT";
  e.request_body = "x=1";
  e.role = PageRole::kCommentPage;
  e.post_url = "http://example.com/post";
  e.page_number = 4;
  return e;
}

TEST(CdxFormatTest, ExtendedFieldsFollowWarciosAndRoundTrip) {
  const CaptureEntry e = Everything();
  const std::string line = FormatCdxjLine(e, {.extended = true});
  EXPECT_NE(line.find(R"("filename":"webrecorder3.7-example.warc.gz","method":"PUT",)"
                      R"("requestBody":"x=1","redirect":"/new","warc-type":"resource",)"
                      R"("refers-to-url":"http://example.com/orig",)"
                      R"("refers-to-timestamp":"20170101000000","page-role":"comments",)"
                      R"("post-url":"http://example.com/post","page-number":"4"})"),
            std::string::npos)
      << line;
  EXPECT_EQ(Parse(line), e);
  // Without `extended` what warcio.js has no field for is left out.
  CaptureEntry plain = Parse(FormatCdxjLine(e));
  EXPECT_EQ(plain.redirect, "");
  EXPECT_EQ(plain.role, PageRole::kNone);
  EXPECT_EQ(plain.record_type, RecordType::kResponse);
}

TEST(CdxFormatTest, ParsingToleratesPywbLinesAndExtraFields) {
  CaptureEntry e =
      Parse(R"(com,example)/ 20140127171200 {"url": "http://example.com", "mime": "text/html", )"
            R"("status": "200", "digest": "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A", "length": "1046", )"
            R"("offset": "334", "mime-detected": "text/html", "source": {"a": [1, 2]}, )"
            R"("filename": "dupes.warc.gz"})"
            "\r\n");
  EXPECT_EQ(e.urlkey, "com,example)/");
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.length, 1046u);
  EXPECT_EQ(e.filename, "dupes.warc.gz");
  // Numbers as numbers, and the empty markers.
  e = Parse(R"(a)/ 20000101000000 {"offset":7,"length":8,"status":"-","mime":"-","digest":""})");
  EXPECT_EQ(e.offset, 7u);
  EXPECT_EQ(e.length, 8u);
  EXPECT_EQ(e.status, 0);
  EXPECT_EQ(e.mime, "");
  EXPECT_EQ(e.digest, "");
  e = Parse(R"(a)/ 20000101000000 {"status":"","warc-type":"conversion","url":null})");
  EXPECT_EQ(e.status, 0);
  EXPECT_EQ(e.record_type, RecordType::kConversion);
}

void ExpectError(std::string_view line, std::string_view words) {
  CaptureEntry out;
  out.url = "untouched";
  Status s = ParseCdxjLine(line, &out);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString() << "\n" << line;
  EXPECT_NE(s.message().find(words), std::string::npos) << s.message();
  EXPECT_EQ(out.url, "untouched");
}

TEST(CdxFormatTest, ParseErrorsNameTheProblem) {
  ExpectError("", "no urlkey followed by a space");
  ExpectError(" 20000101000000 {}", "no urlkey");
  ExpectError("a)/", "no urlkey followed by a space");
  ExpectError("a)/ 20000101000000", "no space after the timestamp");
  ExpectError("a)/ 2000 {}", "timestamp '2000' is not 14 digits");
  ExpectError("a)/ 2000010100000x {}", "is not 14 digits");
  ExpectError("a)/ 20000101000000 [1]", "expected '{' at byte 19, found '[1]'");
  ExpectError(R"(a)/ 20000101000000 {"url":})", "bad JSON at byte 26");
  ExpectError(R"(a)/ 20000101000000 {"url":"x"} trailing)", "bad JSON");
  ExpectError(R"(a)/ 20000101000000 {"url":"x)", "bad JSON");
  ExpectError("a)/ 20000101000000 {\"url\":\"\xff\"}", "bad JSON");
  ExpectError(R"(a)/ 20000101000000 {"url":5})", "field \"url\" is not a string");
  ExpectError(R"(a)/ 20000101000000 {"offset":-1})", "field \"offset\" is -1, not a count");
  ExpectError(R"(a)/ 20000101000000 {"offset":1.5})", "not a count");
  ExpectError(R"(a)/ 20000101000000 {"offset":"12a"})", "field \"offset\" is '12a'");
  ExpectError(R"(a)/ 20000101000000 {"length":"99999999999999999999999"})", "not a count");
  ExpectError(R"(a)/ 20000101000000 {"status":"1000"})", "field \"status\" is 1000, above 999");
  ExpectError(R"(a)/ 20000101000000 {"page-number":4294967296})", "above 4294967295");
  ExpectError(R"(a)/ 20000101000000 {"page-role":"sidebar"})", "'sidebar', not a role");
  ExpectError("a)/ 20000101000000 {\"url\":\"" + std::string(kMaxCdxjLine, 'x') + "\"}",
              "over the limit");
}

TEST(CdxFormatTest, DeepNestingIsRejectedOrSkippedWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CaptureEntry out;
  Status s = ParseCdxjLine("a)/ 20000101000000 {\"x\":" + deep + "}", &out);
  EXPECT_TRUE(s.ok()) << s.ToString();  // an unknown field, skipped
  s = ParseCdxjLine("a)/ 20000101000000 {\"x\":" + std::string(100000, '[') + "}", &out);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
}

}  // namespace
}  // namespace warcrawl::index
