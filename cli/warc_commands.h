// `warcrawl warc …`: list, print and check WARC files.
#ifndef WARCRAWL_CLI_WARC_COMMANDS_H_
#define WARCRAWL_CLI_WARC_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

// Adds the `warc` command and its sub-commands to `app`. When one runs, its exit status is
// stored in *exit_code.
void AddWarcCommands(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_WARC_COMMANDS_H_
