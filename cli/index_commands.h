// `warcrawl index …` and `warcrawl query …`: ingest WARCs into the LevelDB index, rebuild
// and verify it, and query it with pywb's CDX API semantics.
#ifndef WARCRAWL_CLI_INDEX_COMMANDS_H_
#define WARCRAWL_CLI_INDEX_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

// Adds `index` (with `rebuild` and `verify`) and `query` to `app`; the command that runs
// stores its exit status in *exit_code.
void AddIndexCommands(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_INDEX_COMMANDS_H_
