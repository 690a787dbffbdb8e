// Reads a crawl job's YAML into a CrawlConfig and rejects a bad one before anything is
// fetched, naming the file, the line and the key: "job.yaml:12: politeness.minDelay:
// expected a duration such as 3s or 500ms, got 'fast'". Unknown keys are errors too (a
// typo must not silently change a crawl), with the closest known key suggested.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_CRAWLER_CONFIG_LOADER_H_
#define WARCRAWL_CRAWLER_CONFIG_LOADER_H_

#include <string_view>

#include "crawler/crawl_config.h"
#include "warc/status.h"

namespace warcrawl::crawler {

Status LoadCrawlConfig(const std::string& path, CrawlConfig* config);

// `source_name` is how errors name the text (a file name).
Status ParseCrawlConfig(std::string_view yaml, std::string_view source_name, CrawlConfig* config);

// "3s", "500ms", "2m", "6h", "1d", or a bare number of seconds ("1.5").
bool ParseDuration(std::string_view text, Millis* out);
// "1GB", "500 MB", "10MiB", "4096" (bytes); decimal and binary units, any case.
bool ParseSize(std::string_view text, uint64_t* out);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CONFIG_LOADER_H_
