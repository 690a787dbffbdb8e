// `warcrawl replay [--data DIR] [--collection NAME] [--listen HOST:PORT]`: serves a data
// directory's archive for browsing (pywb's URLs, Memento, the CDX API) until Ctrl-C.
#ifndef WARCRAWL_CLI_REPLAY_COMMAND_H_
#define WARCRAWL_CLI_REPLAY_COMMAND_H_

#include <CLI/CLI.hpp>

namespace warcrawl::cli {

void AddReplayCommand(CLI::App& app, int* exit_code);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_REPLAY_COMMAND_H_
