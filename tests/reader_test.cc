// WarcReader on well-formed files written by hand: iteration, exact locations, random access
// by offset, block streaming, and the gzip layouts (per record, whole file, split members).
// Malformed input is covered in reader_malformed_test.cc.
#include "warc/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/warc_test_files.h"

namespace warcrawl::warc {
namespace {

using testing::GzipMember;
using testing::GzipMemberWithExtra;
using testing::Noise;
using testing::Record;
using testing::TempDir;

struct ReadRecord {
  RecordHeader header;
  std::string block;
  RecordLocation location;
  RecordFraming framing;
};

// Reads every record; *end gets the status that stopped the loop.
std::vector<ReadRecord> ReadAll(const std::string& path, Status* end) {
  std::vector<ReadRecord> records;
  std::unique_ptr<WarcReader> reader;
  *end = WarcReader::Open(path, &reader);
  if (!end->ok()) return records;
  for (;;) {
    ReadRecord r;
    if (*end = reader->Next(&r.header); !end->ok()) return records;
    if (*end = reader->ReadWholeBlock(&r.block, 1 << 24); !end->ok()) return records;
    r.location = reader->location();
    r.framing = reader->framing();
    records.push_back(std::move(r));
  }
}

class ReaderTest : public ::testing::Test {
 protected:
  const std::vector<std::string> records_ = {
      Record("warcinfo", "info-1", "software: test\r\nformat: WARC File Format 1.1\r\n"),
      Record("request", "req-2", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"),
      Record("response", "resp-3", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
  };
  const std::vector<std::string> ids_ = {"<urn:uuid:info-1>", "<urn:uuid:req-2>",
                                         "<urn:uuid:resp-3>"};
  TempDir dir_;

  std::string Concat(const std::vector<std::string>& parts) {
    std::string all;
    for (const auto& p : parts) all += p;
    return all;
  }
  std::vector<std::string> Members(const std::vector<std::string>& parts) {
    std::vector<std::string> members;
    for (const auto& p : parts) members.push_back(GzipMember(p));
    return members;
  }
  // Seeks a fresh reader to each location and checks the same record comes back.
  void ExpectAddressable(const std::string& path, const std::vector<ReadRecord>& records) {
    std::unique_ptr<WarcReader> reader;
    ASSERT_TRUE(WarcReader::Open(path, &reader).ok());
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
      ASSERT_TRUE(reader->Seek(it->location.offset).ok());
      RecordHeader h;
      ASSERT_TRUE(reader->Next(&h).ok()) << "offset " << it->location.offset;
      EXPECT_EQ(h.record_id(), it->header.record_id());
      std::string block;
      ASSERT_TRUE(reader->ReadWholeBlock(&block, 1 << 24).ok());
      EXPECT_EQ(block, it->block);
      EXPECT_EQ(reader->location().length, it->location.length);
    }
  }
};

TEST_F(ReaderTest, PlainFileIteratesRecordsInOrder) {
  std::string path = dir_.Write("plain.warc", Concat(records_));
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].header.type(), RecordType::kWarcinfo);
  EXPECT_EQ(records[1].header.type(), RecordType::kRequest);
  EXPECT_EQ(records[2].header.type(), RecordType::kResponse);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(records[i].header.record_id(), ids_[i]);
  EXPECT_EQ(records[2].block, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(records[0].header.version, "WARC/1.1");
}

TEST_F(ReaderTest, EndOfFileRepeatsAfterTheLastRecord) {
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("one.warc", records_[0]), &reader).ok());
  RecordHeader h;
  ASSERT_TRUE(reader->Next(&h).ok());
  EXPECT_TRUE(reader->Next(&h).IsEndOfFile());
  EXPECT_TRUE(reader->Next(&h).IsEndOfFile());
}

TEST_F(ReaderTest, PlainOffsetsAndLengthsAreExact) {
  std::string path = dir_.Write("plain.warc", Concat(records_));
  Status end;
  auto records = ReadAll(path, &end);
  ASSERT_EQ(records.size(), 3u);
  uint64_t offset = 0;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].location.filename, path);
    EXPECT_EQ(records[i].location.offset, offset);
    EXPECT_EQ(records[i].location.length, records_[i].size());
    EXPECT_FALSE(records[i].framing.gzip);
    EXPECT_TRUE(records[i].framing.trailer_crlf);
    EXPECT_TRUE(records[i].framing.header_crlf);
    EXPECT_TRUE(records[i].framing.addressable());
    EXPECT_FALSE(records[i].framing.member_per_record());
    offset += records_[i].size();
  }
  ExpectAddressable(path, records);
}

TEST_F(ReaderTest, PerRecordGzipLocationsAreTheMembers) {
  auto members = Members(records_);
  std::string path = dir_.Write("per-record.warc.gz", Concat(members));
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  uint64_t offset = 0;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].header.record_id(), ids_[i]);
    EXPECT_EQ(records[i].location.offset, offset);
    EXPECT_EQ(records[i].location.length, members[i].size());
    EXPECT_TRUE(records[i].framing.member_per_record());
    EXPECT_TRUE(records[i].framing.trailer_crlf);
    EXPECT_EQ(records[i].framing.members, 1u);
    offset += members[i].size();
  }
  ExpectAddressable(path, records);
}

TEST_F(ReaderTest, ExtraBlankLinesAtTheEndOfAMemberStillEndTheRecordThere) {
  std::vector<std::string> members;
  for (const auto& r : records_) members.push_back(GzipMember(r + "\r\n\n"));
  std::string path = dir_.Write("blank-tail.warc.gz", Concat(members));
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(records[i].framing.member_per_record()) << i;
    EXPECT_TRUE(records[i].framing.trailer_crlf) << i;
    EXPECT_EQ(records[i].framing.blank_before, i == 0 ? 0u : 3u) << i;
    EXPECT_EQ(records[i].location.length, members[i].size()) << i;
  }
  ExpectAddressable(path, records);
}

TEST_F(ReaderTest, WholeFileGzipReadsEveryRecordButSaysOffsetsAreShared) {
  std::string path = dir_.Write("whole.warc.gz", GzipMember(Concat(records_)));
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].header.record_id(), ids_[i]);
    EXPECT_EQ(records[i].location.offset, 0u);
    EXPECT_FALSE(records[i].framing.member_per_record());
    EXPECT_EQ(records[i].framing.starts_member, i == 0);
    EXPECT_EQ(records[i].framing.ends_member, i == 2);
  }
  EXPECT_FALSE(records[1].framing.addressable());
  EXPECT_EQ(records[1].location.length, 0u);  // not known: the member goes on
}

TEST_F(ReaderTest, MembersSplitInsideRecordsAreReadAndReported) {
  std::string all = Concat(records_);
  std::vector<std::string> pieces;
  for (size_t at = 0; at < all.size(); at += 50) pieces.push_back(all.substr(at, 50));
  std::string path = dir_.Write("split.warc.gz", Concat(Members(pieces)));
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].block, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  for (const auto& r : records) EXPECT_FALSE(r.framing.member_per_record());
  EXPECT_GT(records[0].framing.members, 1u);
  EXPECT_TRUE(records[0].framing.starts_member);
}

TEST_F(ReaderTest, BlockStreamsInSmallPieces) {
  std::vector<std::string> parts = {Record("resource", "big", Noise(200000, 7)), records_[2]};
  for (bool gzip : {false, true}) {
    std::string bytes = gzip ? Concat(Members(parts)) : Concat(parts);
    std::string path = dir_.Write(gzip ? "stream.warc.gz" : "stream.warc", bytes);
    for (size_t piece : {1, 3, 7, 4096, 100000}) {
      std::unique_ptr<WarcReader> reader;
      ASSERT_TRUE(WarcReader::Open(path, &reader).ok());
      RecordHeader h;
      ASSERT_TRUE(reader->Next(&h).ok());
      EXPECT_EQ(reader->content_length(), 200000u);
      std::string block, buf(piece, '\0');
      size_t got = 0;
      do {
        ASSERT_TRUE(reader->ReadBlock(buf.data(), piece, &got).ok());
        ASSERT_LE(got, piece);
        block.append(buf.data(), got);
      } while (got > 0);
      EXPECT_EQ(block, Noise(200000, 7)) << "piece " << piece << " gzip " << gzip;
      EXPECT_TRUE(reader->framing().trailer_crlf);
      ASSERT_TRUE(reader->Next(&h).ok());
      EXPECT_EQ(h.record_id(), ids_[2]);
    }
  }
}

// "r<i>": built with append, as GCC 12 misreports operator+ here (-Wrestrict).
std::string NumberedId(unsigned i) { return std::string("r").append(std::to_string(i)); }

TEST_F(ReaderTest, HeadersAndTrailersStraddlingBufferEndsAreRead) {
  // Sizes around the 64 KiB buffer put headers and CRLFs across buffer boundaries.
  std::vector<std::string> parts;
  for (unsigned i = 0; i < 40; ++i) {
    parts.push_back(Record("resource", NumberedId(i), Noise(65536 - 150 + i * 7, i)));
  }
  for (bool gzip : {false, true}) {
    std::string bytes = gzip ? GzipMember(Concat(parts)) : Concat(parts);
    Status end;
    auto records = ReadAll(dir_.Write(gzip ? "edges.warc.gz" : "edges.warc", bytes), &end);
    EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
    ASSERT_EQ(records.size(), parts.size());
    for (unsigned i = 0; i < parts.size(); ++i) {
      EXPECT_EQ(records[i].header.record_id(), "<urn:uuid:" + NumberedId(i) + ">");
      EXPECT_EQ(records[i].block, Noise(65536 - 150 + i * 7, i));
      EXPECT_TRUE(records[i].framing.trailer_crlf);
    }
  }
}

TEST_F(ReaderTest, NextSkipsAnUnreadBlock) {
  for (bool gzip : {false, true}) {
    std::string bytes = gzip ? Concat(Members(records_)) : Concat(records_);
    std::unique_ptr<WarcReader> reader;
    ASSERT_TRUE(WarcReader::Open(dir_.Write("skip.warc", bytes), &reader).ok());
    RecordHeader h;
    ASSERT_TRUE(reader->Next(&h).ok());
    char c;
    size_t got;
    ASSERT_TRUE(reader->ReadBlock(&c, 1, &got).ok());  // part of block 1 only
    ASSERT_TRUE(reader->Next(&h).ok());                // block 2 untouched
    ASSERT_TRUE(reader->Next(&h).ok());
    EXPECT_EQ(h.record_id(), ids_[2]);
    EXPECT_TRUE(reader->Next(&h).IsEndOfFile());
  }
}

TEST_F(ReaderTest, ReadWholeBlockRefusesABlockOverTheLimit) {
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("limit.warc", records_[2]), &reader).ok());
  RecordHeader h;
  ASSERT_TRUE(reader->Next(&h).ok());
  std::string block;
  Status s = reader->ReadWholeBlock(&block, 10);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("larger than the limit of 10"), std::string::npos);
  ASSERT_TRUE(reader->ReadWholeBlock(&block, 43).ok());  // nothing was consumed
  EXPECT_EQ(block, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
}

TEST_F(ReaderTest, ReadBlockNeedsACurrentRecord) {
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir_.Write("r.warc", records_[0]), &reader).ok());
  char c;
  size_t got;
  EXPECT_TRUE(reader->ReadBlock(&c, 1, &got).IsInvalidArgument());
  EXPECT_TRUE(reader->SkipBlock().IsInvalidArgument());
}

TEST_F(ReaderTest, AcceptsWarcVersionsFrom017To11) {
  for (std::string version : {"WARC/0.17", "WARC/0.18", "WARC/1.0", "WARC/1.1"}) {
    Status end;
    auto records = ReadAll(dir_.Write("v.warc", Record("resource", "v", "x", version)), &end);
    EXPECT_TRUE(end.IsEndOfFile()) << version << ": " << end.ToString();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].header.version, version);
  }
}

TEST_F(ReaderTest, ToleratesLfOnlyRecordsAndExtraBlankLines) {
  std::string lf =
      "WARC/1.0\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:lf>\n"
      "Content-Length: 5\n\nhello\n\n";
  std::string bytes = "\r\n" + lf + "\r\n\r\n\r\n" + records_[1];
  for (bool gzip : {false, true}) {
    Status end;
    auto records = ReadAll(dir_.Write("lf.warc", gzip ? GzipMember(bytes) : bytes), &end);
    EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].block, "hello");
    EXPECT_EQ(records[0].framing.blank_before, 2u);
    EXPECT_FALSE(records[0].framing.header_crlf);
    EXPECT_FALSE(records[0].framing.trailer_crlf);
    EXPECT_EQ(records[1].framing.blank_before, 6u);
    EXPECT_EQ(records[1].framing.junk_before, 0u);
    EXPECT_TRUE(records[1].framing.header_crlf);
    EXPECT_EQ(records[1].header.record_id(), ids_[1]);
  }
}

TEST_F(ReaderTest, ReadsWgetGzipHeadersWithMalformedSlSubfield) {
  std::string le_lengths("\x9c\x01\x00\x00\x0e\x02\x00\x00", 8);       // a LEN parser reads 412
  std::string malformed = "sl" + le_lengths;                           // XLEN 10: no LEN bytes
  std::string wellformed = std::string("sl\x08\x00", 4) + le_lengths;  // XLEN 12
  auto m1 = GzipMemberWithExtra(records_[0], malformed);
  auto m2 = GzipMemberWithExtra(records_[1], wellformed);
  auto m3 = GzipMemberWithExtra(records_[2], malformed);
  std::string path = dir_.Write("wget.warc.gz", m1 + m2 + m3);
  Status end;
  auto records = ReadAll(path, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].location.offset, m1.size());
  EXPECT_EQ(records[2].location.offset, m1.size() + m2.size());
  EXPECT_EQ(records[2].location.length, m3.size());
  for (const auto& r : records) EXPECT_TRUE(r.framing.member_per_record());
  ExpectAddressable(path, records);
}

}  // namespace
}  // namespace warcrawl::warc
