// Status is the result of an operation that can fail: OK, or an error code with a message
// saying what went wrong and where. Library boundaries return Status instead of throwing,
// so callers decide what an error means (skip a record, stop a crawl, exit 1).
//
// Thread-safety: a Status is a value; distinct objects may be used from distinct threads.
#ifndef WARCRAWL_WARC_STATUS_H_
#define WARCRAWL_WARC_STATUS_H_

#include <string>
#include <string_view>

namespace warcrawl {

class Status {
 public:
  enum class Code {
    kOk,
    kNotFound,
    kCorruption,
    kInvalidArgument,
    kIOError,
    kNotSupported,
    kEndOfFile
  };

  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status NotSupported(std::string_view msg) { return Status(Code::kNotSupported, msg); }
  // A clean end of input: not an error for an iterator, but a distinct outcome.
  static Status EndOfFile() { return Status(Code::kEndOfFile, "end of file"); }
  // An IOError carrying strerror(errno) after the given context.
  static Status FromErrno(std::string_view context, int err);

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsNotSupported() const { return code_ == Code::kNotSupported; }
  bool IsEndOfFile() const { return code_ == Code::kEndOfFile; }

  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace warcrawl

#endif  // WARCRAWL_WARC_STATUS_H_
