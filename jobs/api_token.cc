#include "jobs/api_token.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "warc/unique_fd.h"

namespace warcrawl::jobs {
namespace {

constexpr size_t kTokenBytes = 32;

Status RandomHex(std::string* out) {
  UniqueFd fd(::open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Status::FromErrno("cannot open /dev/urandom", errno);
  unsigned char bytes[kTokenBytes];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::read(fd.get(), bytes + got, sizeof bytes - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IOError("cannot read /dev/urandom");
    got += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out->clear();
  for (unsigned char b : bytes) {
    out->push_back(kHex[b >> 4]);
    out->push_back(kHex[b & 15]);
  }
  return Status::OK();
}

Status ReadToken(const std::string& path, std::string* token) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Status::FromErrno("cannot read " + path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && (st.st_mode & 077) != 0) ::fchmod(fd.get(), 0600);
  char buf[256];
  ssize_t n = ::read(fd.get(), buf, sizeof buf);
  if (n <= 0) return Status::Corruption(path + " is empty: remove it to make a new token");
  token->assign(buf, static_cast<size_t>(n));
  while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
  if (token->size() < 16) return Status::Corruption(path + " holds no usable token");
  return Status::OK();
}

}  // namespace

Status LoadOrCreateApiToken(const std::string& data_dir, std::string* token) {
  const std::string path = (std::filesystem::path(data_dir) / "api-token").string();
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return ReadToken(path, token);
    return Status::FromErrno("cannot create " + path, errno);
  }
  if (Status s = RandomHex(token); !s.ok()) return s;
  const std::string line = *token + "\n";
  if (::write(fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fsync(fd.get()) != 0) {
    ::unlink(path.c_str());
    return Status::FromErrno("cannot write " + path, errno);
  }
  return Status::OK();
}

bool BearerMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() != kScheme.size() + token.size() || token.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    diff |= static_cast<unsigned char>(authorization[i] ^ kScheme[i]);
  }
  for (size_t i = 0; i < token.size(); ++i) {
    diff |= static_cast<unsigned char>(authorization[kScheme.size() + i] ^ token[i]);
  }
  return diff == 0;
}

}  // namespace warcrawl::jobs
