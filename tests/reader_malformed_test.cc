// WarcReader on damaged input: every fault is a Status naming the offset and the problem,
// the records before it are read normally, and tolerated irregularities show in framing().
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/warc_test_files.h"
#include "warc/reader.h"

namespace warcrawl::warc {
namespace {

using testing::GzipMember;
using testing::Record;
using testing::TempDir;

const std::string kFirst = Record("warcinfo", "first", "software: test\r\n");
const std::string kSecond = Record("resource", "second", "0123456789");

// Reads records until a non-OK status; returns the record ids read in full.
std::vector<std::string> ReadIds(const std::string& path, Status* end,
                                 std::vector<RecordFraming>* framings = nullptr) {
  std::vector<std::string> ids;
  std::unique_ptr<WarcReader> reader;
  if (*end = WarcReader::Open(path, &reader); !end->ok()) return ids;
  RecordHeader h;
  while ((*end = reader->Next(&h)).ok()) {
    if (*end = reader->SkipBlock(); !end->ok()) return ids;
    ids.emplace_back(h.record_id());
    if (framings) framings->push_back(reader->framing());
  }
  return ids;
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  size_t at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("no " + std::string(from));
  return s.replace(at, from.size(), to);
}

void ExpectError(const Status& s, bool corruption, std::string_view text) {
  EXPECT_EQ(s.IsCorruption(), corruption) << s.ToString();
  EXPECT_NE(s.message().find(text), std::string::npos) << s.ToString();
}

class MalformedTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(MalformedTest, EmptyFileAndBlankFileEndCleanly) {
  Status end;
  EXPECT_TRUE(ReadIds(dir_.Write("empty.warc", ""), &end).empty());
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  EXPECT_TRUE(ReadIds(dir_.Write("blank.warc", "\r\n\r\n\n"), &end).empty());
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
}

TEST_F(MalformedTest, ArcFilesAreNotSupported) {
  std::string arc =
      "filedesc://x.arc 0.0.0.0 20080430204825 text/plain 76\n1 1 InternetArchive\n"
      "URL IP-address Archive-date Content-type Archive-length\n\n";
  for (std::string bytes : {arc, GzipMember(arc)}) {
    Status end;
    ReadIds(dir_.Write("x.arc", bytes), &end);
    EXPECT_TRUE(end.IsNotSupported()) << end.ToString();
    EXPECT_NE(end.message().find("ARC files are not supported yet"), std::string::npos);
  }
}

TEST_F(MalformedTest, UnknownVersionIsNotSupported) {
  Status end;
  ReadIds(dir_.Write("v2.warc", kFirst + Record("resource", "v", "x", "WARC/2.0")), &end);
  EXPECT_TRUE(end.IsNotSupported()) << end.ToString();
  EXPECT_NE(end.message().find("record at offset " + std::to_string(kFirst.size())),
            std::string::npos);
  EXPECT_NE(end.message().find("WARC/2.0"), std::string::npos);
}

TEST_F(MalformedTest, GarbageAtTheStartIsCorruption) {
  Status end;
  ReadIds(dir_.Write("g.warc", "hello there\r\n" + kFirst), &end);
  ExpectError(end, true, "offset 0: expected a WARC/ version line, found 'hello there'");
}

TEST_F(MalformedTest, GarbageAtTheEndIsCorruptionAfterTheRecords) {
  Status end;
  auto ids = ReadIds(dir_.Write("g.warc", kFirst + kSecond + "trailing junk\n"), &end);
  EXPECT_EQ(ids.size(), 2u);
  ExpectError(end, true,
              "offset " + std::to_string(kFirst.size() + kSecond.size()) +
                  ": the last 14 bytes of the file are not a WARC record");
}

TEST_F(MalformedTest, ShortContentLengthLeavesJunkThatIsReported) {
  for (bool gzip : {false, true}) {
    std::string shorter = Replace(kFirst, "Content-Length: 16", "Content-Length: 13");
    std::string bytes = gzip ? GzipMember(shorter) + GzipMember(kSecond) : shorter + kSecond;
    Status end;
    std::vector<RecordFraming> framings;
    auto ids = ReadIds(dir_.Write("short.warc", bytes), &end, &framings);
    EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_FALSE(framings[0].trailer_crlf);
    EXPECT_EQ(framings[0].ends_member, false);
    EXPECT_EQ(framings[1].junk_before, 3u);   // "t\r\n", the end of the block
    EXPECT_EQ(framings[1].blank_before, 4u);  // the two CRLFs meant to follow it
    EXPECT_TRUE(framings[1].trailer_crlf);
  }
}

TEST_F(MalformedTest, LongContentLengthIsATruncatedBlock) {
  std::string longer = Replace(kSecond, "Content-Length: 10", "Content-Length: 110");
  Status end;
  auto ids = ReadIds(dir_.Write("long.warc", kFirst + longer), &end);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_TRUE(end.IsCorruption());
  EXPECT_EQ(end.message(), "record at offset " + std::to_string(kFirst.size()) +
                               ": block truncated: Content-Length 110 but only 14 bytes remain");

  std::string m1 = GzipMember(kFirst);
  ids = ReadIds(dir_.Write("long.warc.gz", m1 + GzipMember(longer)), &end);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(end.message(), "record at offset " + std::to_string(m1.size()) +
                               ": block truncated: Content-Length 110 but only 14 bytes remain");
}

TEST_F(MalformedTest, MissingOrBadContentLengthIsCorruptionNamingTheRecord) {
  const std::string at = "record at offset " + std::to_string(kFirst.size());
  struct Case {
    std::string to, message;
  } cases[] = {
      {"X-Length: 10", at + ": no Content-Length"},
      {"Content-Length: ten", at + ": Content-Length 'ten' is not a number"},
      {"Content-Length: -10", at + ": Content-Length '-10' is not a number"},
      {"Content-Length: 10\r\nContent-Length: 11", at + ": 2 Content-Length fields ('10', '11')"},
  };
  for (const Case& c : cases) {
    std::string bad = Replace(kSecond, "Content-Length: 10", c.to);
    Status end;
    auto ids = ReadIds(dir_.Write("cl.warc", kFirst + bad + kFirst), &end);
    EXPECT_EQ(ids, std::vector<std::string>{"<urn:uuid:first>"}) << c.to;
    ExpectError(end, true, c.message);
  }
}

TEST_F(MalformedTest, HeaderCutShortOrUnparsableIsCorruption) {
  const std::string at = "record at offset " + std::to_string(kFirst.size());
  Status end;
  ReadIds(dir_.Write("cut.warc", kFirst + kSecond.substr(0, 40)), &end);
  ExpectError(end, true, at + ": the file ends inside the record header");
  ReadIds(dir_.Write("colon.warc", kFirst + Replace(kSecond, "WARC-Type:", "WARC-Type")), &end);
  ExpectError(end, true, at + ": header line 2 is not a 'Name: value' field");
}

TEST_F(MalformedTest, OverlongHeaderIsCorruptionNotUnboundedMemory) {
  std::string huge =
      Replace(kSecond, "WARC-Type", "X-Long: " + std::string(300000, 'a') + "\r\nWARC-Type");
  Status end;
  ReadIds(dir_.Write("huge.warc", huge), &end);
  ExpectError(end, true, "record at offset 0: record header longer than 262144 bytes");
}

TEST_F(MalformedTest, TruncatedGzipMemberNamesItsOffset) {
  std::string m1 = GzipMember(kFirst), m2 = GzipMember(kSecond);
  std::string m3 = GzipMember(Record("resource", "third", std::string(5000, 'z')));
  Status end;
  auto ids = ReadIds(dir_.Write("t.warc.gz", m1 + m2 + m3.substr(0, m3.size() - 10)), &end);
  EXPECT_EQ(ids, (std::vector<std::string>{"<urn:uuid:first>", "<urn:uuid:second>"}));
  ExpectError(end, true, "truncated gzip member at byte " + std::to_string(m1.size() + m2.size()));
}

TEST_F(MalformedTest, CorruptGzipDataNamesTheMember) {
  std::string m1 = GzipMember(kFirst), m2 = GzipMember(kSecond);
  std::string bad_type = m2, bad_crc = m2;
  bad_type[10] = '\x07';  // first deflate block: BFINAL with the reserved BTYPE 11
  bad_crc[bad_crc.size() - 8] ^= 0x55;
  for (const std::string& bad : {bad_type, bad_crc}) {
    Status end;
    auto ids = ReadIds(dir_.Write("c.warc.gz", m1 + bad + GzipMember(kFirst)), &end);
    EXPECT_EQ(ids, std::vector<std::string>{"<urn:uuid:first>"});
    ExpectError(end, true, "gzip member at byte " + std::to_string(m1.size()) + ": corrupt");
  }
}

TEST_F(MalformedTest, GarbageAfterAGzipMemberIsCorruption) {
  std::string m1 = GzipMember(kFirst), m2 = GzipMember(kSecond);
  Status end;
  auto ids = ReadIds(dir_.Write("g.warc.gz", m1 + m2 + "GARBAGE!"), &end);
  EXPECT_EQ(ids.size(), 2u);
  ExpectError(end, true,
              "garbage after gzip member: byte " + std::to_string(m1.size() + m2.size()));
}

TEST_F(MalformedTest, SeekMustLandOnAGzipMember) {
  std::string m1 = GzipMember(kFirst);
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("s.warc.gz", m1 + GzipMember(kSecond)), &reader).ok());
  RecordHeader h;
  ASSERT_TRUE(reader->Seek(3).ok());
  ExpectError(reader->Next(&h), true, "no gzip member starts at offset 3");
  ASSERT_TRUE(reader->Seek(m1.size()).ok());  // Seek clears the error
  ASSERT_TRUE(reader->Next(&h).ok());
  EXPECT_EQ(h.record_id(), "<urn:uuid:second>");
}

TEST_F(MalformedTest, SeekIntoTheMiddleOfAPlainRecordIsCorruption) {
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("s.warc", kFirst + kSecond), &reader).ok());
  RecordHeader h;
  ASSERT_TRUE(reader->Seek(10).ok());
  ExpectError(reader->Next(&h), true, "offset 10: expected a WARC/ version line");
}

TEST_F(MalformedTest, ErrorsAreSticky) {
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("e.warc", "junk\n" + kFirst), &reader).ok());
  RecordHeader h;
  Status first = reader->Next(&h);
  ASSERT_TRUE(first.IsCorruption());
  EXPECT_EQ(reader->Next(&h).ToString(), first.ToString());
  char c;
  size_t got;
  EXPECT_EQ(reader->ReadBlock(&c, 1, &got).ToString(), first.ToString());
}

TEST_F(MalformedTest, OpenOfAMissingFileIsAnIOError) {
  std::unique_ptr<WarcReader> reader;
  Status s = WarcReader::Open("/nonexistent/dir/file.warc", &reader);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.message().find("/nonexistent/dir/file.warc"), std::string::npos);
}

}  // namespace
}  // namespace warcrawl::warc
