#include "replay/cdx_endpoint.h"

#include <charconv>

#include "index/cdx_format.h"
#include "index/cdx_query.h"

namespace warcrawl::replay {
namespace {

ReplayReply BadRequest(const std::string& message) {
  ReplayReply reply;
  reply.status = 400;
  reply.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  reply.body = message + "\n";
  return reply;
}

Status ParseLimit(const std::string& text, size_t* limit) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *limit);
  if (ec != std::errc() || ptr != end) {
    return Status::InvalidArgument("limit: not a number: " + text);
  }
  return Status::OK();
}

// Fills the query and output from the parameters; names the parameter at fault.
Status ParseParams(const std::vector<std::pair<std::string, std::string>>& params,
                   index::CdxQuery* query, std::string* output) {
  query->limit = kDefaultCdxLimit;
  for (const auto& [name, value] : params) {
    Status s;
    if (name == "url") {
      query->url = value;
    } else if (name == "matchType" || name == "match_type") {
      s = index::ParseMatchType(value, &query->match_type);
    } else if (name == "from") {
      query->from = value;
    } else if (name == "to") {
      query->to = value;
    } else if (name == "closest") {
      query->closest = value;
    } else if (name == "limit") {
      s = ParseLimit(value, &query->limit);
    } else if (name == "reverse" || name == "sort") {
      query->reverse = name == "reverse" ? (value == "true" || value == "1") : value == "reverse";
    } else if (name == "filter") {
      query->filters.emplace_back();
      s = index::CdxFilter::Parse(value, &query->filters.back());
    } else if (name == "output") {
      if (value != "cdxj" && value != "json" && value != "cdx" && value != "text") {
        return Status::InvalidArgument("output: use cdxj, json or cdx, not " + value);
      }
      *output = value;
    }
    if (!s.ok()) return Status::InvalidArgument(name + ": " + s.message());
  }
  if (query->url.empty()) return Status::InvalidArgument("url: a URL to look up is required");
  return Status::OK();
}

}  // namespace

ReplayReply ServeCdx(const Collection& collection,
                     const std::vector<std::pair<std::string, std::string>>& params) {
  index::CdxQuery query;
  std::string output = "cdxj";
  if (Status s = ParseParams(params, &query, &output); !s.ok()) return BadRequest(s.message());
  ReplayReply reply;
  index::CdxFormatOptions options;
  Status s = index::RunCdxQuery(collection.db(), query, [&](const index::CaptureEntry& e) {
    if (output == "json") {
      reply.body += index::FormatJsonLine(e, options);
    } else if (output == "cdx" || output == "text") {
      reply.body += index::FormatCdx11Line(e);
    } else {
      reply.body += index::FormatCdxjLine(e, options);
    }
    reply.body += '\n';
    return true;
  });
  if (!s.ok()) return BadRequest(s.message());
  reply.headers.emplace_back(
      "Content-Type", output == "json" ? "application/x-ndjson" : "text/plain; charset=utf-8");
  reply.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return reply;
}

}  // namespace warcrawl::replay
