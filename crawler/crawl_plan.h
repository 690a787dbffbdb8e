// PlanFromConfig turns a job's CrawlConfig into the CrawlEngine's CrawlPlan: the policy
// structs of fetcher, politeness, miner and archiver, the warcinfo fields that describe the
// job, and the gate every discovered URL passes (traps, the query-variant cap, scope,
// depth). Comment pages are never cut by depth or the query-variant cap: a thread must be
// archived whole.
//
// Thread-safety: pure; the gate it builds is for the engine's one thread.
#ifndef WARCRAWL_CRAWLER_CRAWL_PLAN_H_
#define WARCRAWL_CRAWLER_CRAWL_PLAN_H_

#include <string_view>

#include "crawler/crawl_config.h"
#include "crawler/crawl_engine.h"
#include "warc/status.h"

namespace warcrawl::crawler {

Status PlanFromConfig(const CrawlConfig& config, std::string_view version, CrawlPlan* plan);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_PLAN_H_
