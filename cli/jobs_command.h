// `warcrawl jobs add|list|show|run|pause|resume|cancel|rm`: crawl jobs kept in the data
// directory's job store (DATA/jobs), each crawling into DATA/collections/{collection}.
#ifndef WARCRAWL_CLI_JOBS_COMMAND_H_
#define WARCRAWL_CLI_JOBS_COMMAND_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

void AddJobsCommand(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_JOBS_COMMAND_H_
