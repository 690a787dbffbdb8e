#include "warc/http_message.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/interop_files.h"

namespace warcrawl::warc {
namespace {

using test_files::ReadFile;

HttpHead MustParse(std::string_view data, bool allow_unterminated = false) {
  HttpHead head;
  Status s = ParseHttpHead(data, &head, allow_unterminated);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return head;
}

TEST(ParseHttpHeadTest, Request) {
  std::string data = "GET /x?y=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\nBODY";
  HttpHead head = MustParse(data);
  EXPECT_TRUE(head.is_request);
  EXPECT_EQ(head.method, "GET");
  EXPECT_EQ(head.target, "/x?y=1");
  EXPECT_EQ(head.version, "HTTP/1.1");
  EXPECT_EQ(head.headers.Get("host"), "example.com");
  EXPECT_EQ(head.headers.entries().size(), 2u);
  EXPECT_EQ(head.head_length, data.size() - 4);
}

TEST(ParseHttpHeadTest, CustomMethod) {
  HttpHead head = MustParse("GETX /?example=2 HTTP/1.1\r\n\r\n");
  EXPECT_EQ(head.method, "GETX");
  EXPECT_EQ(head.target, "/?example=2");
}

TEST(ParseHttpHeadTest, StatusLines) {
  struct Case {
    std::string_view line;
    std::string_view version;
    int status;
    std::string_view reason;
  };
  for (const Case& c :
       {Case{"HTTP/1.1 200 OK", "HTTP/1.1", 200, "OK"}, Case{"HTTP/1.0 302 ", "HTTP/1.0", 302, ""},
        Case{"HTTP/1.1 200", "HTTP/1.1", 200, ""},
        Case{"HTTP/1.1 404 Not Here At All", "HTTP/1.1", 404, "Not Here At All"},
        Case{"HTTP/2 204 No Content", "HTTP/2", 204, "No Content"},
        Case{"HTTP/1.1 599 Custom: reason", "HTTP/1.1", 599, "Custom: reason"}}) {
    HttpHead head = MustParse(std::string(c.line) + "\r\nServer: x\r\n\r\n");
    EXPECT_FALSE(head.is_request) << c.line;
    EXPECT_EQ(head.version, c.version) << c.line;
    EXPECT_EQ(head.status, c.status) << c.line;
    EXPECT_EQ(head.reason, c.reason) << c.line;
    EXPECT_EQ(head.headers.Get("Server"), "x") << c.line;
  }
}

TEST(ParseHttpHeadTest, LineEndingsAllGiveTheSameFields) {
  for (std::string_view eol : {"\r\n", "\n", "\r\r\n"}) {
    std::string e(eol);
    std::string head_text = "HTTP/1.1 200 OK" + e + "A: 1" + e + "B:2 " + e + e;
    HttpHead head = MustParse(head_text + "body\r\n\r\nmore");
    EXPECT_EQ(head.head_length, head_text.size());
    ASSERT_EQ(head.headers.entries().size(), 2u);
    EXPECT_EQ(head.headers.Get("A"), "1");
    EXPECT_EQ(head.headers.Get("B"), "2");
  }
}

TEST(ParseHttpHeadTest, FoldedLinesJoin) {
  HttpHead head = MustParse("HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\n\tthree\r\nY: z\r\n\r\n");
  EXPECT_EQ(head.headers.Get("X-Long"), "one two three");
  EXPECT_EQ(head.headers.Get("Y"), "z");
}

TEST(ParseHttpHeadTest, RepeatedFieldsKeepOrder) {
  HttpHead head =
      MustParse("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nEmpty:\r\n\r\n");
  ASSERT_EQ(head.headers.GetAll("set-cookie").size(), 2u);
  EXPECT_EQ(head.headers.GetAll("set-cookie")[1], "b=2");
  EXPECT_EQ(head.headers.Get("Empty"), "");
}

TEST(ParseHttpHeadTest, UnterminatedHead) {
  HttpHead head;
  Status s = ParseHttpHead("HTTP/1.1 304 Not Modified\r\nETag: x\r\n", &head);
  EXPECT_TRUE(s.IsNotFound()) << s.ToString();
  EXPECT_EQ(s.message(), "no end of HTTP headers");

  std::string one_crlf = "HTTP/1.1 304 Not Modified\r\nETag: x\r\n";
  head = MustParse(one_crlf, true);
  EXPECT_EQ(head.head_length, one_crlf.size());
  EXPECT_EQ(head.headers.Get("ETag"), "x");

  std::string none = "HTTP/1.1 304 Not Modified\r\nETag: x";
  head = MustParse(none, true);
  EXPECT_EQ(head.head_length, none.size());
  EXPECT_EQ(head.headers.Get("ETag"), "x");

  head = MustParse("HTTP/1.1 200 OK", true);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.headers.empty());
}

TEST(ParseHttpHeadTest, EmptyInput) {
  HttpHead head;
  EXPECT_TRUE(ParseHttpHead("", &head).IsNotFound());
  EXPECT_TRUE(ParseHttpHead("", &head, true).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("\r\nHTTP/1.1 200 OK\r\n\r\n", &head).IsCorruption());
}

TEST(ParseHttpHeadTest, BadStatusCodesAreCorruption) {
  for (std::string_view line : {"HTTP/1.1 2000 OK", "HTTP/1.1 20 OK", "HTTP/1.1 abc OK", "HTTP/1.1",
                                "HTTP/x.y 200 OK", "HTTP/1.1 -20 OK"}) {
    HttpHead head;
    Status s = ParseHttpHead(std::string(line) + "\r\n\r\n", &head);
    EXPECT_TRUE(s.IsCorruption()) << line << ": " << s.ToString();
    EXPECT_NE(s.message().find(std::string(line)), std::string::npos) << s.ToString();
  }
}

TEST(ParseHttpHeadTest, GarbageLinesAreCorruptionNamingLineAndOffset) {
  HttpHead head;
  Status s = ParseHttpHead("HTTP/1.1 200 OK\r\nGood: yes\r\n<html>\x01\r\n\r\n", &head);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("offset 28"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("'<html>\\x01'"), std::string::npos) << s.ToString();

  EXPECT_TRUE(ParseHttpHead("hello world\r\n\r\n", &head).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("GET /\r\n\r\n", &head).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("G(T / HTTP/1.1\r\n\r\n", &head).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("HTTP/1.1 200 OK\r\n: novalue\r\n\r\n", &head).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("HTTP/1.1 200 OK\r\n folded-first\r\n\r\n", &head).IsCorruption());
  EXPECT_TRUE(ParseHttpHead("HTTP/1.1 200 OK\r\nHTTP/1.1 200 OK\r\n\r\n", &head).IsCorruption());
}

TEST(ParseHttpHeadTest, HeadSizeIsCapped) {
  std::string big = "HTTP/1.1 200 OK\r\n";
  while (big.size() < kMaxHttpHeadBytes + 10) big += "X-Filler: " + std::string(100, 'a') + "\r\n";
  HttpHead head;
  Status s = ParseHttpHead(big + "\r\n", &head);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_TRUE(ParseHttpHead(big, &head, true).IsCorruption());

  std::string fits = "HTTP/1.1 200 OK\r\nX: ";
  fits += std::string(kMaxHttpHeadBytes - fits.size() - 4, 'b') + "\r\n\r\n";
  ASSERT_EQ(fits.size(), kMaxHttpHeadBytes);
  EXPECT_TRUE(ParseHttpHead(fits + "body", &head).ok());
  EXPECT_EQ(head.head_length, kMaxHttpHeadBytes);
}

TEST(ParseHttpHeadTest, PywbCrCrLfFileWithNoReason) {
  std::string warc =
      ReadFile(WARCRAWL_SHARED_DIR "/interop/warcs/broken/pywb-missing-status-text.warc");
  size_t block = warc.find("\r\r\n\r\r\n");
  ASSERT_NE(block, std::string::npos);
  std::string_view data = std::string_view(warc).substr(block + 6);
  HttpHead head = MustParse(data);
  EXPECT_EQ(head.status, 302);
  EXPECT_EQ(head.reason, "");
  EXPECT_EQ(head.headers.Get("Location"), "http://www.iana.org/badst");
  EXPECT_EQ(DeclaredContentLength(head), 0u);
  EXPECT_EQ(head.headers.entries().size(), 4u);
}

HttpHead WithHeaders(std::string_view fields) {
  return MustParse("HTTP/1.1 200 OK\r\n" + std::string(fields) + "\r\n");
}

TEST(HttpHeadHelpersTest, IsChunked) {
  EXPECT_TRUE(IsChunked(WithHeaders("Transfer-Encoding: chunked\r\n")));
  EXPECT_TRUE(IsChunked(WithHeaders("Transfer-Encoding: gzip, CHUNKED\r\n")));
  EXPECT_TRUE(IsChunked(WithHeaders("transfer-encoding: gzip\r\nTransfer-Encoding: chunked\r\n")));
  EXPECT_TRUE(IsChunked(WithHeaders("Transfer-Encoding: chunked;x=1 ,\r\n")));
  EXPECT_FALSE(IsChunked(WithHeaders("Transfer-Encoding: chunked, gzip\r\n")));
  EXPECT_FALSE(IsChunked(WithHeaders("Transfer-Encoding: identity\r\n")));
  EXPECT_FALSE(IsChunked(WithHeaders("X-Transfer-Encoding: chunked\r\n")));
}

TEST(HttpHeadHelpersTest, ContentCodings) {
  EXPECT_TRUE(ContentCodings(WithHeaders("")).empty());
  EXPECT_EQ(ContentCodings(WithHeaders("Content-Encoding: GZip\r\n")),
            std::vector<std::string>{"gzip"});
  EXPECT_EQ(ContentCodings(WithHeaders("Content-Encoding: identity, deflate ,, BR\r\n"
                                       "Content-Encoding: gzip\r\n")),
            (std::vector<std::string>{"deflate", "br", "gzip"}));
}

TEST(HttpHeadHelpersTest, DeclaredContentLength) {
  EXPECT_EQ(DeclaredContentLength(WithHeaders("Content-Length: 123\r\n")), 123u);
  EXPECT_EQ(DeclaredContentLength(WithHeaders("Content-Length: 5, 5\r\nContent-Length: 5\r\n")),
            5u);
  EXPECT_EQ(DeclaredContentLength(WithHeaders("Content-Length: 18446744073709551615\r\n")),
            UINT64_MAX);
  for (std::string_view bad :
       {"", "Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: 6000, 5155\r\n",
        "Content-Length: abc\r\n", "Content-Length: -1\r\n", "Content-Length: +5\r\n",
        "Content-Length: 1 2\r\n", "Content-Length:\r\n",
        "Content-Length: 18446744073709551616\r\n"}) {
    EXPECT_FALSE(DeclaredContentLength(WithHeaders(bad)).has_value()) << bad;
  }
}

}  // namespace
}  // namespace warcrawl::warc
