// `warcrawl serve [--data DIR] [--listen HOST:PORT]`: one process that runs the data
// directory's crawl jobs on their schedules, replays every collection while its jobs crawl
// into it, and answers the jobs API (/api/jobs) and page (/jobs). SIGINT/SIGTERM stop the
// runs resumably; the next start continues them.
#ifndef WARCRAWL_CLI_SERVE_COMMAND_H_
#define WARCRAWL_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

void AddServeCommand(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_SERVE_COMMAND_H_
