#include "crawler/frontier.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/warc_test_files.h"

namespace warcrawl::crawler {
namespace {

CrawlUrl Url(std::string url, uint8_t priority = 1) {
  CrawlUrl u;
  u.url = std::move(url);
  u.priority = priority;
  return u;
}

std::unique_ptr<Frontier> OpenOrDie(const std::string& dir) {
  std::unique_ptr<Frontier> f;
  Status s = Frontier::Open(dir, &f);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return f;
}

std::string TakeUrl(Frontier* f, std::string_view origin, uint64_t* ticket) {
  CrawlUrl u;
  Status s = f->Take(origin, &u, ticket);
  return s.ok() ? u.url : "(" + s.ToString() + ")";
}

TEST(FrontierTest, CanonicalFormsAreQueuedOnce) {
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added = false;
  ASSERT_TRUE(f->Add(Url("http://Example.com:80/a/./b#frag"), &added).ok());
  EXPECT_TRUE(added);
  for (const char* same :
       {"http://example.com/a/b", "HTTP://EXAMPLE.COM/a/b#x", "http://example.com/a/c/../b"}) {
    ASSERT_TRUE(f->Add(Url(same), &added).ok());
    EXPECT_FALSE(added) << same;
  }
  ASSERT_TRUE(f->Add(Url("http://example.com/a/B"), &added).ok());
  EXPECT_TRUE(added) << "path case matters";
  EXPECT_EQ(f->counts().queued, 2u);
  // The queue keeps the URL as it will be fetched.
  uint64_t ticket = 0;
  EXPECT_EQ(TakeUrl(f.get(), "http://example.com", &ticket), "http://Example.com:80/a/./b#frag");
}

TEST(FrontierTest, RejectsNonHttpUrls) {
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added = true;
  EXPECT_FALSE(f->Add(Url("mailto:someone@example.com"), &added).ok());
  EXPECT_FALSE(f->Add(Url("not a url"), &added).ok());
  EXPECT_EQ(f->counts().queued, 0u);
}

TEST(FrontierTest, PriorityZeroFirstThenFifoPerOrigin) {
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added;
  for (const char* u : {"http://a.test/1", "http://b.test/1", "http://a.test/2"}) {
    ASSERT_TRUE(f->Add(Url(u), &added).ok());
  }
  ASSERT_TRUE(f->Add(Url("http://a.test/robots.txt", 0), &added).ok());
  EXPECT_EQ(f->queued_by_origin().at("http://a.test"), 3u);
  EXPECT_EQ(f->queued_by_origin().at("http://b.test"), 1u);
  uint64_t t1, t2, t3, t4;
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t1), "http://a.test/robots.txt");
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t2), "http://a.test/1");
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t3), "http://a.test/2");
  CrawlUrl none;
  EXPECT_TRUE(f->Take("http://a.test", &none, &t4).IsNotFound());
  EXPECT_FALSE(f->queued_by_origin().contains("http://a.test"));
  EXPECT_EQ(f->counts().in_flight, 3u);
}

TEST(FrontierTest, TakesInPriorityOrderWhileQueuesGrowAndEmpty) {
  // Take resumes each queue after the last URL it took from it: URLs queued between takes,
  // at any priority, and a queue that empties and fills again are still taken in order.
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added;
  uint64_t t;
  ASSERT_TRUE(f->Add(Url("http://a.test/1"), &added).ok());
  ASSERT_TRUE(f->Add(Url("http://a.test/2"), &added).ok());
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t), "http://a.test/1");
  ASSERT_TRUE(f->Add(Url("http://a.test/e", 0), &added).ok());
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t), "http://a.test/e");
  ASSERT_TRUE(f->Add(Url("http://a.test/z", 7), &added).ok());
  ASSERT_TRUE(f->Add(Url("http://a.test/3"), &added).ok());
  ASSERT_TRUE(f->Add(Url("http://a.test/f", 0), &added).ok());
  for (const char* next :
       {"http://a.test/f", "http://a.test/2", "http://a.test/3", "http://a.test/z"})
    EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t), next);
  CrawlUrl none;
  EXPECT_TRUE(f->Take("http://a.test", &none, &t).IsNotFound());
  ASSERT_TRUE(f->Add(Url("http://a.test/4"), &added).ok());
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &t), "http://a.test/4");
  EXPECT_EQ(f->counts().queued, 0u);
  EXPECT_EQ(f->counts().in_flight, 7u);
}

TEST(FrontierTest, FinishQueuesOnlyUnseenDiscoveries) {
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added;
  ASSERT_TRUE(f->Add(Url("http://a.test/"), &added).ok());
  uint64_t ticket;
  ASSERT_EQ(TakeUrl(f.get(), "http://a.test", &ticket), "http://a.test/");
  std::vector<CrawlUrl> found = {Url("http://a.test/"), Url("http://a.test/x"),
                                 Url("http://a.test/x#again"), Url("http://c.test/y"),
                                 Url("javascript:void(0)")};
  size_t n = 0;
  ASSERT_TRUE(f->Finish(ticket, false, found, &n).ok());
  EXPECT_EQ(n, 2u);
  FrontierCounts c = f->counts();
  EXPECT_EQ(c.done, 1u);
  EXPECT_EQ(c.queued, 2u);
  EXPECT_EQ(c.in_flight, 0u);
  EXPECT_FALSE(f->Finish(ticket, false, {}, &n).ok()) << "a ticket ends once";
}

TEST(FrontierTest, RequeueMovesToTheTail) {
  warc::testing::TempDir dir;
  auto f = OpenOrDie(dir.path());
  bool added;
  ASSERT_TRUE(f->Add(Url("http://a.test/1"), &added).ok());
  ASSERT_TRUE(f->Add(Url("http://a.test/2"), &added).ok());
  uint64_t ticket;
  CrawlUrl u;
  ASSERT_TRUE(f->Take("http://a.test", &u, &ticket).ok());
  u.attempts = 1;
  ASSERT_TRUE(f->Requeue(ticket, u).ok());
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &ticket), "http://a.test/2");
  ASSERT_TRUE(f->Take("http://a.test", &u, &ticket).ok());
  EXPECT_EQ(u.url, "http://a.test/1");
  EXPECT_EQ(u.attempts, 1);
}

TEST(FrontierTest, ReopenRequeuesInFlightFirstAndKeepsCounts) {
  warc::testing::TempDir dir;
  {
    auto f = OpenOrDie(dir.path());
    bool added;
    for (const char* u : {"http://a.test/1", "http://a.test/2", "http://a.test/3"}) {
      ASSERT_TRUE(f->Add(Url(u), &added).ok());
    }
    uint64_t t1, t2;
    ASSERT_EQ(TakeUrl(f.get(), "http://a.test", &t1), "http://a.test/1");
    size_t n;
    ASSERT_TRUE(f->Finish(t1, false, {}, &n).ok());
    ASSERT_EQ(TakeUrl(f.get(), "http://a.test", &t2), "http://a.test/2");
    // The process "dies" here with /2 in flight.
  }
  auto f = OpenOrDie(dir.path());
  EXPECT_EQ(f->resumed_in_flight(), 1u);
  FrontierCounts c = f->counts();
  EXPECT_EQ(c.done, 1u);
  EXPECT_EQ(c.queued, 2u);
  uint64_t ticket;
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &ticket), "http://a.test/2");
  EXPECT_EQ(TakeUrl(f.get(), "http://a.test", &ticket), "http://a.test/3");
  bool added = true;
  ASSERT_TRUE(f->Add(Url("http://a.test/1"), &added).ok());
  EXPECT_FALSE(added) << "the seen set survives a restart";
}

TEST(CrawlUrlTest, EncodingRoundTripsAndRejectsDamage) {
  CrawlUrl u;
  u.url = "http://a.test/p?q=1";
  u.via = "http://a.test/";
  u.path = "LLE";
  u.depth = 2;
  u.attempts = 3;
  u.redirects = 1;
  u.kind = UrlKind::kAsset;
  u.priority = 0;
  std::string bytes = EncodeCrawlUrl(u);
  CrawlUrl back;
  ASSERT_TRUE(DecodeCrawlUrl(bytes, &back).ok());
  EXPECT_EQ(back.url, u.url);
  EXPECT_EQ(back.via, u.via);
  EXPECT_EQ(back.path, u.path);
  EXPECT_EQ(back.depth, 2);
  EXPECT_EQ(back.attempts, 3);
  EXPECT_EQ(back.redirects, 1);
  EXPECT_EQ(back.kind, UrlKind::kAsset);
  EXPECT_EQ(back.priority, 0);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(DecodeCrawlUrl(bytes.substr(0, cut), &back).ok()) << cut;
  }
  EXPECT_FALSE(DecodeCrawlUrl(bytes + "x", &back).ok());
}

}  // namespace
}  // namespace warcrawl::crawler
