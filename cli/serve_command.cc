#include "cli/serve_command.h"

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/listen_address.h"
#include "cli/stop_signals.h"
#include "jobs/api_token.h"
#include "jobs/collection_indexes.h"
#include "jobs/jobs_api.h"
#include "jobs/scheduler.h"
#include "replay/collection.h"
#include "replay/replay_server.h"

namespace warcrawl::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string data = "warcrawl-data";
  std::string listen = "127.0.0.1:8080";
  size_t threads = 8;
  size_t max_runs = 2;
};

int RunServe(const ServeArgs& args) {
  replay::ReplayServerOptions options;
  if (!ParseListen(args.listen, &options.host, &options.port)) {
    std::cerr << "warcrawl serve: --listen: expected HOST:PORT, got " << args.listen << "\n";
    return 2;
  }
  options.threads = args.threads;
  StopSignals signals;  // before LevelDB's, the scheduler's or the server's threads start
  std::error_code ec;
  fs::create_directories(args.data, ec);
  std::string token;
  std::unique_ptr<jobs::JobStore> store;
  Status s = jobs::LoadOrCreateApiToken(args.data, &token);
  if (s.ok()) s = jobs::JobStore::Open((fs::path(args.data) / "jobs").string(), &store);
  replay::CollectionSet collections;
  if (s.ok()) {
    s = replay::OpenCollections(args.data, "archive", &collections);
    if (s.IsNotFound()) s = Status::OK();  // no archive yet: jobs will make collections
  }
  if (!s.ok()) {
    std::cerr << "warcrawl serve: " << s.ToString() << "\n";
    return 1;
  }
  replay::ReplayServer* server_ptr = nullptr;
  jobs::SchedulerOptions scheduling{args.data, WARCRAWL_VERSION, args.max_runs};
  jobs::Scheduler scheduler(store.get(), scheduling,
                            jobs::CollectionIndexes(&collections, args.data),
                            [&](const std::string&) {
                              if (server_ptr != nullptr) server_ptr->ClearCache();
                            });
  jobs::JobsApi api(store.get(), &scheduler, token, WARCRAWL_VERSION);
  options.before = [&api](const replay::ReplayRequest& r, replay::ReplayReply* reply) {
    return api.Handle(r, reply);
  };
  replay::ReplayServer server(collections, options);
  server_ptr = &server;
  int port = 0;
  if (s = server.Bind(&port); !s.ok()) {
    std::cerr << "warcrawl serve: " << s.message() << "\n";
    return 1;
  }
  scheduler.Start();
  signals.Start([&scheduler, &server] {
    std::cerr << "\nwarcrawl serve: stopping (runs in progress continue on the next start)\n";
    scheduler.Stop();
    server.Stop();
  });
  std::cout << "Serving " << args.data << " on http://" << options.host << ":" << port
            << "/  (jobs: /jobs, API: /api/jobs; token in "
            << (fs::path(args.data) / "api-token").string() << ")" << std::endl;
  s = server.Run();
  signals.Finish();
  scheduler.Stop();
  if (!s.ok()) {
    std::cerr << "warcrawl serve: " << s.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd =
      app.add_subcommand("serve", "Run crawl jobs on their schedules, replay, and the jobs API");
  cmd->add_option("--data", args->data, "Data directory (jobs/, collections/, api-token)");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--threads", args->threads,
                  "Server threads, each serving many connections (default 8)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-runs", args->max_runs, "Crawls running at once (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->callback([=] { *exit_code = RunServe(*args); });
}

}  // namespace warcrawl::cli
