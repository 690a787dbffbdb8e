// The single `warcrawl` binary: parses the command line and hands each sub-command to
// the library that does the work.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"warcrawl: a polite web-archive crawler and WARC preserver"};
  app.set_version_flag("--version", std::string("warcrawl ") + WARCRAWL_VERSION);
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (argc == 1) {
    std::cout << app.help();
  }
  return 0;
}
