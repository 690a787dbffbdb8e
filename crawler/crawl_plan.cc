#include "crawler/crawl_plan.h"

#include <memory>

#include "crawler/scope.h"
#include "crawler/traps.h"

namespace warcrawl::crawler {
namespace {

// Trailing 'E's of a discovery path: how many embeds deep a requisite is.
int EmbedDepth(std::string_view path) {
  int n = 0;
  while (!path.empty() && path.back() == 'E') {
    ++n;
    path.remove_suffix(1);
  }
  return n;
}

// The gate's state: rules plus the per-path query counts it accumulates.
struct Gate {
  Scope scope;
  TrapRules traps;
  QueryVariantLimiter variants;
  bool comments = true;

  explicit Gate(int max_variants) : variants(max_variants) {}

  // A page's links arrive together: its own scope is decided once for all of them.
  bool ParentInScope(const std::string& url) {
    if (url != last_parent) {
      last_parent = url;
      last_parent_in_scope = scope.InScope(url);
    }
    return last_parent_in_scope;
  }
  std::string last_parent;
  bool last_parent_in_scope = false;

  bool Admit(const Discovery& found, const CrawlUrl& parent, CrawlUrl* next, std::string* reason) {
    if (auto trap = traps.Match(found.url)) {
      *reason = "trap " + *trap;
      return false;
    }
    bool comment_page = found.comment_page && comments;
    if (found.comment_page && !comments) {  // an ordinary link then: depth and queue order
      next->depth = parent.depth + 1;
      next->priority = 1;
    }
    // A requisite's own requisites (a font in a style sheet) count, two embeds deep at most.
    bool embed = found.hop == 'E' && EmbedDepth(next->path) <= 2 &&
                 (parent.kind == UrlKind::kAsset || ParentInScope(parent.url));
    ScopeVerdict verdict = scope.Decide(found.url, next->depth, embed);
    if (verdict == ScopeVerdict::kTooDeep && comment_page) verdict = ScopeVerdict::kInScope;
    if (verdict != ScopeVerdict::kInScope && verdict != ScopeVerdict::kRequisite) {
      *reason = std::string(ScopeVerdictName(verdict));
      return false;
    }
    if (!comment_page && !variants.Admit(found.url)) {
      *reason = "too many query variants";
      return false;
    }
    return true;
  }
};

warc::HeaderFields WarcinfoFields(const CrawlConfig& c, const std::string& user_agent) {
  warc::HeaderFields f;
  f.Add("isPartOf", c.name);
  if (!c.warc.operator_name.empty()) f.Add("operator", c.warc.operator_name);
  f.Add("http-header-user-agent", user_agent);
  f.Add("robots", c.politeness.obey_robots ? "obey" : "ignore");
  for (const std::string& seed : c.seeds) f.Add("seed", seed);
  static constexpr const char* kScopeNames[] = {"page", "prefix", "host", "domain", "custom"};
  f.Add("scopeType", kScopeNames[static_cast<int>(c.scope_type)]);
  f.Add("politeness",
        "minDelay=" + std::to_string(c.politeness.min_delay.count()) +
            "ms maxDelay=" + std::to_string(c.politeness.max_delay.count()) +
            "ms delayFactor=" + std::to_string(c.politeness.delay_factor) +
            " connectionsPerHost=" + std::to_string(c.politeness.connections_per_host));
  return f;
}

}  // namespace

Status PlanFromConfig(const CrawlConfig& c, std::string_view version, CrawlPlan* plan) {
  auto gate = std::make_shared<Gate>(c.traps.max_query_variants);
  Status s = Scope::Create(c, &gate->scope);
  if (s.ok()) s = TrapRules::Create(c.traps, &gate->traps);
  if (!s.ok()) return s;
  gate->comments = c.blog.comments;
  CrawlPlan p;
  p.name = c.name;
  p.seeds = c.seeds;
  p.user_agent = UserAgentFor(c, version);
  p.accept_encoding = c.fetch.accept_encoding;
  p.verify_tls = c.fetch.verify_tls;
  p.conditional_requests = c.fetch.conditional_requests;
  const PolitenessConfig& pc = c.politeness;
  p.politeness.min_delay = pc.min_delay;
  p.politeness.max_delay = pc.max_delay;
  p.politeness.delay_factor = pc.delay_factor;
  p.politeness.max_crawl_delay = pc.max_crawl_delay;
  p.politeness.connections_per_host = pc.connections_per_host;
  p.politeness.max_requests_per_second = pc.max_requests_per_second;
  p.politeness.retry_backoff = pc.retry_backoff;
  p.politeness.max_retry_after = pc.max_retry_after;
  p.politeness.max_retries = pc.max_retries;
  p.politeness.give_up_host_after = pc.give_up_host_after;
  p.obey_robots = pc.obey_robots;
  p.robots_ttl = pc.robots_cache_ttl;
  p.fetch.connect_timeout = c.fetch.connect_timeout;
  p.fetch.first_byte_timeout = c.fetch.first_byte_timeout;
  p.fetch.total_timeout = c.fetch.total_timeout;
  p.fetch.min_speed_bytes_per_second = static_cast<long>(c.fetch.min_speed);
  p.fetch.min_speed_time = std::chrono::duration_cast<std::chrono::seconds>(c.fetch.min_speed_time);
  p.fetch.max_body_bytes = c.fetch.max_body_size;
  p.mining.robots_token = c.user_agent;
  p.mining.follow_feeds = c.blog.feeds;
  p.mining.follow_sitemaps = c.blog.sitemaps;
  p.mining.page_requisites = c.blog.page_requisites;
  p.archive.dedup = c.warc.dedup;
  warc::WriterOptions& w = p.archive.writer;
  w.prefix = c.warc.prefix;
  w.max_file_size = c.warc.rotate_size;
  w.compression_level = c.warc.gzip_level;
  w.compress = c.warc.gzip_level > 0;
  w.version = c.warc.warc_1_0 ? warc::WarcVersion::k1_0 : warc::WarcVersion::k1_1;
  w.digest = c.warc.sha256 ? warc::DigestAlgorithm::kSha256 : warc::DigestAlgorithm::kSha1;
  w.warcinfo_fields = WarcinfoFields(c, p.user_agent);
  p.workers = c.workers;
  p.max_redirects = c.fetch.max_redirect_hops;
  p.page_limit = c.page_limit;
  p.size_limit = c.size_limit;
  p.time_limit = c.time_limit;
  p.probe_sitemaps = c.blog.sitemaps;
  p.gate = [gate](const Discovery& found, const CrawlUrl& parent, CrawlUrl* next,
                  std::string* reason) { return gate->Admit(found, parent, next, reason); };
  *plan = std::move(p);
  return Status::OK();
}

}  // namespace warcrawl::crawler
