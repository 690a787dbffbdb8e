#include "warc/status.h"

#include <cstring>

namespace warcrawl {

Status Status::FromErrno(std::string_view context, int err) {
  std::string msg(context);
  msg += ": ";
  msg += std::strerror(err);
  return IOError(msg);
}

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kCorruption:
      name = "corruption";
      break;
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kIOError:
      name = "I/O error";
      break;
    case Code::kNotSupported:
      name = "not supported";
      break;
    case Code::kEndOfFile:
      name = "end of file";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace warcrawl
