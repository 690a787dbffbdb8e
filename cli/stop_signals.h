// StopSignals takes SIGINT and SIGTERM on a thread of its own (sigwait), where stopping a
// server or a crawl is safe; a signal handler could not call into them. Construct it before
// any other thread starts (it blocks the signals for the threads made after it), then Start
// it once what the callback stops exists. The destructor ends the thread.
#ifndef WARCRAWL_CLI_STOP_SIGNALS_H_
#define WARCRAWL_CLI_STOP_SIGNALS_H_

#include <csignal>
#include <functional>
#include <thread>

namespace warcrawl::cli {

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // `on_signal` runs on the signal thread for every SIGINT or SIGTERM (a second one too:
  // a caller may escalate).
  void Start(std::function<void()> on_signal);
  // Ends the signal thread (idempotent): call it before what the callback stops is destroyed.
  void Finish();

 private:
  sigset_t signals_;
  std::thread thread_;
};

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_STOP_SIGNALS_H_
