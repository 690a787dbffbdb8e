// Skipping the rest of a gzip member by its `sl` subfield (GzipReader::SkipMember,
// WarcReader::SkipBlockUnverified): a claim is acted on only when the file confirms it, so
// a lying, stale or damaged claim costs speed, never a record.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/warc_test_files.h"
#include "warc/gzip_reader.h"
#include "warc/reader.h"

namespace warcrawl::warc {
namespace {

using testing::GzipMember;
using testing::GzipMemberWithExtra;
using testing::Record;
using testing::TempDir;

void PutLe32(std::string* s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + i] = static_cast<char>(v >> (8 * i));
}

// A member with an `sl` subfield as RFC 1952 lays it out (wget 1.19 and later), claiming
// the true lengths unless told otherwise.
std::string SlMember(std::string_view data, std::optional<uint32_t> compressed = {},
                     std::optional<uint32_t> inflated = {}) {
  std::string m = GzipMemberWithExtra(data, std::string("sl\x08\0", 4) + std::string(8, '\0'));
  PutLe32(&m, 16, compressed.value_or(static_cast<uint32_t>(m.size())));
  PutLe32(&m, 20, inflated.value_or(static_cast<uint32_t>(data.size())));
  return m;
}

// As wget before 1.19 wrote it: XLEN 10 and no LEN, so a LEN read there would lie.
std::string OldWgetSlMember(std::string_view data) {
  std::string m = GzipMemberWithExtra(data, "sl" + std::string(8, '\0'));
  PutLe32(&m, 14, static_cast<uint32_t>(m.size()));
  PutLe32(&m, 18, static_cast<uint32_t>(data.size()));
  return m;
}

// Text that deflate compresses, as an HTML page would be.
std::string Text(size_t size, int seed) {
  std::string s;
  for (int i = 0; s.size() < size; ++i) s += std::to_string((i * 7919 + seed) % 100003) + " words ";
  s.resize(size);
  return s;
}

class GzipSkipTest : public ::testing::Test {
 protected:
  std::unique_ptr<GzipReader> Open(std::string_view bytes) {
    std::unique_ptr<GzipReader> r;
    Status s = GzipReader::Open(dir_.Write("f", bytes), &r);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return r;
  }
  // Reads 10 bytes of the first member, then asks to skip the rest of `claimed` bytes.
  bool SkipAfterTen(GzipReader* r, uint64_t claimed) {
    bool more = false;
    EXPECT_TRUE(r->Fill(/*cross_members=*/false, &more).ok());
    EXPECT_TRUE(more);
    r->Consume(10);
    bool skipped = false;
    EXPECT_TRUE(r->SkipMember(claimed - 10, &skipped).ok());
    return skipped;
  }
  static std::string ReadRest(GzipReader* r, Status* s) {
    std::string out;
    for (bool more = true;;) {
      if (*s = r->Fill(/*cross_members=*/true, &more); !s->ok() || !more) return out;
      out.append(r->buffered());
      r->Consume(r->buffered().size());
    }
  }
  TempDir dir_;
};

TEST_F(GzipSkipTest, ATrueClaimSkipsTheRestOfTheMember) {
  const std::string data = Text(100000, 1);
  for (const std::string& m : {SlMember(data), OldWgetSlMember(data)}) {
    auto r = Open(m + GzipMember("next\n"));
    ASSERT_TRUE(SkipAfterTen(r.get(), data.size()));
    EXPECT_TRUE(r->member_ended());
    EXPECT_EQ(r->member_end(), m.size());
    EXPECT_EQ(r->offset_in_member(), data.size());
    EXPECT_EQ(r->position(), data.size());
    Status s;
    EXPECT_EQ(ReadRest(r.get(), &s), "next\n");
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(r->member_offset(), m.size());
    EXPECT_EQ(r->member_ordinal(), 2u);
  }
}

TEST_F(GzipSkipTest, TheLastMemberMaySkipToTheEndOfTheFile) {
  const std::string data = Text(50000, 2);
  auto r = Open(SlMember(data));
  ASSERT_TRUE(SkipAfterTen(r.get(), data.size()));
  Status s;
  EXPECT_EQ(ReadRest(r.get(), &s), "");
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// A member small enough to inflate in one call is already inflated: nothing to skip.
TEST_F(GzipSkipTest, SmallMembersAreInflatedWhole) {
  auto r = Open(SlMember("a small record\n") + GzipMember("next\n"));
  EXPECT_FALSE(SkipAfterTen(r.get(), 15));
  Status s;
  EXPECT_EQ(ReadRest(r.get(), &s), "cord\nnext\n");
}

// Each claim is false in one way; the reader inflates instead and loses nothing.
TEST_F(GzipSkipTest, AClaimTheFileDoesNotConfirmIsNotActedOn) {
  const std::string data = Text(60000, 3), next = GzipMember("next\n");
  const uint32_t size = static_cast<uint32_t>(SlMember(data).size());
  const uint32_t length = static_cast<uint32_t>(data.size());
  struct Case {
    const char* what;
    std::string file;
    uint64_t claimed;
  };
  const std::vector<Case> cases = {
      {"compressed length short", SlMember(data, size - 1) + next, length},
      {"compressed length long", SlMember(data, size + 1) + next, length},
      {"end past the end of the file", SlMember(data, size * 3) + next, length},
      {"inflated length (ISIZE) wrong", SlMember(data, {}, length + 5) + next, length + 5},
      {"the record is not the rest of the member", SlMember(data) + next, length - 1},
      {"no member after the end", SlMember(data) + "junk" + next, length},
  };
  for (const Case& c : cases) {
    auto r = Open(c.file);
    EXPECT_FALSE(SkipAfterTen(r.get(), c.claimed)) << c.what;
    Status s;
    const std::string rest = ReadRest(r.get(), &s);
    EXPECT_EQ(rest.substr(0, data.size() - 10), data.substr(10)) << c.what;
    if (c.file.find("junk") == std::string::npos) {
      EXPECT_TRUE(s.ok()) << c.what << ": " << s.ToString();
      EXPECT_EQ(rest.substr(data.size() - 10), "next\n") << c.what;
    } else {
      EXPECT_TRUE(s.IsCorruption()) << c.what;  // the garbage is found, as without a claim
    }
  }
}

// A member read on past its first step is inflated again whole (libdeflate) from where the
// reader is; one too big for the output buffer stays with zlib. Both yield the same bytes.
TEST_F(GzipSkipTest, ReadingOnPastTheFirstStepYieldsTheSameBytes) {
  for (size_t size : {size_t{17000}, size_t{40000}, size_t{300000}}) {
    const std::string data = Text(size, 5);
    const std::string m = SlMember(data);
    auto r = Open(m + GzipMember("next\n"));
    std::string got;
    bool more = true;
    for (size_t piece = 1; more; piece = piece * 3 % 7919 + 1) {
      Status s = r->Fill(/*cross_members=*/false, &more);
      ASSERT_TRUE(s.ok()) << s.ToString();
      if (!more) break;
      const std::string_view b = r->buffered().substr(0, piece);
      got.append(b);
      r->Consume(b.size());
    }
    EXPECT_EQ(got, data) << size;
    EXPECT_TRUE(r->member_ended()) << size;
    EXPECT_EQ(r->member_end(), m.size()) << size;
    Status s;
    EXPECT_EQ(ReadRest(r.get(), &s), "next\n") << size;
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

// A reader that promises to read every member inflates a claimed member whole at once:
// nothing is left to skip, and the bytes are the same.
TEST_F(GzipSkipTest, AReaderOfWholeMembersHasNothingToSkip) {
  const std::string data = Text(60000, 6);
  auto r = Open(SlMember(data) + GzipMember("next\n"));
  r->set_reads_whole_members(true);
  bool more = false;
  ASSERT_TRUE(r->Fill(/*cross_members=*/false, &more).ok());
  EXPECT_EQ(r->buffered(), data);
  EXPECT_FALSE(SkipAfterTen(r.get(), data.size()));
  Status s;
  EXPECT_EQ(ReadRest(r.get(), &s), data.substr(10) + "next\n");
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// The price of skipping: damage inside the skipped bytes goes unseen (their CRC is not
// checked), while reading them finds it.
TEST_F(GzipSkipTest, DamageInsideASkippedMemberIsNotSeen) {
  const std::string data = Text(80000, 4);
  std::string m = SlMember(data);
  m[m.size() - 200] ^= 0x55;
  auto r = Open(m + GzipMember("next\n"));
  ASSERT_TRUE(SkipAfterTen(r.get(), data.size()));
  Status s;
  EXPECT_EQ(ReadRest(r.get(), &s), "next\n");
  EXPECT_TRUE(s.ok());

  auto full = Open(m + GzipMember("next\n"));
  ReadRest(full.get(), &s);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
}

// --- WarcReader ---------------------------------------------------------------------------

struct Seen {
  std::string id;
  RecordLocation location;
  bool trailer_unread = false;
};

// Reads every record, taking 100 bytes of each block and skipping the rest (as ingest does)
// or reading every block whole.
std::vector<Seen> ReadRecords(const std::string& path, bool skip, Status* end) {
  std::vector<Seen> seen;
  std::unique_ptr<WarcReader> reader;
  if (*end = WarcReader::Open(path, &reader); !end->ok()) return seen;
  for (;;) {
    RecordHeader header;
    if (*end = reader->Next(&header); !end->ok()) return seen;
    char buf[100];
    size_t got = 0;
    *end = reader->ReadBlock(buf, sizeof buf, &got);
    if (end->ok()) *end = skip ? reader->SkipBlockUnverified() : reader->SkipBlock();
    if (!end->ok()) return seen;
    seen.push_back(
        {std::string(header.record_id()), reader->location(), reader->framing().trailer_unread});
  }
}

TEST_F(GzipSkipTest, RecordsAreFoundAlikeWithAndWithoutSkipping) {
  std::string file;
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back("<urn:uuid:r" + std::to_string(i) + ">");
    const std::string record =
        Record("resource", "r" + std::to_string(i), Text(i % 3 == 0 ? 500 : 30000 + i, i));
    const uint32_t size = static_cast<uint32_t>(SlMember(record).size());
    switch (i % 6) {
      case 4:  // a lying claim
        file += SlMember(record, size + 7);
        break;
      case 5:  // no claim
        file += GzipMember(record);
        break;
      default:
        file += SlMember(record);
    }
  }
  // Two records in one member with a true claim: not one record's rest, so not skipped.
  const std::string two =
      Record("resource", "r12", Text(40000, 12)) + Record("resource", "r13", Text(40000, 13));
  ids.push_back("<urn:uuid:r12>");
  ids.push_back("<urn:uuid:r13>");
  file += SlMember(two);
  const std::string path = dir_.Write("w.warc.gz", file);

  Status full_end, skip_end;
  const std::vector<Seen> full = ReadRecords(path, false, &full_end);
  const std::vector<Seen> skipped = ReadRecords(path, true, &skip_end);
  EXPECT_TRUE(full_end.IsEndOfFile()) << full_end.ToString();
  EXPECT_TRUE(skip_end.IsEndOfFile()) << skip_end.ToString();
  ASSERT_EQ(full.size(), ids.size());
  ASSERT_EQ(skipped.size(), ids.size());
  int unread = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(full[i].id, ids[i]);
    EXPECT_EQ(skipped[i].id, ids[i]);
    EXPECT_EQ(skipped[i].location.offset, full[i].location.offset) << ids[i];
    EXPECT_EQ(skipped[i].location.length, full[i].location.length) << ids[i];
    EXPECT_FALSE(full[i].trailer_unread);
    unread += skipped[i].trailer_unread;
  }
  EXPECT_EQ(unread, 4);  // the big records with a true claim, alone in their members
}

// A corrupt body inside a member that has a true claim: ingest (skipping) reads past it and
// finds every record; a full read reports the damage, as `index verify` and `warc check` do.
TEST_F(GzipSkipTest, CorruptBodyIsSeenOnlyByAFullRead) {
  std::string bad = SlMember(Record("resource", "bad", Text(50000, 20)));
  bad[bad.size() - 300] ^= 0x55;
  const std::string path =
      dir_.Write("c.warc.gz", SlMember(Record("resource", "a", "x")) + bad +
                                  SlMember(Record("resource", "after", Text(20000, 21))));
  Status end;
  const std::vector<Seen> skipped = ReadRecords(path, true, &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  EXPECT_EQ(skipped.size(), 3u);
  const std::vector<Seen> full = ReadRecords(path, false, &end);
  EXPECT_TRUE(end.IsCorruption()) << end.ToString();
  EXPECT_EQ(full.size(), 1u);
}

}  // namespace
}  // namespace warcrawl::warc
