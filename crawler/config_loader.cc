#include "crawler/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "crawler/config_section.h"
#include "crawler/traps.h"
#include "index/url.h"

namespace warcrawl::crawler {
namespace {

Status ReadPoliteness(const Section& s, PolitenessConfig* p) {
  std::string robots = p->obey_robots ? "obey" : "ignore";
  Status st = s.Known({"minDelay", "maxDelay", "delayFactor", "maxCrawlDelay", "connectionsPerHost",
                       "maxRequestsPerSecond", "robots", "robotsCacheTtl", "maxRetries",
                       "retryBackoff", "maxRetryAfter", "giveUpHostAfter"});
  if (st.ok()) st = s.Duration("minDelay", &p->min_delay);
  if (st.ok()) st = s.Duration("maxDelay", &p->max_delay);
  if (st.ok()) st = s.Number("delayFactor", &p->delay_factor, 0, 1000);
  if (st.ok()) st = s.Duration("maxCrawlDelay", &p->max_crawl_delay);
  if (st.ok()) st = s.Int("connectionsPerHost", &p->connections_per_host, 1, 64);
  if (st.ok()) st = s.Number("maxRequestsPerSecond", &p->max_requests_per_second, 0, 1e6);
  if (st.ok()) st = s.OneOf("robots", {"obey", "ignore"}, &robots);
  if (st.ok()) st = s.Duration("robotsCacheTtl", &p->robots_cache_ttl);
  if (st.ok()) st = s.Int("maxRetries", &p->max_retries, 0, 100);
  if (st.ok()) st = s.Duration("retryBackoff", &p->retry_backoff);
  if (st.ok()) st = s.Duration("maxRetryAfter", &p->max_retry_after);
  if (st.ok()) st = s.Int("giveUpHostAfter", &p->give_up_host_after, 0, 1000000);
  if (st.ok() && p->min_delay > p->max_delay) {
    st = s.Error("minDelay", "is larger than maxDelay");
  }
  p->obey_robots = robots == "obey";
  return st;
}

Status ReadFetch(const Section& s, FetchConfig* f) {
  int64_t min_speed = f->min_speed;
  Status st = s.Known({"connectTimeout", "firstByteTimeout", "totalTimeout", "minSpeed",
                       "minSpeedTime", "maxBodySize", "maxRedirectHops", "acceptEncoding",
                       "verifyTls", "conditionalRequests"});
  if (st.ok()) st = s.Duration("connectTimeout", &f->connect_timeout);
  if (st.ok()) st = s.Duration("firstByteTimeout", &f->first_byte_timeout);
  if (st.ok()) st = s.Duration("totalTimeout", &f->total_timeout);
  if (st.ok()) st = s.Int64("minSpeed", &min_speed, 0, int64_t{1} << 40);
  if (st.ok()) st = s.Duration("minSpeedTime", &f->min_speed_time);
  if (st.ok()) st = s.Size("maxBodySize", &f->max_body_size);
  if (st.ok()) st = s.Int("maxRedirectHops", &f->max_redirect_hops, 0, 100);
  if (st.ok()) st = s.Str("acceptEncoding", &f->accept_encoding);
  if (st.ok()) st = s.Bool("verifyTls", &f->verify_tls);
  if (st.ok()) st = s.Bool("conditionalRequests", &f->conditional_requests);
  f->min_speed = min_speed;
  return st;
}

Status ReadWarc(const Section& s, WarcConfig* w) {
  std::string digest = w->sha256 ? "sha256" : "sha1";
  std::string version = w->warc_1_0 ? "1.0" : "1.1";
  Status st =
      s.Known({"prefix", "rotateSize", "gzipLevel", "digest", "version", "operator", "dedup"});
  if (st.ok()) st = s.Str("prefix", &w->prefix);
  if (st.ok()) st = s.Size("rotateSize", &w->rotate_size);
  if (st.ok()) st = s.Int("gzipLevel", &w->gzip_level, 0, 9);
  if (st.ok()) st = s.OneOf("digest", {"sha1", "sha256"}, &digest);
  if (st.ok()) st = s.OneOf("version", {"1.1", "1.0"}, &version);
  if (st.ok()) st = s.Str("operator", &w->operator_name);
  if (st.ok()) st = s.Bool("dedup", &w->dedup);
  w->sha256 = digest == "sha256";
  w->warc_1_0 = version == "1.0";
  return st;
}

Status ReadBlog(const Section& s, BlogConfig* b) {
  Status st = s.Known({"comments", "feeds", "sitemaps", "pageRequisites"});
  if (st.ok()) st = s.Bool("comments", &b->comments);
  if (st.ok()) st = s.Bool("feeds", &b->feeds);
  if (st.ok()) st = s.Bool("sitemaps", &b->sitemaps);
  if (st.ok()) st = s.Bool("pageRequisites", &b->page_requisites);
  return st;
}

Status ReadTraps(const Section& s, TrapConfig* t) {
  std::vector<std::string> disable;
  Status st = s.Known(
      {"defaults", "disable", "extra", "maxQueryVariants", "maxPathRepeats", "maxUrlLength"});
  if (st.ok()) st = s.Bool("defaults", &t->defaults);
  if (st.ok()) st = s.NamesFrom("disable", DefaultTrapNames(), &disable);
  if (st.ok()) st = s.Regexes("extra", &t->extra);
  if (st.ok()) st = s.Int("maxQueryVariants", &t->max_query_variants, 1, 1000000);
  if (st.ok()) st = s.Int("maxPathRepeats", &t->max_path_repeats, 1, 100);
  if (st.ok()) st = s.Int("maxUrlLength", &t->max_url_length, 64, 1 << 20);
  t->disable.insert(disable.begin(), disable.end());
  return st;
}

bool ValidName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  }) && name.front() != '.';
}

bool ValidToken(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

Status ReadSeeds(const Section& s, std::vector<std::string>* seeds) {
  Status st = s.StrList("seeds", seeds);
  if (!st.ok()) return st;
  if (seeds->empty()) return s.Error("seeds", "at least one seed URL is required");
  for (const std::string& seed : *seeds) {
    index::Url url;
    if (!index::ParseUrl(seed, &url).ok() || (url.scheme != "http" && url.scheme != "https")) {
      return s.Error("seeds", "'" + seed + "' is not an absolute http(s) URL");
    }
  }
  return Status::OK();
}

Status ReadIdentity(const Section& s, CrawlConfig* c) {
  Status st = s.Str("name", &c->name);
  if (st.ok() && !ValidName(c->name)) {
    st = s.Error("name", "required: letters, digits, '.', '-' and '_' (it names files)");
  }
  if (st.ok()) st = s.Str("contact", &c->contact);
  if (st.ok() && c->contact.empty()) {
    st = s.Error("contact", "required: a URL or e-mail address site owners can reach you at");
  }
  if (st.ok() && c->contact.find("://") == std::string::npos &&
      !c->contact.starts_with("mailto:")) {
    if (c->contact.find('@') == std::string::npos) {
      st = s.Error("contact", "'" + c->contact + "' is neither a URL nor an e-mail address");
    }
    c->contact = "mailto:" + c->contact;
  }
  if (st.ok()) st = s.Str("userAgent", &c->user_agent);
  if (st.ok() && !ValidToken(c->user_agent)) {
    st = s.Error("userAgent", "a product token: letters, '-' and '_' only (RFC 9309)");
  }
  return st;
}

Status ReadTop(const Section& s, CrawlConfig* c) {
  std::string scope = "host";
  Status st = s.Known({"name", "seeds", "contact", "userAgent", "scopeType", "include", "exclude",
                       "depth", "pageLimit", "sizeLimit", "timeLimit", "workers", "politeness",
                       "fetch", "warc", "blog", "traps"});
  if (st.ok()) st = ReadIdentity(s, c);
  if (st.ok()) st = ReadSeeds(s, &c->seeds);
  if (st.ok()) st = s.OneOf("scopeType", {"page", "prefix", "host", "domain", "custom"}, &scope);
  if (st.ok()) st = s.Regexes("include", &c->include);
  if (st.ok()) st = s.Regexes("exclude", &c->exclude);
  if (st.ok()) st = s.Int("depth", &c->depth, -1, 1000000);
  if (st.ok()) st = s.Size("pageLimit", &c->page_limit);
  if (st.ok()) st = s.Size("sizeLimit", &c->size_limit);
  if (st.ok()) st = s.Duration("timeLimit", &c->time_limit);
  if (st.ok()) st = s.Int("workers", &c->workers, 1, 1024);
  if (st.ok()) st = ReadPoliteness(s.Child("politeness"), &c->politeness);
  if (st.ok()) st = ReadFetch(s.Child("fetch"), &c->fetch);
  if (st.ok()) st = ReadWarc(s.Child("warc"), &c->warc);
  if (st.ok()) st = ReadBlog(s.Child("blog"), &c->blog);
  if (st.ok()) st = ReadTraps(s.Child("traps"), &c->traps);
  static const std::map<std::string, ScopeType> kScopes = {{"page", ScopeType::kPage},
                                                           {"prefix", ScopeType::kPrefix},
                                                           {"host", ScopeType::kHost},
                                                           {"domain", ScopeType::kDomain},
                                                           {"custom", ScopeType::kCustom}};
  c->scope_type = kScopes.at(scope);
  if (st.ok() && c->scope_type == ScopeType::kCustom && c->include.empty()) {
    st = s.Error("include", "scopeType custom needs at least one include pattern");
  }
  if (c->warc.prefix.empty()) c->warc.prefix = c->name;
  return st;
}

}  // namespace

std::string UserAgentFor(const CrawlConfig& config, std::string_view version) {
  return config.user_agent + "/" + std::string(version) + " (+" + config.contact + ")";
}

Status ParseCrawlConfig(std::string_view yaml, std::string_view source_name, CrawlConfig* config) {
  const std::string source(source_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(source + ":" + std::to_string(e.mark.line + 1) +
                                   ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) {
    return Status::InvalidArgument(source + ": a crawl config is a map of keys (see configs/)");
  }
  CrawlConfig c;
  Status s = ReadTop(Section(source, root, ""), &c);
  if (!s.ok()) return s;
  c.source_text = std::string(yaml);
  *config = std::move(c);
  return Status::OK();
}

Status LoadCrawlConfig(const std::string& path, CrawlConfig* config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read config " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > (1u << 20)) return Status::InvalidArgument(path + ": larger than 1 MiB");
  return ParseCrawlConfig(text.str(), path, config);
}

}  // namespace warcrawl::crawler
