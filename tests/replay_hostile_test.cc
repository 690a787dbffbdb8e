// The replay server with hostile requests mixed into ordinary traffic: huge request lines and
// headers, bad percent-escapes, `..` in paths and collection names, absurd timestamps, control
// bytes, bytes that are not HTTP at all. Every hostile request is answered with a 4xx (or, when
// it is not HTTP, the connection is closed), the ordinary clients keep getting their pages,
// and nothing outside the archive is ever served.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "replay/collection.h"
#include "replay/replay_server.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/raw_http_client.h"
#include "tests/fixtures/sample_blog.h"
#include "warc/unique_fd.h"

namespace warcrawl::replay {
namespace {

using fixtures::ParsedReply;
using fixtures::RawReply;
using warc::testing::TempDir;

constexpr std::string_view kSecret = "SECRET-BESIDE-THE-DATA-DIRECTORY";
constexpr std::string_view kPrivate = "PRIVATE-INSIDE-THE-DATA-DIRECTORY";

struct Hostile {
  std::string name;
  std::string bytes;
  bool http = true;      // false: not an HTTP request; closing without a reply is an answer too
  int status_class = 4;  // the expected status / 100
};

std::string Get(std::string_view target, std::string_view headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         std::string(headers) + "\r\n";
}

std::vector<Hostile> HostileRequests(const std::string& page_url, const std::string& root) {
  std::string many_headers;
  for (int i = 0; i < 5000; ++i) many_headers += "X-Filler-" + std::to_string(i) + ": aaaa\r\n";
  const std::string target = "/blog/2020/" + page_url;
  return {
      {"huge header line", Get(target, "X-Huge: " + std::string(100000, 'h') + "\r\n")},
      {"5000 header lines", Get(target, many_headers)},
      {"huge request line", Get("/blog/2020/http://a.test/" + std::string(100000, 'p'))},
      {"bad escapes in the url", Get("/blog/2020/http://a.test/%zz%4")},
      {"bad escape at the end", Get("/blog/2020/http://a.test/%")},
      {"escaped NUL", Get("/blog/2020/http://a.test/%00/etc/passwd")},
      {"raw control byte", Get(std::string("/blog/2020/http://a.test/\x01x"))},
      {"dot-dot path", Get("/../secret.txt")},
      {"dot-dot after collection", Get("/blog/../../secret.txt")},
      {"escaped dot-dot", Get("/%2e%2e/%2e%2e/secret.txt")},
      {"escaped slash dot-dot", Get("/blog/..%2f..%2fsecret.txt")},
      {"dot-dot collection", Get("/../2020/" + page_url)},
      {"escaped dot-dot collection", Get("/%2E%2E/2020/" + page_url)},
      {"hidden collection", Get("/.git/2020/" + page_url)},
      {"file url", Get("/blog/2020id_/file://" + root + "/secret.txt")},
      {"file url, private", Get("/blog/2020id_/file://" + root + "/data/private.txt")},
      {"20-digit timestamp", Get("/blog/99999999999999999999/" + page_url)},
      {"timestamp overflowing 64 bits", Get("/blog/18446744073709551616id_/" + page_url)},
      {"month 13", Get("/blog/20201340/" + page_url)},
      {"negative timestamp", Get("/blog/-1/" + page_url)},
      {"timemap of garbage", Get("/blog/timemap/link/%%%%")},
      {"cdx with absurd parameters",
       Get("/blog/cdx?url=&limit=-1&from=9999999999999999999999&filter=~url:(((((")},
      {"unknown method", "BREW /blog/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"},
      {"delete", "DELETE /blog/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"},
      {"absurd content-length",
       "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999\r\n"
       "Connection: close\r\n\r\n"},
      {"negative content-length",
       "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n"
       "Connection: close\r\n\r\nhello"},
      {"broken chunked body",
       "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
       "Connection: close\r\n\r\nzz\r\nnot a chunk\r\n"},
      {"version 9.9", "GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", true, 5},  // 505, RFC 9110
      {"no version", "GET /\r\n\r\n", false},
      {"not http", "GARBAGE\r\n\r\n", false},
      {"tls client hello", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), false},
      {"binary noise", std::string(4096, '\xff') + "\r\n\r\n", false},
  };
}

// A client that starts a request and never finishes it (slowloris).
UniqueFd StartSlowRequest(int port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  constexpr std::string_view kStart = "GET /blog/2020/http://a.test/ HTTP/1.1\r\nHost: 12";
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::send(fd.get(), kStart.data(), kStart.size(), MSG_NOSIGNAL) < 0) {
    ADD_FAILURE() << "could not start a slow request";
  }
  return fd;
}

// True once the server has closed `fd` (EOF or reset), waiting up to `limit`.
bool ClosedByServer(const UniqueFd& fd, std::chrono::milliseconds limit) {
  pollfd p{fd.get(), POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(limit.count())) != 1) return false;
  char c;
  return ::recv(fd.get(), &c, 1, 0) <= 0;
}

class ReplayHostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fixtures::BlogOptions options;
    options.posts = 2;
    options.crawl_delay = -1;
    blog_ = std::make_unique<fixtures::SampleBlog>(options);
    site_ = std::make_unique<fixtures::FixtureServer>(blog_.get());
    ASSERT_TRUE(site_->Start().ok());
    data_ = root_.File("data");
    const std::string yaml = "name: hostile-replay\nseeds: [\"" + site_->Url("/") +
                             "\"]\ncontact: \"mailto:t@example.test\"\nworkers: 2\n"
                             "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n";
    ASSERT_TRUE(testing::RunCrawl(yaml, data_).status.ok());
    post_ = site_->Url(blog_->PostUrls()[0]);
    auto captures = testing::CapturesUnder(data_, site_->Url("/"));
    ASSERT_FALSE(captures[post_].empty()) << post_;
    page_ = "/blog/" + captures[post_][0].timestamp + "/" + post_;
    site_->Stop();  // from here on only the archive can answer
    std::ofstream(root_.File("secret.txt")) << kSecret;
    std::ofstream(data_ + "/private.txt") << kPrivate;
    std::unique_ptr<Collection> collection;
    ASSERT_TRUE(Collection::Open("blog", data_, &collection).ok());
    ASSERT_TRUE(collections_.Add(std::move(collection)).ok());
  }

  TempDir root_;
  std::string data_;
  std::string post_;  // the first post's URL
  std::string page_;  // its capture's exact replay URL
  std::unique_ptr<fixtures::SampleBlog> blog_;
  std::unique_ptr<fixtures::FixtureServer> site_;
  CollectionSet collections_;
};

TEST_F(ReplayHostileTest, HostileRequestsGet4xxWhileOrdinaryClientsKeepTheirPages) {
  ReplayServerOptions options;
  options.port = 0;
  options.threads = 4;
  options.idle_timeout_seconds = 2;
  ReplayServer server(collections_, options);
  int port = 0;
  ASSERT_TRUE(server.Bind(&port).ok());
  std::thread runner([&] { EXPECT_TRUE(server.Run().ok()); });
  const std::string& page = page_;
  constexpr std::string_view kBanner = "wcr-banner";  // an archived page, rendered

  // Two ordinary readers replay the post over keep-alive connections the whole time.
  std::atomic<bool> done{false};
  std::atomic<int> served{0}, wrong{0};
  std::vector<std::thread> readers;
  readers.reserve(2);
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      while (!done) {
        auto reply = client.Get(page);
        if (reply && reply->status == 200 && reply->body.find(kBanner) != std::string::npos) {
          ++served;
        } else {
          ++wrong;
        }
      }
    });
  }

  // More stalled requests than the server has threads: they must hold none.
  std::vector<UniqueFd> slow;
  slow.reserve(64);
  for (int i = 0; i < 64; ++i) slow.push_back(StartSlowRequest(port));

  const auto hostile = HostileRequests(post_, root_.path());
  for (int round = 0; round < 3; ++round) {
    for (const Hostile& h : hostile) {
      RawReply raw;
      ASSERT_TRUE(fixtures::RawExchange("127.0.0.1", port, h.bytes, std::chrono::seconds(10),
                                        size_t{1} << 20, &raw)
                      .ok())
          << h.name;
      EXPECT_FALSE(raw.timed_out) << h.name << ": no answer and no close";
      EXPECT_EQ(raw.bytes.find(kSecret), std::string::npos) << h.name;
      EXPECT_EQ(raw.bytes.find(kPrivate), std::string::npos) << h.name;
      ParsedReply reply;
      if (!fixtures::ParseReply(raw.bytes, &reply).ok()) {
        EXPECT_FALSE(h.http) << h.name << ": closed without an answer";
        continue;
      }
      EXPECT_EQ(reply.status / 100, h.status_class) << h.name << ": " << reply.status;
    }
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(served, 0);
  EXPECT_EQ(wrong, 0) << "an ordinary reader was refused while hostile requests arrived";

  for (const UniqueFd& fd : slow) {
    EXPECT_TRUE(ClosedByServer(fd, std::chrono::seconds(30))) << "a stalled request was kept";
  }

  httplib::Client after("127.0.0.1", port);
  auto reply = after.Get(page);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200) << "still serving";
  server.Stop();
  runner.join();
}

}  // namespace
}  // namespace warcrawl::replay
