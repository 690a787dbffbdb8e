#include "crawler/config_loader.h"

#include <gtest/gtest.h>

namespace warcrawl::crawler {
namespace {

const char kMinimal[] =
    "name: blog\n"
    "seeds: [\"https://blog.example.org/\"]\n"
    "contact: archivist@example.org\n";

Status Parse(const std::string& yaml, CrawlConfig* c) {
  return ParseCrawlConfig(yaml, "job.yaml", c);
}

std::string ErrorOf(const std::string& yaml) {
  CrawlConfig c;
  Status s = Parse(yaml, &c);
  EXPECT_FALSE(s.ok()) << yaml;
  return s.message();
}

TEST(ConfigLoaderTest, DefaultsAreHeritrixPoliteness) {
  CrawlConfig c;
  ASSERT_TRUE(Parse(kMinimal, &c).ok());
  EXPECT_EQ(c.name, "blog");
  EXPECT_EQ(c.contact, "mailto:archivist@example.org");
  EXPECT_EQ(c.scope_type, ScopeType::kHost);
  EXPECT_EQ(c.politeness.min_delay, Millis(3000));
  EXPECT_EQ(c.politeness.max_delay, Millis(30000));
  EXPECT_EQ(c.politeness.delay_factor, 5);
  EXPECT_EQ(c.politeness.max_crawl_delay, Millis(300000));
  EXPECT_TRUE(c.politeness.obey_robots);
  EXPECT_EQ(c.politeness.give_up_host_after, 10);
  EXPECT_EQ(c.warc.prefix, "blog");
  EXPECT_EQ(c.warc.gzip_level, 6);
  EXPECT_EQ(UserAgentFor(c, "1.2.3"), "warcrawl/1.2.3 (+mailto:archivist@example.org)");
  EXPECT_EQ(c.source_text, kMinimal);
}

TEST(ConfigLoaderTest, ReadsEveryKind) {
  CrawlConfig c;
  Status s = Parse(std::string(kMinimal) +
                       "scopeType: domain\n"
                       "include: \"\\\\.example\\\\.net/\"\n"
                       "exclude: [\"/private/\", \"[?&]s=\"]\n"
                       "depth: 3\npageLimit: 5000\nsizeLimit: 2GiB\ntimeLimit: 6h\nworkers: 8\n"
                       "politeness:\n  minDelay: 500ms\n  maxDelay: 2s\n  robots: ignore\n"
                       "  maxRequestsPerSecond: 2.5\n"
                       "fetch:\n  maxBodySize: 10MB\n  firstByteTimeout: 1.5\n  verifyTls: true\n"
                       "warc:\n  gzipLevel: 9\n  digest: sha256\n  version: \"1.0\"\n"
                       "blog:\n  feeds: no\n"
                       "traps:\n  disable: [share, replytocom]\n  extra: [\"/print/\"]\n",
                   &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.scope_type, ScopeType::kDomain);
  EXPECT_EQ(c.include, std::vector<std::string>{"\\.example\\.net/"});
  EXPECT_EQ(c.exclude.size(), 2u);
  EXPECT_EQ(c.depth, 3);
  EXPECT_EQ(c.page_limit, 5000u);
  EXPECT_EQ(c.size_limit, 2ull << 30);
  EXPECT_EQ(c.time_limit, Millis(6 * 3600 * 1000));
  EXPECT_EQ(c.workers, 8);
  EXPECT_EQ(c.politeness.min_delay, Millis(500));
  EXPECT_FALSE(c.politeness.obey_robots);
  EXPECT_EQ(c.politeness.max_requests_per_second, 2.5);
  EXPECT_EQ(c.fetch.max_body_size, 10'000'000u);
  EXPECT_EQ(c.fetch.first_byte_timeout, Millis(1500));
  EXPECT_TRUE(c.fetch.verify_tls);
  EXPECT_TRUE(c.warc.sha256);
  EXPECT_TRUE(c.warc.warc_1_0);
  EXPECT_FALSE(c.blog.feeds);
  EXPECT_EQ(c.traps.disable, (std::set<std::string>{"replytocom", "share"}));
}

TEST(ConfigLoaderTest, ErrorsNameLineAndKey) {
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "politeness:\n  minDelay: fast\n"),
            "job.yaml:5: politeness.minDelay: expected a duration such as 3s, 500ms, 2m or 6h, "
            "got 'fast'");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "pageLimt: 5\n"),
            "job.yaml:4: pageLimt: unknown key (did you mean \"pageLimit\"?)");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "workers: many\n"),
            "job.yaml:4: workers: expected a whole number, got 'many'");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "warc:\n  gzipLevel: 12\n"),
            "job.yaml:5: warc.gzipLevel: 12 is outside 0..9");
  EXPECT_EQ(
      ErrorOf(std::string(kMinimal) + "scopeType: planet\n"),
      "job.yaml:4: scopeType: expected one of page, prefix, host, domain, custom, got 'planet'");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "exclude: [\"ok\", \"(unclosed\"]\n")
                .rfind("job.yaml:4: exclude: '(unclosed' is not a valid regular expression", 0),
            0u);
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "traps:\n  disable: [sharing]\n")
                .rfind("job.yaml:5: traps.disable: 'sharing' is not one of", 0),
            0u);
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "politeness:\n  giveUpHostAfter: -1\n"),
            "job.yaml:5: politeness.giveUpHostAfter: -1 is outside 0..1000000");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "politeness: 3s\n"),
            "job.yaml:4: politeness: expected a map of keys");
  EXPECT_EQ(ErrorOf(std::string(kMinimal) + "politeness:\n  minDelay: 5s\n  maxDelay: 1s\n"),
            "job.yaml:5: politeness.minDelay: is larger than maxDelay");
}

TEST(ConfigLoaderTest, IdentityIsRequired) {
  EXPECT_NE(ErrorOf("name: x\nseeds: [\"http://a.test/\"]\n").find("contact: required"),
            std::string::npos);
  EXPECT_NE(ErrorOf("name: x\nseeds: [\"http://a.test/\"]\ncontact: nobody\n")
                .find("neither a URL nor an e-mail"),
            std::string::npos);
  EXPECT_NE(ErrorOf("name: x\ncontact: a@b.test\n").find("seeds: at least one seed"),
            std::string::npos);
  EXPECT_NE(ErrorOf("name: x\ncontact: a@b.test\nseeds: [\"ftp://a.test/\"]\n")
                .find("not an absolute http(s) URL"),
            std::string::npos);
  EXPECT_NE(ErrorOf("name: ../etc\ncontact: a@b.test\nseeds: [\"http://a.test/\"]\n")
                .find("name: required"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kMinimal) + "userAgent: \"my bot/1\"\n").find("product token"),
            std::string::npos);
}

TEST(ConfigLoaderTest, SyntaxErrorsNameTheirLine) {
  std::string e = ErrorOf("name: x\nseeds: [\"http://a.test/\"\ncontact: a@b.test\n");
  EXPECT_EQ(e.rfind("job.yaml:", 0), 0u);
  EXPECT_NE(e.find("not valid YAML"), std::string::npos) << e;
  EXPECT_NE(ErrorOf("- just\n- a list\n").find("a map of keys"), std::string::npos);
}

TEST(ConfigLoaderTest, DurationsAndSizes) {
  Millis d;
  ASSERT_TRUE(ParseDuration("3s", &d));
  EXPECT_EQ(d, Millis(3000));
  ASSERT_TRUE(ParseDuration("500ms", &d));
  EXPECT_EQ(d, Millis(500));
  ASSERT_TRUE(ParseDuration("1.5", &d));
  EXPECT_EQ(d, Millis(1500));
  ASSERT_TRUE(ParseDuration("2M", &d));
  EXPECT_EQ(d, Millis(120000));
  ASSERT_TRUE(ParseDuration("1d", &d));
  EXPECT_EQ(d, Millis(86400000));
  for (const char* bad : {"", "s", "-1s", "3 parsecs", "1e3s", "fast"}) {
    EXPECT_FALSE(ParseDuration(bad, &d)) << bad;
  }
  uint64_t n;
  ASSERT_TRUE(ParseSize("1GB", &n));
  EXPECT_EQ(n, 1'000'000'000u);
  ASSERT_TRUE(ParseSize("10 MiB", &n));
  EXPECT_EQ(n, 10u << 20);
  ASSERT_TRUE(ParseSize("4096", &n));
  EXPECT_EQ(n, 4096u);
  for (const char* bad : {"", "GB", "1 XB", "-5", "99999999999999999999TB"}) {
    EXPECT_FALSE(ParseSize(bad, &n)) << bad;
  }
}

TEST(ConfigLoaderTest, TheExampleConfigLoads) {
  CrawlConfig c;
  Status s = LoadCrawlConfig(WARCRAWL_SOURCE_DIR "/configs/example-blog.yaml", &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.name, "example-blog");
  EXPECT_EQ(c.seeds, std::vector<std::string>{"https://blog.example.org/"});
  EXPECT_TRUE(LoadCrawlConfig("/nonexistent/job.yaml", &c).IsIOError());
}

}  // namespace
}  // namespace warcrawl::crawler
