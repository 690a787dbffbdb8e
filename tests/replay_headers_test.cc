#include "replay/replay_headers.h"

#include <gtest/gtest.h>

#include "replay/archive_url.h"
#include "replay/replies.h"

namespace warcrawl::replay {
namespace {

TEST(ReplayHeadersTest, ContentHeadersStayAndTheRestAreRenamed) {
  warc::HeaderFields archived;
  archived.Add("Content-Type", "text/html; charset=iso-8859-1");
  archived.Add("Set-Cookie", "session=1");
  archived.Add("Strict-Transport-Security", "max-age=1");
  archived.Add("content-security-policy", "default-src *");
  archived.Add("Transfer-Encoding", "chunked");
  archived.Add("Content-Length", "12");
  archived.Add("Content-Encoding", "gzip");
  archived.Add("Last-Modified", "Tue, 20 Mar 2001 20:35:00 GMT");
  HeaderList out = ReplayHeaders(archived);
  HeaderList expected = {
      {"Content-Type", "text/html; charset=iso-8859-1"},
      {"X-Archive-Orig-Set-Cookie", "session=1"},
      {"X-Archive-Orig-Strict-Transport-Security", "max-age=1"},
      {"X-Archive-Orig-content-security-policy", "default-src *"},
      {"X-Archive-Orig-Transfer-Encoding", "chunked"},
      {"X-Archive-Orig-Content-Length", "12"},
      {"X-Archive-Orig-Content-Encoding", "gzip"},
      {"Last-Modified", "Tue, 20 Mar 2001 20:35:00 GMT"},
  };
  EXPECT_EQ(out, expected);
}

TEST(ReplayHeadersTest, SafetyHeadersKeepEverythingOnTheReplayOrigin) {
  std::string csp;
  for (const auto& [name, value] : ReplaySafetyHeaders()) {
    if (name == "Content-Security-Policy") csp = value;
  }
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("form-action 'self'"), std::string::npos) << "not covered by default-src";
  EXPECT_EQ(csp.find("*"), std::string::npos);
  EXPECT_EQ(csp.find("http"), std::string::npos);
}

TEST(RepliesTest, GeneratedPagesEscapeArchivedText) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  EXPECT_EQ(SafeHref("/c/2020/http://x/?a=1&b=\"2\""), "/c/2020/http://x/?a=1&amp;b=&quot;2&quot;");
  EXPECT_EQ(SafeHref("//evil.test/"), "#");
  EXPECT_EQ(SafeHref("javascript:alert(1)"), "#");
  EXPECT_EQ(SafeHref(""), "#");
  EXPECT_EQ(EncodeUnsafeUrlBytes("/c/*/http://x/a b\r\nSet-Cookie: y\xc3\xa9"),
            "/c/*/http://x/a%20b%0D%0ASet-Cookie:%20y%C3%A9");
  EXPECT_EQ(RedirectReply("/a\r\nb").Header("Location"), "/a%0D%0Ab");
  EXPECT_EQ(DisplayTimestamp("20240102030405"), "2024-01-02 03:04:05");
  EXPECT_EQ(DisplayTimestamp("202401"), "2024-01");
  ReplayReply error = ErrorReply(404, "Missing <x>", "no <script>");
  EXPECT_EQ(error.status, 404);
  EXPECT_EQ(error.body.find("<script>"), std::string::npos);
  EXPECT_NE(error.body.find("no &lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace warcrawl::replay
