// Runs a shell command for a test and collects its exit status and output (stdout and
// stderr together).
#ifndef WARCRAWL_TESTS_RUN_COMMAND_H_
#define WARCRAWL_TESTS_RUN_COMMAND_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace warcrawl::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// warcio.js (../shared/tools/warcio-check) on `files`: exit status and its report.
inline CommandResult WarcioCheck(const std::string& files) {
  return RunCommand(std::string(WARCRAWL_SHARED_DIR) + "/tools/warcio-check " + files);
}

}  // namespace warcrawl::testing

#endif  // WARCRAWL_TESTS_RUN_COMMAND_H_
