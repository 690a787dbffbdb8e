// Test helpers for comparing with warcio.js: where the interop corpus is, and warcio.js's
// `cdx-index` run with node on a file (warcio.js is installed on first use by the shared
// warcio-check tool, into the cache folder that tool uses).
#ifndef WARCRAWL_TESTS_WARCIO_CLI_H_
#define WARCRAWL_TESTS_WARCIO_CLI_H_

#include <gtest/gtest.h>
#include <stdio.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace warcrawl::test_files {

namespace fs = std::filesystem;

inline fs::path Warcs() { return fs::path(WARCRAWL_SHARED_DIR) / "interop" / "warcs"; }

// warcio.js's command line, installed on first use by the shared warcio-check tool.
inline std::string WarcioCli() {
  std::string cache;
  if (const char* c = std::getenv("WARCIO_CHECK_CACHE"); c && *c) {
    cache = c;
  } else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
    cache = std::string(x) + "/warcio-check";
  } else {
    const char* home = std::getenv("HOME");
    cache = std::string(home && *home ? home : "/tmp") + "/.cache/warcio-check";
  }
  const std::string cli = cache + "/node_modules/warcio/dist/cli.js";
  if (fs::exists(cache + "/.lock")) {
    // warcio-check installs under this lock: wait out an install another test has begun.
    const std::string wait = "flock '" + cache + "/.lock' true";
    EXPECT_EQ(std::system(wait.c_str()), 0) << wait;
  }
  if (!fs::exists(cli)) {
    const std::string install = "'" WARCRAWL_SHARED_DIR "/tools/warcio-check' -q '" +
                                (Warcs() / "webrecorder3.7-example.warc.gz").string() +
                                "' >/dev/null";
    EXPECT_EQ(std::system(install.c_str()), 0) << install;
  }
  return cli;
}

struct PcloseDeleter {
  void operator()(FILE* f) const { pclose(f); }
};

// The lines `cdx-index` writes for `file`; `all` adds --all (every record, none paired).
inline std::vector<std::string> RunWarcioCdxIndex(const fs::path& file, bool all) {
  const std::string cmd =
      "node '" + WarcioCli() + "' cdx-index " + (all ? "--all '" : "'") + file.string() + "'";
  std::unique_ptr<FILE, PcloseDeleter> pipe(popen(cmd.c_str(), "r"));
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << cmd;
    return {};
  }
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
  const int rc = pclose(pipe.release());
  EXPECT_EQ(rc, 0) << cmd;
  std::vector<std::string> lines;
  for (size_t pos = 0, nl; (nl = out.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    lines.push_back(out.substr(pos, nl - pos));
  }
  return lines;
}

}  // namespace warcrawl::test_files

#endif  // WARCRAWL_TESTS_WARCIO_CLI_H_
