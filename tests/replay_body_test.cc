#include "replay/replay_body.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace warcrawl::replay {
namespace {

std::string Gzip(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

ArchivedResponse Response(const std::string& type, const std::string& body,
                          std::vector<std::string> codings = {}) {
  ArchivedResponse r;
  r.capture.url = "http://blog.test/dir/page";
  r.capture.timestamp = "20240102030405";
  if (!type.empty()) r.headers.Add("Content-Type", type);
  r.entity_body = body;
  r.content_codings = std::move(codings);
  return r;
}

ReplayReply Prepare(ArchivedResponse response, std::string_view modifier,
                    std::string_view accept_encoding = "", std::string banner = "") {
  BodyContext context;
  context.collection = "c";
  context.timestamp = response.capture.timestamp;
  context.modifier = modifier;
  context.accept_encoding = accept_encoding;
  context.banner = std::move(banner);
  ReplayReply reply;
  PrepareReplayBody(&response, context, &reply);
  return reply;
}

TEST(ReplayBodyTest, ClassifiesByTypeAndSniffsOnlyClearHtml) {
  EXPECT_EQ(ClassifyBody(Response("text/html; charset=utf-8", "x")), BodyKind::kHtml);
  EXPECT_EQ(ClassifyBody(Response("Application/XHTML+XML", "x")), BodyKind::kHtml);
  EXPECT_EQ(ClassifyBody(Response("text/css", "x")), BodyKind::kCss);
  EXPECT_EQ(ClassifyBody(Response("text/plain", "<html>")), BodyKind::kOther);
  EXPECT_EQ(ClassifyBody(Response("", "\n <!DOCTYPE html><p>")), BodyKind::kHtml);
  EXPECT_EQ(ClassifyBody(Response("", "<p>maybe")), BodyKind::kOther);
}

TEST(ReplayBodyTest, PagesAreDecodedAndRewrittenWithTheBanner) {
  const std::string html = "<html><body><a href=\"/x\">x</a></body></html>";
  ReplayReply reply = Prepare(Response("text/html", Gzip(html), {"gzip"}), "", "gzip", "<b>B</b>");
  EXPECT_EQ(reply.body,
            "<html><body><b>B</b><a href=\"/c/20240102030405/http://blog.test/x\">x</a></body>"
            "</html>");
  EXPECT_EQ(reply.Header("Content-Encoding"), "") << "served decoded, even to a gzip client";
  EXPECT_EQ(reply.Header("Content-Type"), "text/html");
}

TEST(ReplayBodyTest, StylesheetsAreRewritten) {
  ReplayReply reply = Prepare(Response("text/css", "a{background:url(i.png)}"), "cs_");
  EXPECT_EQ(reply.body, "a{background:url(/c/20240102030405im_/http://blog.test/dir/i.png)}");
}

TEST(ReplayBodyTest, OriginalBytesKeepTheirCodingWhenTheClientTakesIt) {
  const std::string gz = Gzip("<html><a href=\"/x\">");
  ReplayReply kept = Prepare(Response("text/html", gz, {"gzip"}), "id_", "gzip, br");
  EXPECT_EQ(kept.body, gz);
  EXPECT_EQ(kept.Header("Content-Encoding"), "gzip");
  ReplayReply decoded = Prepare(Response("text/html", gz, {"gzip"}), "id_", "identity");
  EXPECT_EQ(decoded.body, "<html><a href=\"/x\">") << "decoded, and not rewritten";
  EXPECT_EQ(decoded.Header("Content-Encoding"), "");
}

TEST(ReplayBodyTest, Utf16PagesAreServedAsArchived) {
  const std::string utf16("\xff\xfe<\0a\0>\0", 8);
  EXPECT_EQ(Prepare(Response("text/html", utf16), "", "", "<b>B</b>").body, utf16);
  EXPECT_EQ(Prepare(Response("text/html; charset=UTF-16LE", "<a href=x>"), "").body, "<a href=x>");
}

TEST(ReplayBodyTest, UndecodableBodiesAreServedAsFarAsTheyDecodeWithANote) {
  std::string text;
  for (int i = 0; text.size() < 200000; ++i) text += std::to_string(i * 7919 % 100003) + " ";
  const std::string gz = Gzip(text);
  ReplayReply reply = Prepare(Response("text/plain", gz.substr(0, gz.size() / 2), {"gzip"}), "");
  EXPECT_NE(reply.Header("X-Archive-Replay-Note").find("content decoding"), std::string::npos);
  EXPECT_GT(reply.body.size(), 10000u);
  EXPECT_TRUE(text.starts_with(reply.body));
  ReplayReply unknown = Prepare(Response("text/plain", "zzz", {"compress"}), "");
  EXPECT_NE(unknown.Header("X-Archive-Replay-Note"), "");
}

}  // namespace
}  // namespace warcrawl::replay
