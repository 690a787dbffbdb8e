// The single `warcrawl` binary: parses the command line and hands each sub-command to
// the library that does the work.
#include <CLI/CLI.hpp>

#include "cli/crawl_command.h"
#include "cli/index_commands.h"
#include "cli/jobs_command.h"
#include "cli/replay_command.h"
#include "cli/serve_command.h"
#include "cli/warc_commands.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{"warcrawl: a polite web-archive crawler and WARC preserver"};
  app.set_version_flag("--version", std::string("warcrawl ") + WARCRAWL_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  warcrawl::cli::AddWarcCommands(app, &exit_code);
  warcrawl::cli::AddIndexCommands(app, &exit_code);
  warcrawl::cli::AddCrawlCommand(app, &exit_code);
  warcrawl::cli::AddReplayCommand(app, &exit_code);
  warcrawl::cli::AddJobsCommand(app, &exit_code);
  warcrawl::cli::AddServeCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One clear line and a non-zero exit, as for every other error.
    std::cerr << "warcrawl: " << e.what() << " (see --help)\n";
    return 2;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    // The libraries report through Status; this is only for the unexpected (bad_alloc…).
    std::cerr << "warcrawl: " << e.what() << "\n";
    return 1;
  }
}
