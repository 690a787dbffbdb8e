// UniqueFd owns a POSIX file descriptor and closes it when destroyed.
//
// Thread-safety: not thread-safe; a UniqueFd is owned by one thread at a time.
#ifndef WARCRAWL_WARC_UNIQUE_FD_H_
#define WARCRAWL_WARC_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace warcrawl {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now and reports close()'s result (0 or -1 with errno), which can carry a
  // delayed write error.
  int Close() {
    int rc = fd_ >= 0 ? ::close(fd_) : 0;
    fd_ = -1;
    return rc;
  }
  void Reset() { Close(); }
  // Gives up ownership (to a library that will close it) and returns the descriptor.
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_ = -1;
};

}  // namespace warcrawl

#endif  // WARCRAWL_WARC_UNIQUE_FD_H_
