#include "warc/status.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace warcrawl {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, NamedConstructorsCarryCodeAndMessage) {
  Status s = Status::Corruption("bad gzip member at offset 881");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_FALSE(s.IsIOError());
  EXPECT_EQ(s.message(), "bad gzip member at offset 881");
  EXPECT_EQ(s.ToString(), "corruption: bad gzip member at offset 881");
  EXPECT_TRUE(Status::EndOfFile().IsEndOfFile());
  EXPECT_TRUE(Status::NotFound("x").IsNotFound());
  EXPECT_TRUE(Status::InvalidArgument("x").IsInvalidArgument());
  EXPECT_TRUE(Status::NotSupported("x").IsNotSupported());
}

TEST(StatusTest, FromErrnoNamesContextAndError) {
  Status s = Status::FromErrno("open /nope", ENOENT);
  EXPECT_TRUE(s.IsIOError());
  EXPECT_EQ(s.message(), "open /nope: No such file or directory");
}

}  // namespace
}  // namespace warcrawl
