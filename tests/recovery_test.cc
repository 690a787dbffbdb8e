#include "warc/recovery.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/validator.h"
#include "warc/writer.h"

namespace warcrawl::warc {
namespace {

namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::TempDir;

// What a writer had on disk when it was killed: its .open file, and where each record lies.
struct Crashed {
  std::string data;
  std::vector<RecordLocation> records;
};

Crashed WriteAndAbandon(const TempDir& dir, bool compress) {
  WriterOptions options;
  options.directory = dir.File("w");
  options.compress = compress;
  std::unique_ptr<WarcWriter> writer;
  EXPECT_TRUE(WarcWriter::Open(options, &writer).ok());
  Crashed crashed;
  Capture capture{"http://blog.example/", NowMicros(), "", ""};
  for (int i = 0; i < 3; ++i) {
    std::string body(5000 + i, static_cast<char>('a' + i));
    RecordLocation loc;
    EXPECT_TRUE(
        writer->Write(BuildResourceHeader(capture, "text/plain", body, RecordFormat{}), body, &loc)
            .ok());
    crashed.records.push_back(loc);
  }
  crashed.data = ReadFileOrDie(writer->current_path());
  return crashed;
}

size_t Errors(const std::string& path) {
  ValidationReport report;
  EXPECT_TRUE(ValidateFile(path, nullptr, &report).ok());
  return report.errors;
}

TEST(RecoveryTest, CutsAPartialLastGzipMemberAndRenames) {
  TempDir dir;
  Crashed crashed = WriteAndAbandon(dir, true);
  const RecordLocation& last = crashed.records.back();
  std::string path = dir.Write("job-1.warc.gz.open", crashed.data.substr(0, last.offset + 100));
  RecoveryResult result;
  ASSERT_TRUE(RecoverOpenWarc(path, &result).ok());
  EXPECT_EQ(result.records, 3u);  // warcinfo and two whole records
  EXPECT_EQ(result.bytes_cut, 100u);
  EXPECT_EQ(result.final_path, dir.File("job-1.warc.gz"));
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(fs::file_size(result.final_path), last.offset);
  EXPECT_EQ(Errors(result.final_path), 0u);
}

TEST(RecoveryTest, AWholeFileIsOnlyRenamed) {
  TempDir dir;
  Crashed crashed = WriteAndAbandon(dir, true);
  std::string path = dir.Write("job-2.warc.gz.open", crashed.data);
  RecoveryResult result;
  ASSERT_TRUE(RecoverOpenWarc(path, &result).ok());
  EXPECT_EQ(result.records, 4u);
  EXPECT_EQ(result.bytes_cut, 0u);
  EXPECT_EQ(ReadFileOrDie(result.final_path), crashed.data);
}

TEST(RecoveryTest, CutsAPartialPlainRecord) {
  TempDir dir;
  Crashed crashed = WriteAndAbandon(dir, false);
  const RecordLocation& last = crashed.records.back();
  std::string path = dir.Write("job-3.warc.open", crashed.data.substr(0, last.offset + 30));
  RecoveryResult result;
  ASSERT_TRUE(RecoverOpenWarc(path, &result).ok());
  EXPECT_EQ(result.records, 3u);
  EXPECT_EQ(fs::file_size(result.final_path), last.offset);
  EXPECT_EQ(Errors(result.final_path), 0u);
}

TEST(RecoveryTest, RefusesDamageThatIsNotACrashTail) {
  TempDir dir;
  Crashed crashed = WriteAndAbandon(dir, true);
  std::string damaged = crashed.data;
  damaged[crashed.records[1].offset + 40] ^= 0x55;  // inside a middle member's deflate data
  std::string path = dir.Write("job-4.warc.gz.open", damaged);
  RecoveryResult result;
  Status s = RecoverOpenWarc(path, &result);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_EQ(ReadFileOrDie(path), damaged);  // nothing changed
}

TEST(RecoveryTest, AFileWithNoWholeRecordIsRemoved) {
  TempDir dir;
  Crashed crashed = WriteAndAbandon(dir, true);
  std::string path = dir.Write("job-5.warc.gz.open", crashed.data.substr(0, 10));
  RecoveryResult result;
  ASSERT_TRUE(RecoverOpenWarc(path, &result).ok());
  EXPECT_EQ(result.records, 0u);
  EXPECT_TRUE(result.final_path.empty());
  EXPECT_FALSE(fs::exists(path));
  std::string empty = dir.Write("job-6.warc.gz.open", "");
  ASSERT_TRUE(RecoverOpenWarc(empty, &result).ok());
  EXPECT_FALSE(fs::exists(empty));
}

TEST(RecoveryTest, OnlyTakesOpenFiles) {
  RecoveryResult result;
  EXPECT_TRUE(RecoverOpenWarc("/tmp/x.warc.gz", &result).IsInvalidArgument());
}

}  // namespace
}  // namespace warcrawl::warc
