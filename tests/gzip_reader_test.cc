// GzipReader: plain and gzip input, member boundaries and offsets, line reading across
// members and buffers, and the errors for damaged gzip.
#include "warc/gzip_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/warc_test_files.h"

namespace warcrawl::warc {
namespace {

using testing::GzipMember;
using testing::Noise;
using testing::TempDir;

// Everything from the current position to the end, crossing members.
Status ReadRest(GzipReader* r, std::string* out) {
  for (;;) {
    bool more;
    if (Status s = r->Fill(/*cross_members=*/true, &more); !s.ok() || !more) return s;
    out->append(r->buffered());
    r->Consume(r->buffered().size());
  }
}

// The rest of the current member only.
Status ReadMember(GzipReader* r, std::string* out) {
  for (;;) {
    bool more;
    if (Status s = r->Fill(/*cross_members=*/false, &more); !s.ok() || !more) return s;
    out->append(r->buffered());
    r->Consume(r->buffered().size());
  }
}

class GzipReaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<GzipReader> Open(std::string_view bytes) {
    std::unique_ptr<GzipReader> r;
    Status s = GzipReader::Open(dir_.Write("f", bytes), &r);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return r;
  }
  TempDir dir_;
};

TEST_F(GzipReaderTest, PlainFileIsReadAsIs) {
  for (std::string bytes : {std::string("hello\nworld"), std::string("\x1f"), std::string()}) {
    auto r = Open(bytes);
    EXPECT_FALSE(r->gzip());
    std::string all;
    ASSERT_TRUE(ReadRest(r.get(), &all).ok());
    EXPECT_EQ(all, bytes);
    EXPECT_EQ(r->position(), bytes.size());
    EXPECT_FALSE(r->member_ended());
  }
}

TEST_F(GzipReaderTest, MembersAreReportedWithTheirOffsets) {
  std::string m1 = GzipMember("first member\n"), m2 = GzipMember(""), m3 = GzipMember("third\n");
  auto r = Open(m1 + m2 + m3);
  ASSERT_TRUE(r->gzip());
  std::string got;
  ASSERT_TRUE(ReadMember(r.get(), &got).ok());
  EXPECT_EQ(got, "first member\n");
  EXPECT_EQ(r->member_offset(), 0u);
  EXPECT_EQ(r->member_ordinal(), 1u);
  EXPECT_TRUE(r->member_ended());
  EXPECT_EQ(r->member_end(), m1.size());
  EXPECT_EQ(r->offset_in_member(), 13u);

  bool more;
  ASSERT_TRUE(r->Fill(/*cross_members=*/true, &more).ok());  // passes the empty member
  ASSERT_TRUE(more);
  EXPECT_EQ(r->member_offset(), m1.size() + m2.size());
  EXPECT_EQ(r->member_ordinal(), 3u);
  EXPECT_EQ(r->offset_in_member(), 0u);
  EXPECT_FALSE(r->member_ended());
  r->Consume(2);
  EXPECT_EQ(r->offset_in_member(), 2u);
  EXPECT_EQ(r->position(), 15u);
  got.clear();
  ASSERT_TRUE(ReadRest(r.get(), &got).ok());
  EXPECT_EQ(got, "ird\n");
  EXPECT_TRUE(r->member_ended());
  EXPECT_EQ(r->member_end(), m1.size() + m2.size() + m3.size());
}

TEST_F(GzipReaderTest, ReadLineCrossesMembersAndBoundsWhatItKeeps) {
  auto r = Open(GzipMember("abc") + GzipMember("def\nxyz") + GzipMember("\nlast"));
  std::string line;
  uint64_t length;
  ASSERT_TRUE(r->ReadLine(100, &line, &length).ok());
  EXPECT_EQ(line, "abcdef\n");
  EXPECT_EQ(length, 7u);
  ASSERT_TRUE(r->ReadLine(2, &line, &length).ok());
  EXPECT_EQ(line, "xy");
  EXPECT_EQ(length, 4u);
  ASSERT_TRUE(r->ReadLine(100, &line, &length).ok());
  EXPECT_EQ(line, "last");
  ASSERT_TRUE(r->ReadLine(100, &line, &length).ok());
  EXPECT_EQ(length, 0u);
}

TEST_F(GzipReaderTest, LargeMembersAreStreamedInFixedBuffers) {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += std::to_string(i * 7919 % 100003) + ",";
  auto r = Open(GzipMember(big) + GzipMember(big));
  bool more;
  ASSERT_TRUE(r->Fill(true, &more).ok());
  EXPECT_LE(r->buffered().size(), GzipReader::kOutputSize);
  std::string all;
  ASSERT_TRUE(ReadRest(r.get(), &all).ok());
  EXPECT_EQ(all, big + big);
}

TEST_F(GzipReaderTest, SeekStartsAtAMember) {
  std::string m1 = GzipMember("one"), m2 = GzipMember("two");
  auto r = Open(m1 + m2);
  ASSERT_TRUE(r->Seek(m1.size()).ok());
  std::string got;
  ASSERT_TRUE(ReadRest(r.get(), &got).ok());
  EXPECT_EQ(got, "two");
  EXPECT_EQ(r->member_offset(), m1.size());
  EXPECT_EQ(r->member_ordinal(), 1u);
  ASSERT_TRUE(r->Seek(1).ok());
  Status s = ReadRest(r.get(), &got);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.message(), "no gzip member starts at offset 1");
}

TEST_F(GzipReaderTest, TruncatedMemberDeliversItsDataThenTheError) {
  std::string m1 = GzipMember("complete\n");
  std::string m2 = GzipMember(std::string(1000, 'q') + "tail");
  auto r = Open(m1 + m2.substr(0, m2.size() - 6));
  std::string got;
  Status s = ReadRest(r.get(), &got);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.message(), "truncated gzip member at byte " + std::to_string(m1.size()) +
                             ": the file ends inside it");
  EXPECT_TRUE(got.starts_with("complete\nqqqq")) << got.substr(0, 20);
  EXPECT_EQ(ReadRest(r.get(), &got).ToString(), s.ToString());  // sticky
}

TEST_F(GzipReaderTest, GarbageAfterAMemberIsCorruption) {
  std::string m1 = GzipMember("data");
  for (std::string tail : {std::string("x"), std::string("\x1f\x8c zz", 5)}) {
    auto r = Open(m1 + tail);
    std::string got;
    Status s = ReadRest(r.get(), &got);
    EXPECT_EQ(got, "data");
    EXPECT_TRUE(s.IsCorruption());
    EXPECT_EQ(s.message(), "garbage after gzip member: byte " + std::to_string(m1.size()) +
                               " does not start a gzip member");
  }
}

TEST_F(GzipReaderTest, CrcMismatchIsFoundAtTheMemberEnd) {
  std::string m1 = GzipMember("ok"), m2 = GzipMember("checked");
  m2[m2.size() - 5] ^= 1;  // a CRC byte
  auto r = Open(m1 + m2);
  std::string got;
  Status s = ReadRest(r.get(), &got);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.message(), "gzip member at byte " + std::to_string(m1.size()) +
                             ": corrupt data (incorrect data check)");
}

// Many tiny members, as a WARC of small records is: each inflated whole, in one call, and
// each reported exactly where it lies, across many refills of the input buffer.
TEST_F(GzipReaderTest, ManyTinyMembersKeepTheirOffsets) {
  std::string file;
  std::vector<std::string> data;
  std::vector<uint64_t> offsets;
  for (int i = 0; i < 5000; ++i) {
    data.push_back("member " + std::to_string(i) + std::string(i % 97, 'x') + "\n");
    offsets.push_back(file.size());
    file += GzipMember(data.back());
  }
  auto r = Open(file);
  for (size_t i = 0; i < data.size(); ++i) {
    bool more;
    ASSERT_TRUE(r->Fill(/*cross_members=*/true, &more).ok());
    ASSERT_TRUE(more);
    EXPECT_EQ(r->member_offset(), offsets[i]);
    EXPECT_EQ(r->member_ordinal(), i + 1);
    std::string got;
    ASSERT_TRUE(ReadMember(r.get(), &got).ok());
    ASSERT_EQ(got, data[i]);
    ASSERT_TRUE(r->member_ended());
    EXPECT_EQ(r->member_end(), i + 1 < offsets.size() ? offsets[i + 1] : file.size());
  }
  std::string rest;
  ASSERT_TRUE(ReadRest(r.get(), &rest).ok());
  EXPECT_EQ(rest, "");
}

// A member whose compressed bytes outgrow the input buffer and whose data outgrows the
// output buffer is streamed, between small members taken whole.
TEST_F(GzipReaderTest, MembersBiggerThanTheBuffersAreStreamed) {
  const std::string big = Noise(GzipReader::kInputSize + GzipReader::kOutputSize, 3);
  const std::string m1 = GzipMember("small\n"), m2 = GzipMember(big), m3 = GzipMember("end\n");
  ASSERT_GT(m2.size(), GzipReader::kInputSize);
  auto r = Open(m1 + m2 + m3);
  std::string got;
  ASSERT_TRUE(ReadMember(r.get(), &got).ok());
  bool more;
  ASSERT_TRUE(r->Fill(/*cross_members=*/true, &more).ok());
  EXPECT_EQ(r->member_offset(), m1.size());
  got.clear();
  ASSERT_TRUE(ReadMember(r.get(), &got).ok());
  EXPECT_TRUE(got == big);
  EXPECT_EQ(r->member_end(), m1.size() + m2.size());
  got.clear();
  ASSERT_TRUE(ReadRest(r.get(), &got).ok());
  EXPECT_EQ(got, "end\n");
  EXPECT_EQ(r->position(), 6 + big.size() + 4);
}

// A truncated member after many whole ones fails exactly as when zlib read them all.
TEST_F(GzipReaderTest, TruncatedLastMemberAfterManyIsTheSameError) {
  std::string file;
  for (int i = 0; i < 300; ++i) file += GzipMember("record " + std::to_string(i) + "\n");
  const uint64_t last = file.size();
  const std::string m = GzipMember(Noise(3000, 5));
  file += m.substr(0, m.size() - 3);
  auto r = Open(file);
  std::string got;
  Status s = ReadRest(r.get(), &got);
  EXPECT_EQ(s.message(),
            "truncated gzip member at byte " + std::to_string(last) + ": the file ends inside it");
  EXPECT_TRUE(got.starts_with("record 0\n")) << got.substr(0, 20);
  EXPECT_EQ(got.size(), r->position());
}

TEST_F(GzipReaderTest, GarbageBetweenMembersStopsAtTheGarbage) {
  const std::string m1 = GzipMember("first\n"), m2 = GzipMember("second\n");
  auto r = Open(m1 + "junk" + m2);
  std::string got;
  Status s = ReadRest(r.get(), &got);
  EXPECT_EQ(got, "first\n");
  EXPECT_EQ(s.message(), "garbage after gzip member: byte " + std::to_string(m1.size()) +
                             " does not start a gzip member");
}

// One member for the whole file, as some tools write it: lines run across buffer refills.
TEST_F(GzipReaderTest, WholeFileGzipIsOneMember) {
  std::string text;
  for (int i = 0; i < 60000; ++i) text += "line " + std::to_string(i) + "\n";
  auto r = Open(GzipMember(text));
  std::string line;
  uint64_t length = 0;
  for (int i = 0; i < 60000; ++i) {
    ASSERT_TRUE(r->ReadLine(100, &line, &length).ok());
    ASSERT_EQ(line, "line " + std::to_string(i) + "\n");
    ASSERT_EQ(r->member_ordinal(), 1u);
  }
  ASSERT_TRUE(r->ReadLine(100, &line, &length).ok());
  EXPECT_EQ(length, 0u);
  EXPECT_TRUE(r->member_ended());
}

// libdeflate does not check a header CRC (FHCRC); zlib, which reads such members, does.
TEST_F(GzipReaderTest, HeaderCrcIsChecked) {
  std::string m = GzipMember("data");
  std::string with_crc = m.substr(0, 10) + "\0\0" + m.substr(10);  // a wrong header CRC
  with_crc[3] = static_cast<char>(with_crc[3] | 0x02);
  auto r = Open(GzipMember("ok") + with_crc);
  std::string got;
  Status s = ReadRest(r.get(), &got);
  EXPECT_EQ(got, "ok");
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("header crc mismatch"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace warcrawl::warc
