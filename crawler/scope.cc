#include "crawler/scope.h"

#include "index/url.h"

namespace warcrawl::crawler {
namespace {

bool Normalized(std::string_view text, index::Url* url) {
  if (!index::ParseUrl(text, url).ok() || !index::NormalizeUrl(url).ok() || !url->host) {
    return false;
  }
  url->fragment.reset();
  return true;
}

bool SameOrSubdomain(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

}  // namespace

std::string_view ScopeVerdictName(ScopeVerdict verdict) {
  switch (verdict) {
    case ScopeVerdict::kInScope:
      return "in scope";
    case ScopeVerdict::kRequisite:
      return "page requisite";
    case ScopeVerdict::kOutOfScope:
      return "out of scope";
    case ScopeVerdict::kExcluded:
      return "excluded";
    case ScopeVerdict::kTooDeep:
      return "too deep";
  }
  return "";
}

Status Scope::Create(const CrawlConfig& config, Scope* scope) {
  Scope s;
  s.max_depth_ = config.depth;
  for (const std::string& seed : config.seeds) {
    index::Url url;
    if (!Normalized(seed, &url)) return Status::InvalidArgument("seed is not a URL: " + seed);
    SeedRule rule{config.scope_type, url.ToString(), "", *url.host};
    rule.prefix = rule.url.substr(0, rule.url.find('?'));
    rule.prefix = rule.prefix.substr(0, rule.prefix.rfind('/') + 1);
    if (config.scope_type == ScopeType::kDomain && rule.host.starts_with("www.")) {
      rule.host = rule.host.substr(4);
    }
    s.seeds_.push_back(std::move(rule));
  }
  for (const auto& [patterns, compiled] :
       {std::pair{&config.include, &s.include_}, std::pair{&config.exclude, &s.exclude_}}) {
    for (const std::string& p : *patterns) {
      UrlPattern pattern;
      Status st = UrlPattern::Compile(p, &pattern);
      if (!st.ok()) return Status::InvalidArgument("scope pattern '" + p + "': " + st.message());
      compiled->push_back(std::move(pattern));
    }
  }
  *scope = std::move(s);
  return Status::OK();
}

bool Scope::Excluded(std::string_view url) const {
  for (const UrlPattern& p : exclude_) {
    if (p.FoundIn(url)) return true;
  }
  return false;
}

bool Scope::InScope(std::string_view text) const {
  if (Excluded(text)) return false;
  for (const UrlPattern& p : include_) {
    if (p.FoundIn(text)) return true;
  }
  index::Url url;
  if (!Normalized(text, &url)) return false;
  std::string normalized = url.ToString();
  for (const SeedRule& rule : seeds_) {
    switch (rule.type) {
      case ScopeType::kPage:
        if (normalized == rule.url) return true;
        break;
      case ScopeType::kPrefix:
        if (normalized.starts_with(rule.prefix)) return true;
        break;
      case ScopeType::kHost:
        if (*url.host == rule.host) return true;
        break;
      case ScopeType::kDomain:
        if (SameOrSubdomain(*url.host, rule.host)) return true;
        break;
      case ScopeType::kCustom:
        break;
    }
  }
  return false;
}

ScopeVerdict Scope::Decide(std::string_view url, int depth, bool embed) const {
  if (Excluded(url)) return ScopeVerdict::kExcluded;
  bool in = InScope(url);
  if (!in) return embed ? ScopeVerdict::kRequisite : ScopeVerdict::kOutOfScope;
  if (max_depth_ >= 0 && depth > max_depth_ && !embed) return ScopeVerdict::kTooDeep;
  return ScopeVerdict::kInScope;
}

}  // namespace warcrawl::crawler
