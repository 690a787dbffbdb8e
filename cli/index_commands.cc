#include "cli/index_commands.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "index/cdx_format.h"
#include "index/cdx_query.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "index/posts_query.h"
#include "index/verifier.h"

namespace warcrawl::cli {
namespace {

namespace fs = std::filesystem;
using index::IndexDb;

constexpr const char* kDefaultData = "warcrawl-data";

int Fail(const std::string& message) {
  std::cerr << "warcrawl: " << message << "\n";
  return 1;
}

std::string IndexDir(const std::string& data) { return (fs::path(data) / "index").string(); }

Status OpenIndex(const std::string& data, std::unique_ptr<IndexDb>* db) {
  std::error_code ec;
  fs::create_directories(data, ec);
  if (ec) return Status::IOError("create " + data + ": " + ec.message());
  return IndexDb::Open(IndexDir(data), db);
}

// Indexes each file, one line per file; returns the number of files with a problem.
int IngestFiles(IndexDb* db, const std::vector<std::string>& paths) {
  const std::vector<index::FileResult> results =
      index::IndexFiles(db, paths, std::max(1u, std::thread::hardware_concurrency()));
  int failed = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    const index::IngestStats& stats = results[i].stats;
    const Status& s = results[i].status;
    if (!s.ok()) {
      std::cerr << "warcrawl: " << path << ": " << s.message() << "\n";
      ++failed;
    } else if (stats.already_indexed) {
      std::cout << path << ": already indexed\n";
    } else {
      std::cout << path << ": " << stats.records << " records, " << stats.captures << " captures, "
                << stats.digests << " new payload digests\n";
      if (!stats.damage.ok()) {
        std::cerr << "warcrawl: " << path << ": stopped at damage: " << stats.damage.message()
                  << "\n";
        ++failed;
      }
    }
  }
  return failed;
}

int RunIngest(const std::string& data, const std::vector<std::string>& paths) {
  std::unique_ptr<IndexDb> db;
  if (Status s = OpenIndex(data, &db); !s.ok()) return Fail(s.ToString());
  return IngestFiles(db.get(), paths) == 0 ? 0 : 1;
}

// The WARCs to rebuild from: every file the index knew, and every WARC in DATA/warcs.
std::vector<std::string> RebuildSources(const IndexDb& db, const std::string& data,
                                        Status* status) {
  std::vector<index::IngestedFile> known;
  *status = index::ListIngestedFiles(db, &known);
  std::vector<std::string> paths;
  paths.reserve(known.size());
  for (const auto& file : known) paths.push_back(file.path);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(data) / "warcs", ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".warc") || name.ends_with(".warc.gz")) {
      std::string path = fs::absolute(entry.path()).lexically_normal().string();
      if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(path);
    }
  }
  return paths;
}

int RunRebuild(const std::string& data) {
  std::unique_ptr<IndexDb> db;
  if (Status s = OpenIndex(data, &db); !s.ok()) return Fail(s.ToString());
  Status s;
  std::vector<std::string> paths = RebuildSources(*db, data, &s);
  if (!s.ok()) return Fail(s.ToString());
  db.reset();
  std::error_code ec;
  fs::remove_all(IndexDir(data), ec);
  if (ec) return Fail("remove " + IndexDir(data) + ": " + ec.message());
  if (s = OpenIndex(data, &db); !s.ok()) return Fail(s.ToString());
  return IngestFiles(db.get(), paths) == 0 ? 0 : 1;
}

int RunVerify(const std::string& data) {
  std::unique_ptr<IndexDb> db;
  if (Status s = OpenIndex(data, &db); !s.ok()) return Fail(s.ToString());
  index::VerifyReport report;
  Status s = index::VerifyIndex(
      *db, [](const std::string& problem) { std::cout << problem << "\n"; }, &report);
  if (!s.ok()) return Fail(s.ToString());
  std::cout << report.captures << " captures, " << report.problems << " problems\n";
  return report.problems == 0 ? 0 : 1;
}

struct QueryArgs {
  std::string data = kDefaultData;
  std::string url, match = "exact", from, to, closest, output = "cdxj";
  size_t limit = 0;
  bool reverse = false;
  bool posts = false;
  std::vector<std::string> filters;
};

// "1, 2, 3" for a set of page numbers.
std::string PageList(const std::set<uint32_t>& pages) {
  std::string out;
  for (uint32_t p : pages) out += (out.empty() ? "" : ", ") + std::to_string(p);
  return out;
}

int RunPostsQuery(const QueryArgs& args, const IndexDb& db) {
  std::vector<index::ArchivedPost> posts;
  if (Status s = index::ListPosts(db, args.url, &posts); !s.ok()) return Fail(s.ToString());
  for (const index::ArchivedPost& post : posts) {
    if (args.output == "json") {
      nlohmann::json captures = nlohmann::json::array();
      for (const auto& c : post.captures) {
        captures.push_back({{"timestamp", c.timestamp}, {"comment-pages", c.comment_pages}});
      }
      std::cout << nlohmann::json{{"url", post.url}, {"captures", captures}}.dump() << "\n";
      continue;
    }
    std::cout << post.url << "\n";
    for (const auto& c : post.captures) {
      std::cout << "  " << c.timestamp << "  " << c.comment_pages.size() << " comment page"
                << (c.comment_pages.size() == 1 ? "" : "s")
                << (c.comment_pages.empty() ? "" : " (" + PageList(c.comment_pages) + ")") << "\n";
    }
  }
  if (posts.empty()) std::cerr << "no archived posts for " << args.url << "\n";
  return 0;
}

int RunQuery(const QueryArgs& args) {
  index::CdxQuery query;
  query.url = args.url;
  query.from = args.from;
  query.to = args.to;
  query.closest = args.closest;
  query.limit = args.limit;
  query.reverse = args.reverse;
  Status s = index::ParseMatchType(args.match, &query.match_type);
  for (const auto& text : args.filters) {
    if (!s.ok()) break;
    query.filters.emplace_back();
    s = index::CdxFilter::Parse(text, &query.filters.back());
  }
  if (!s.ok()) return Fail(s.message());
  if (!fs::exists(IndexDir(args.data)))
    return Fail("no index in " + args.data + " (run warcrawl index first)");
  std::unique_ptr<IndexDb> db;
  if (s = OpenIndex(args.data, &db); !s.ok()) return Fail(s.ToString());
  if (args.posts) return RunPostsQuery(args, *db);
  index::CdxFormatOptions options;
  s = index::RunCdxQuery(*db, query, [&](const index::CaptureEntry& entry) {
    if (args.output == "json") {
      std::cout << index::FormatJsonLine(entry, options) << "\n";
    } else if (args.output == "cdx") {
      std::cout << index::FormatCdx11Line(entry) << "\n";
    } else {
      std::cout << index::FormatCdxjLine(entry, options) << "\n";
    }
    return true;
  });
  return s.ok() ? 0 : Fail(s.message());
}

void AddQueryCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* query = app.add_subcommand(
      "query", "Query the index (pywb CDX server API semantics); one line per capture");
  query
      ->add_option("URL", args->url,
                   "URL; a trailing * means prefix, a leading *. domain (with --posts: a host)")
      ->required();
  query->add_flag("--posts", args->posts,
                  "list the host's archived posts, their captures and comment pages captured");
  query->add_option("--data", args->data, "data directory")->capture_default_str();
  query->add_option("--match", args->match, "exact, prefix, host or domain")->capture_default_str();
  query->add_option("--from", args->from, "earliest timestamp (1-14 digits, padded down)");
  query->add_option("--to", args->to, "latest timestamp (1-14 digits, padded up)");
  query->add_option("--closest", args->closest, "order by distance from this timestamp");
  query->add_option("--limit", args->limit, "at most this many captures");
  query->add_flag("--reverse", args->reverse, "newest first");
  query->add_option("--filter", args->filters, "[!][=|~]FIELD:EXPR (repeatable)");
  query->add_option("--output", args->output, "cdxj, json or cdx (--posts: text or json)")
      ->check(CLI::IsMember({"cdxj", "json", "cdx", "text"}))
      ->capture_default_str();
  query->callback([=] { *exit_code = RunQuery(*args); });
}

}  // namespace

void AddIndexCommands(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>(kDefaultData);
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* index = app.add_subcommand("index", "Add WARC files to the index");
  index->add_option("--data", *data, "data directory (the index lives in DATA/index)")
      ->capture_default_str();
  index->add_option("WARC", *files, "WARC files to index");
  index->require_subcommand(0, 1);
  index->callback([=] {
    if (index->get_subcommands().empty()) {
      if (files->empty()) {
        *exit_code = Fail("index: give WARC files to index, or rebuild / verify (see --help)");
        return;
      }
      *exit_code = RunIngest(*data, *files);
    }
  });
  CLI::App* rebuild = index->add_subcommand(
      "rebuild", "Rebuild the index from every WARC it knew and every WARC in DATA/warcs");
  rebuild->fallthrough();  // `index rebuild --data DIR` reads the parent's --data
  rebuild->callback([=] { *exit_code = RunRebuild(*data); });
  CLI::App* verify = index->add_subcommand(
      "verify", "Read every entry's record back and check it is whole and matches");
  verify->fallthrough();
  verify->callback([=] { *exit_code = RunVerify(*data); });
  AddQueryCommand(app, exit_code);
}

}  // namespace warcrawl::cli
