// The fetcher against a loopback server: it keeps the wire form (chunked framing and
// Content-Encoding intact), records the request as sent, follows no redirect, and every
// limit cuts a fetch with the reason a WARC record needs.
#include "crawler/fetcher.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <set>
#include <thread>

#include "warc/http_payload.h"

namespace warcrawl::crawler {
namespace {

using std::chrono::milliseconds;

const std::string kDefaultEncodings = FetchRequest().accept_encoding;

std::string Gzip(std::string_view text) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/plain", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<p>hello</p>", "text/html");
    });
    server_.Get("/chunked-gzip", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_chunked_content_provider("application/octet-stream",
                                       [this](size_t, httplib::DataSink& sink) {
                                         std::string gz = Gzip(chunked_text_);
                                         size_t half = gz.size() / 2;
                                         sink.write(gz.data(), half);
                                         sink.write(gz.data() + half, gz.size() - half);
                                         sink.done();
                                         return true;
                                       });
    });
    server_.Get("/redirect", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/plain", 302);
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(100000, 'x'), "text/plain");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(milliseconds(1500));
      res.set_content("late", "text/plain");
    });
    server_.Get("/echo-ua", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.get_header_value("User-Agent") + "|" + req.get_header_value("X-Extra"),
                      "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }

  std::string Url(std::string_view path) {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }

  // Runs one fetch to completion.
  FetchResult Fetch(FetchRequest request) {
    std::vector<FetchResult> done;
    Fetcher fetcher([&](FetchResult&& r) { done.push_back(std::move(r)); });
    if (request.user_agent.empty()) request.user_agent = "warcrawl-test/1 (+http://x.test/)";
    // The server compresses whatever it may; identity keeps these bodies readable.
    if (request.accept_encoding == kDefaultEncodings) request.accept_encoding = "";
    Status s = fetcher.Start(request);
    EXPECT_TRUE(s.ok()) << s.ToString();
    while (done.empty() && s.ok()) EXPECT_TRUE(fetcher.Poll(milliseconds(100)).ok());
    return done.empty() ? FetchResult() : std::move(done.front());
  }

  FetchResult Fetch(std::string_view path) {
    FetchRequest r;
    r.url = Url(path);
    return Fetch(r);
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::string chunked_text_ = std::string(5000, 'a') + "<a href=/x>x</a>";
};

TEST_F(FetcherTest, PlainResponseAndRequestAsSent) {
  FetchResult r = Fetch("/plain");
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.status_code, 200);
  EXPECT_EQ(r.response_body, "<p>hello</p>");
  EXPECT_EQ(r.response_head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r.response_head;
  EXPECT_TRUE(r.response_head.ends_with("\r\n\r\n"));
  EXPECT_EQ(r.request_head.rfind("GET /plain HTTP/1.1\r\n", 0), 0u) << r.request_head;
  EXPECT_NE(r.request_head.find("User-Agent: warcrawl-test/1 (+http://x.test/)\r\n"),
            std::string::npos);
  EXPECT_TRUE(r.request_head.ends_with("\r\n\r\n"));
  EXPECT_EQ(r.ip_address, "127.0.0.1");
  EXPECT_TRUE(r.truncated.empty());
}

TEST_F(FetcherTest, KeepsChunkedFramingAndGzipAsReceived) {
  FetchRequest req;
  req.url = Url("/chunked-gzip");
  req.accept_encoding = "gzip";
  FetchResult r = Fetch(req);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_NE(r.response_head.find("Transfer-Encoding: chunked"), std::string::npos);
  // Chunk-size lines are in the body: it is the wire form, not the entity.
  EXPECT_NE(r.response_body.find("\r\n"), std::string::npos);
  EXPECT_TRUE(r.response_body.ends_with("0\r\n\r\n"));
  warc::HttpPayload payload;
  ASSERT_TRUE(warc::ExtractHttpPayload(r.response_head + r.response_body, {}, &payload).ok());
  EXPECT_TRUE(payload.chunked);
  EXPECT_EQ(payload.entity_body, Gzip(chunked_text_)) << "de-chunked but still gzip";
  EXPECT_EQ(payload.decoded, chunked_text_);
}

TEST_F(FetcherTest, RedirectsAreNotFollowed) {
  FetchResult r = Fetch("/redirect");
  ASSERT_TRUE(r.error.ok());
  EXPECT_EQ(r.status_code, 302);
  EXPECT_NE(r.response_head.find("Location: /plain"), std::string::npos);
}

TEST_F(FetcherTest, MaxBodySizeCutsAndSaysLength) {
  FetchRequest req;
  req.url = Url("/big");
  req.limits.max_body_bytes = 1000;
  FetchResult r = Fetch(req);
  EXPECT_FALSE(r.error.ok());
  EXPECT_EQ(r.status_code, 200) << "the head arrived: the capture is kept";
  EXPECT_EQ(r.response_body.size(), 1000u);
  EXPECT_EQ(r.truncated, "length");
  EXPECT_EQ(r.failure, FetchFailure::kTooLarge);
}

TEST_F(FetcherTest, FirstByteDeadline) {
  FetchRequest req;
  req.url = Url("/slow");
  req.limits.first_byte_timeout = milliseconds(200);
  FetchResult r = Fetch(req);
  EXPECT_FALSE(r.has_response());
  EXPECT_EQ(r.failure, FetchFailure::kTimeout);
  EXPECT_NE(r.error.ToString().find("no response within 200 ms"), std::string::npos)
      << r.error.ToString();
}

TEST_F(FetcherTest, ExtraHeadersAreSent) {
  FetchRequest req;
  req.url = Url("/echo-ua");
  req.user_agent = "warcrawl/0.1 (+mailto:a@b.test)";
  req.extra_headers = {"X-Extra: yes"};
  FetchResult r = Fetch(req);
  EXPECT_EQ(r.response_body, "warcrawl/0.1 (+mailto:a@b.test)|yes");
}

TEST_F(FetcherTest, RefusedConnectionIsAConnectFailure) {
  FetchRequest req;
  req.url = "http://127.0.0.1:1/";  // nothing listens on port 1
  FetchResult r = Fetch(req);
  EXPECT_FALSE(r.has_response());
  EXPECT_EQ(r.failure, FetchFailure::kConnect);
}

TEST_F(FetcherTest, RejectsNonHttpUrls) {
  Fetcher fetcher([](FetchResult&&) {});
  FetchRequest req;
  req.url = "file:///etc/passwd";
  EXPECT_TRUE(fetcher.Start(req).IsInvalidArgument());
  req.url = "ftp://127.0.0.1/";
  EXPECT_TRUE(fetcher.Start(req).IsInvalidArgument());
}

TEST_F(FetcherTest, ManyFetchesInParallelOnOneLoop) {
  std::vector<FetchResult> done;
  Fetcher fetcher([&](FetchResult&& r) { done.push_back(std::move(r)); });
  for (uint64_t i = 1; i <= 20; ++i) {
    FetchRequest req;
    req.id = i;
    req.url = Url(i % 2 ? "/plain" : "/chunked-gzip");
    req.user_agent = "t";
    ASSERT_TRUE(fetcher.Start(req).ok());
  }
  while (done.size() < 20) ASSERT_TRUE(fetcher.Poll(milliseconds(100)).ok());
  std::set<uint64_t> ids;
  for (const FetchResult& r : done) {
    EXPECT_TRUE(r.error.ok()) << r.error.ToString();
    ids.insert(r.id);
  }
  EXPECT_EQ(ids.size(), 20u);
  EXPECT_EQ(fetcher.in_flight(), 0u);
}

}  // namespace
}  // namespace warcrawl::crawler
