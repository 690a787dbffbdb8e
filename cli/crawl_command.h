// `warcrawl crawl CONFIG.yaml [--data DIR] [--resume]`: runs one crawl job in the
// foreground with a live progress line, stops cleanly on Ctrl-C (twice: at once), and
// prints a summary.
#ifndef WARCRAWL_CLI_CRAWL_COMMAND_H_
#define WARCRAWL_CLI_CRAWL_COMMAND_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

void AddCrawlCommand(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_CRAWL_COMMAND_H_
