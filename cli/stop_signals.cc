#include "cli/stop_signals.h"

#include <pthread.h>

#include <utility>

namespace warcrawl::cli {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  for (int sig : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals_, sig);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

StopSignals::~StopSignals() { Finish(); }

void StopSignals::Finish() {
  if (!thread_.joinable()) return;
  pthread_kill(thread_.native_handle(), SIGUSR1);  // SIGUSR1 only ends the thread
  thread_.join();
}

void StopSignals::Start(std::function<void()> on_signal) {
  thread_ = std::thread([this, on_signal = std::move(on_signal)] {
    for (;;) {
      int signal = 0;
      sigwait(&signals_, &signal);
      if (signal == SIGUSR1) return;
      on_signal();
    }
  });
}

}  // namespace warcrawl::cli
