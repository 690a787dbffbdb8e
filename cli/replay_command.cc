#include "cli/replay_command.h"

#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/listen_address.h"
#include "cli/stop_signals.h"
#include "replay/archive_url.h"
#include "replay/collection.h"
#include "replay/replay_server.h"

namespace warcrawl::cli {
namespace {

namespace fs = std::filesystem;

struct ReplayArgs {
  std::string data = "warcrawl-data";
  std::string collection;  // default: the data directory's name
  std::string listen = "127.0.0.1:8080";
  size_t threads = 8;
  size_t cache_mb = 64;
};

std::string DefaultCollectionName(const std::string& data) {
  std::string name = fs::absolute(fs::path(data)).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(fs::path(data)).parent_path().filename().string();
  return replay::IsValidCollectionName(name) ? name : "archive";
}

int RunReplay(const ReplayArgs& args) {
  replay::ReplayServerOptions options;
  if (!ParseListen(args.listen, &options.host, &options.port)) {
    std::cerr << "warcrawl replay: --listen: expected HOST:PORT, got " << args.listen << "\n";
    return 2;
  }
  options.threads = args.threads;
  StopSignals signals;  // before LevelDB's or the server's threads start
  options.service.cache_bytes = args.cache_mb << 20;
  const std::string name =
      args.collection.empty() ? DefaultCollectionName(args.data) : args.collection;
  replay::CollectionSet collections;
  if (Status s = replay::OpenCollections(args.data, name, &collections); !s.ok()) {
    std::cerr << "warcrawl replay: " << s.ToString() << "\n";
    return 1;
  }
  replay::ReplayServer server(collections, options);
  int port = 0;
  if (Status s = server.Bind(&port); !s.ok()) {
    std::cerr << "warcrawl replay: " << s.message() << "\n";
    return 1;
  }
  signals.Start([&server] {
    std::cerr << "\nwarcrawl replay: stopping\n";
    server.Stop();
  });
  const std::string host =
      options.host.find(':') == std::string::npos ? options.host : "[" + options.host + "]";
  std::cout << "Replaying " << args.data << ":";
  for (const auto& c : collections.All()) std::cout << " " << c->name();
  const auto all = collections.All();
  const std::string first = all.size() == 1 ? all[0]->name() + "/" : "";
  std::cout << "\nOpen http://" << host << ":" << port << "/" << first << "  (Ctrl-C stops)"
            << std::endl;
  Status s = server.Run();
  signals.Finish();
  if (!s.ok()) {
    std::cerr << "warcrawl replay: " << s.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddReplayCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReplayArgs>();
  CLI::App* cmd = app.add_subcommand("replay", "Serve the archive for browsing (pywb URLs)");
  cmd->add_option("--data", args->data, "Data directory (index/, warcs/)");
  cmd->add_option("--collection", args->collection,
                  "Name in replay URLs (default: the data directory's name)");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--threads", args->threads,
                  "Server threads, each serving many connections (default 8)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--cache-mb", args->cache_mb,
                  "Memory for rendered pages, in MiB (default 64; 0: render every request)")
      ->check(CLI::Range(0, 1 << 16));
  cmd->callback([=] { *exit_code = RunReplay(*args); });
}

}  // namespace warcrawl::cli
