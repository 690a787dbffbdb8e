// CrawlConfig is a crawl job as its YAML file states it (configs/README.md documents every
// key), with the defaults a key takes when the file leaves it out. config_loader.h reads
// it; crawl_plan.h turns it into the engine's terms. Key names follow Browsertrix-crawler
// where they overlap (seeds, scopeType, include, exclude, depth, pageLimit, sizeLimit,
// timeLimit, workers), and the politeness defaults are Heritrix's.
//
// Thread-safety: a value type.
#ifndef WARCRAWL_CRAWLER_CRAWL_CONFIG_H_
#define WARCRAWL_CRAWLER_CRAWL_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace warcrawl::crawler {

using Millis = std::chrono::milliseconds;

enum class ScopeType { kPage, kPrefix, kHost, kDomain, kCustom };

struct PolitenessConfig {
  Millis min_delay{3000};
  Millis max_delay{30000};
  double delay_factor = 5;
  Millis max_crawl_delay{300000};
  int connections_per_host = 1;
  double max_requests_per_second = 0;  // across hosts; 0: no global cap
  bool obey_robots = true;             // "robots: ignore" must be spelled out
  Millis robots_cache_ttl{24 * 3600 * 1000};
  int max_retries = 3;
  Millis retry_backoff{10000};
  Millis max_retry_after{3600000};
  int give_up_host_after = 10;  // unanswered fetches in a row; 0: never give a host up
};

struct FetchConfig {
  Millis connect_timeout{10000};
  Millis first_byte_timeout{30000};
  Millis total_timeout{300000};
  int64_t min_speed = 1024;  // bytes/s, over min_speed_time
  Millis min_speed_time{30000};
  uint64_t max_body_size = 100ull << 20;
  int max_redirect_hops = 20;
  std::string accept_encoding = "gzip, deflate, br";
  bool verify_tls = false;
  bool conditional_requests = true;  // If-None-Match / If-Modified-Since on re-crawls
};

struct WarcConfig {
  std::string prefix;  // default: the job name
  uint64_t rotate_size = 1'000'000'000;
  int gzip_level = 6;
  bool sha256 = false;  // digest: sha1 (default) or sha256
  bool warc_1_0 = false;
  std::string operator_name;
  bool dedup = true;
};

struct BlogConfig {
  bool comments = true;
  bool feeds = true;
  bool sitemaps = true;
  bool page_requisites = true;
};

struct TrapConfig {
  bool defaults = true;
  std::set<std::string> disable;   // names of default traps turned off
  std::vector<std::string> extra;  // more patterns (RE2 regexes searched in the URL)
  int max_query_variants = 100;    // distinct queries per path
  int max_path_repeats = 2;        // a run of segments repeated more often is a trap
  int max_url_length = 2048;
};

struct CrawlConfig {
  std::string name;  // [a-z0-9_-]+: the job and collection name
  std::vector<std::string> seeds;
  std::string contact;                  // URL or e-mail address; required
  std::string user_agent = "warcrawl";  // product token (robots.txt groups match it)
  ScopeType scope_type = ScopeType::kHost;
  std::vector<std::string> include;  // RE2 regexes searched in the URL
  std::vector<std::string> exclude;
  int depth = -1;  // link hops from a seed; -1: unlimited
  uint64_t page_limit = 0;
  uint64_t size_limit = 0;
  Millis time_limit{0};
  int workers = 4;
  PolitenessConfig politeness;
  FetchConfig fetch;
  WarcConfig warc;
  BlogConfig blog;
  TrapConfig traps;
  std::string source_text;  // the YAML as read, kept in every WARC's warcinfo record
};

// "warcrawl/0.1.0 (+https://example.org/contact)": the User-Agent we send.
std::string UserAgentFor(const CrawlConfig& config, std::string_view version);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_CONFIG_H_
