#include "warc/writer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <filesystem>

#include "tests/warc_test_files.h"
#include "warc/record_builder.h"

namespace warcrawl::warc {
namespace {

namespace fs = std::filesystem;
using testing::InflateAllMembers;
using testing::InflateOneMember;
using testing::ReadFileOrDie;
using testing::TempDir;

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

RecordHeader Resource(std::string_view uri) {
  Capture capture{std::string(uri), NowMicros(), "", ""};
  return BuildResourceHeader(capture, "text/plain", "", RecordFormat{});
}

RecordHeader ParseMember(const std::string& member) {
  RecordHeader header;
  EXPECT_TRUE(ParseRecordHeader(member, &header).ok());
  return header;
}

TEST(WarcWriterTest, NamesFilesAndRenamesOnClose) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.prefix = "job";
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  RecordLocation loc;
  ASSERT_TRUE(writer->Write(Resource("urn:x"), "hello", &loc).ok());
  auto open_files = FilesIn(dir.path());
  ASSERT_EQ(open_files.size(), 1u);
  EXPECT_TRUE(open_files[0].ends_with(".warc.gz.open")) << open_files[0];
  EXPECT_EQ(open_files[0].substr(0, 4), "job-");
  EXPECT_EQ(open_files[0].substr(18, 7), "-00000-");
  EXPECT_EQ(loc.filename + ".open", open_files[0]);
  ASSERT_TRUE(writer->Close().ok());
  auto closed = FilesIn(dir.path());
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0], loc.filename);
}

TEST(WarcWriterTest, EachRecordIsOneMemberReadableFromItsOffset) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  std::vector<RecordLocation> locations(3);
  ASSERT_TRUE(writer->Write(Resource("urn:a"), "first", &locations[0]).ok());
  ASSERT_TRUE(writer->Write(Resource("urn:b"), std::string(100000, 'x'), &locations[1]).ok());
  std::vector<std::string_view> parts = {"sec", "ond"};
  ASSERT_TRUE(writer->Write(Resource("urn:c"), parts, &locations[2]).ok());
  std::string warcinfo_id = writer->warcinfo_id();
  ASSERT_TRUE(writer->Close().ok());

  std::string data = ReadFileOrDie(dir.File(locations[0].filename));
  std::vector<size_t> offsets;
  auto members = InflateAllMembers(data, &offsets);
  ASSERT_EQ(members.size(), 4u);  // warcinfo + 3
  EXPECT_EQ(ParseMember(members[0]).type(), RecordType::kWarcinfo);
  EXPECT_EQ(ParseMember(members[0]).record_id(), warcinfo_id);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(locations[i].offset, offsets[i + 1]);
    std::string member;
    size_t consumed = 0;
    ASSERT_TRUE(InflateOneMember(data, locations[i].offset, &member, &consumed));
    EXPECT_EQ(consumed, locations[i].length);
    RecordHeader h = ParseMember(member);
    EXPECT_EQ(h.fields.Get(field::kWarcinfoId), warcinfo_id);
    EXPECT_TRUE(member.ends_with("\r\n\r\n"));
  }
  EXPECT_EQ(locations[2].offset + locations[2].length, data.size());
  std::string last = members[3];
  EXPECT_TRUE(last.ends_with("\r\n\r\nsecond\r\n\r\n")) << last;
  EXPECT_EQ(ParseMember(last).content_length(), 6u);
}

TEST(WarcWriterTest, WarcinfoDescribesTheFile) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.warcinfo_fields.Add("operator", "Archivist <a@example.org>");
  options.warcinfo_fields.Add("software", "overridden/1");
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  RecordLocation loc;
  ASSERT_TRUE(writer->Write(Resource("urn:a"), "x", &loc).ok());
  ASSERT_TRUE(writer->Close().ok());
  auto members = InflateAllMembers(ReadFileOrDie(dir.File(loc.filename)));
  ASSERT_FALSE(members.empty());
  RecordHeader info = ParseMember(members[0]);
  EXPECT_EQ(info.version, "WARC/1.1");
  EXPECT_EQ(info.fields.Get(field::kFilename), loc.filename);
  EXPECT_EQ(info.fields.Get(field::kContentType), "application/warc-fields");
  EXPECT_NE(members[0].find("format: WARC File Format 1.1\r\n"), std::string::npos);
  EXPECT_NE(members[0].find("operator: Archivist <a@example.org>\r\n"), std::string::npos);
  EXPECT_NE(members[0].find("software: overridden/1\r\n"), std::string::npos);
  EXPECT_EQ(members[0].find("software: warcrawl"), std::string::npos);
}

TEST(WarcWriterTest, RotatesBeforeAFileWouldPassItsLimit) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.compress = false;  // sizes are then exact and predictable
  options.max_file_size = 3000;
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  std::vector<RecordLocation> locs(6);
  for (auto& loc : locs) {
    ASSERT_TRUE(writer->Write(Resource("urn:a"), std::string(900, 'y'), &loc).ok());
  }
  ASSERT_TRUE(writer->Close().ok());
  auto files = FilesIn(dir.path());
  ASSERT_GE(files.size(), 3u);
  for (const auto& name : files) {
    EXPECT_TRUE(name.ends_with(".warc")) << name;
    std::string data = ReadFileOrDie(dir.File(name));
    EXPECT_LE(data.size(), 3000u) << name;
    EXPECT_TRUE(data.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n")) << name;
  }
  // Serials count up, and each record names its own file's warcinfo.
  EXPECT_NE(files[0].find("-00000-"), std::string::npos);
  EXPECT_NE(files[1].find("-00001-"), std::string::npos);
  for (const auto& loc : locs) {
    std::string data = ReadFileOrDie(dir.File(loc.filename));
    RecordHeader info, rec;
    ASSERT_TRUE(ParseRecordHeader(data, &info).ok());
    ASSERT_TRUE(ParseRecordHeader(data.substr(loc.offset, loc.length), &rec).ok());
    EXPECT_EQ(rec.fields.Get(field::kWarcinfoId), info.record_id());
  }
}

TEST(WarcWriterTest, ANewWriterContinuesTheSerials) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  for (int run = 0; run < 2; ++run) {
    std::unique_ptr<WarcWriter> writer;
    ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
    RecordLocation loc;
    ASSERT_TRUE(writer->Write(Resource("urn:a"), "x", &loc).ok());
    EXPECT_NE(loc.filename.find(run == 0 ? "-00000-" : "-00001-"), std::string::npos);
  }
  EXPECT_EQ(FilesIn(dir.path()).size(), 2u);
}

TEST(WarcWriterTest, WritersSideBySideNeverShareAName) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.max_file_size = 1;  // every record after the first rotates
  std::unique_ptr<WarcWriter> a, b;
  ASSERT_TRUE(WarcWriter::Open(options, &a).ok());
  ASSERT_TRUE(WarcWriter::Open(options, &b).ok());
  RecordLocation loc;
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(a->Write(Resource("urn:a"), "x", &loc).ok());
    ASSERT_TRUE(b->Write(Resource("urn:b"), "y", &loc).ok());
  }
  ASSERT_TRUE(a->Close().ok());
  ASSERT_TRUE(b->Close().ok());
  // Each writer rotated into files of its own: twelve records in files none clobbered.
  size_t records = 0;
  for (const std::string& file : FilesIn(dir.path())) {
    records += InflateAllMembers(ReadFileOrDie(dir.File(file))).size();
  }
  EXPECT_EQ(records, 12u + FilesIn(dir.path()).size()) << "each file also has its warcinfo";
}

TEST(WarcWriterTest, WritesWarc10OnRequest) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.version = WarcVersion::k1_0;
  options.digest = DigestAlgorithm::kSha256;
  options.compress = false;
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  RecordLocation loc;
  RecordFormat format{WarcVersion::k1_0, DigestAlgorithm::kSha256};
  Capture capture{"http://example.com/", NowMicros(), "", ""};
  ASSERT_TRUE(
      writer->Write(BuildResourceHeader(capture, "text/plain", "abc", format), "abc", &loc).ok());
  ASSERT_TRUE(writer->Close().ok());
  std::string data = ReadFileOrDie(dir.File(loc.filename));
  RecordHeader rec;
  ASSERT_TRUE(ParseRecordHeader(data.substr(loc.offset), &rec).ok());
  EXPECT_EQ(rec.version, "WARC/1.0");
  EXPECT_EQ(rec.date().size(), 20u);  // no fractional seconds in 1.0
  EXPECT_EQ(rec.fields.Get(field::kBlockDigest),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(rec.fields.Get(field::kPayloadDigest), rec.fields.Get(field::kBlockDigest));
}

TEST(WarcWriterTest, AFailedWriteLeavesNoPartialRecord) {
  TempDir dir;
  WriterOptions options;
  options.directory = dir.path();
  options.compress = false;
  std::unique_ptr<WarcWriter> writer;
  ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
  RecordLocation first;
  ASSERT_TRUE(writer->Write(Resource("urn:a"), "small", &first).ok());
  uint64_t good_size = first.offset + first.length;

  // A file-size limit makes the next write fail half-way, like a full disk would.
  signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = good_size + 100;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  RecordLocation failed;
  Status s = writer->Write(Resource("urn:b"), std::string(10000, 'z'), &failed);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_EQ(fs::file_size(writer->current_path()), good_size);

  RecordLocation next;
  ASSERT_TRUE(writer->Write(Resource("urn:c"), "after", &next).ok());
  EXPECT_EQ(next.offset, good_size);
  ASSERT_TRUE(writer->Close().ok());
  std::string data = ReadFileOrDie(dir.File(next.filename));
  EXPECT_EQ(data.size(), next.offset + next.length);
  EXPECT_EQ(data.find("zzzz"), std::string::npos);
}

TEST(WarcWriterTest, RejectsBadOptions) {
  std::unique_ptr<WarcWriter> writer;
  WriterOptions options;
  options.prefix = "a/b";
  EXPECT_TRUE(WarcWriter::Open(options, &writer).IsInvalidArgument());
  options.prefix = "ok";
  options.digest = DigestAlgorithm::kMd5;
  EXPECT_TRUE(WarcWriter::Open(options, &writer).IsInvalidArgument());
  options.digest = DigestAlgorithm::kSha1;
  options.directory = "/proc/no-such-dir-can-exist-here";
  EXPECT_TRUE(WarcWriter::Open(options, &writer).IsIOError());
}

}  // namespace
}  // namespace warcrawl::warc
