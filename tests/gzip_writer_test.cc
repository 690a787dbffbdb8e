// GzipMemberWriter: members decode with zlib, libdeflate, GzipReader and WarcReader; the
// header's wget `sl` subfield holds the member's real sizes; input past the buffer limit is
// streamed through zlib; whole WARCs pass gzip -t and warcio.js.
#include "warc/gzip_writer.h"

#include <gtest/gtest.h>
#include <libdeflate.h>

#include <random>
#include <string>
#include <vector>

#include "tests/run_command.h"
#include "tests/warc_test_files.h"
#include "warc/gzip_reader.h"
#include "warc/reader.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::warc {
namespace {

using testing::InflateAllMembers;
using testing::InflateOneMember;
using testing::ReadFileOrDie;
using testing::TempDir;

// Compressible but not trivial text: random words from a small vocabulary.
std::string Text(size_t size, uint32_t seed) {
  static const char* const kWords[] = {"warc",  "record", "gzip ",   "member", "crawl",
                                       "<p>",   "</p>\n", "archive", "the",    "of",
                                       "blog ", "post",   "2024",    "\r\n",   "a"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1);
  std::string out;
  while (out.size() < size) {
    out += kWords[pick(rng)];
    out += ' ';
  }
  out.resize(size);
  return out;
}

uint32_t Le32(std::string_view bytes, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

uint16_t Le16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) |
                               (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

// The member's header fields, parsed by hand from RFC 1952.
struct Header {
  uint8_t flags = 0, xfl = 0, os = 0;
  uint32_t mtime = 0;
  uint16_t xlen = 0, sub_len = 0;
  std::string subfield_id;
  uint32_t sl_compressed = 0, sl_uncompressed = 0;
};

Header ParseHeader(std::string_view member) {
  Header h;
  EXPECT_GE(member.size(), 18u);
  if (member.size() < 18) return h;
  EXPECT_EQ(member.substr(0, 3), std::string_view("\x1f\x8b\x08", 3));
  h.flags = static_cast<uint8_t>(member[3]);
  h.mtime = Le32(member, 4);
  h.xfl = static_cast<uint8_t>(member[8]);
  h.os = static_cast<uint8_t>(member[9]);
  if ((h.flags & 0x04) == 0 || member.size() < 24) return h;
  h.xlen = Le16(member, 10);
  h.subfield_id = std::string(member.substr(12, 2));
  h.sub_len = Le16(member, 14);
  h.sl_compressed = Le32(member, 16);
  h.sl_uncompressed = Le32(member, 20);
  return h;
}

// One member of `parts`, appended to *out.
void Compress(GzipMemberWriter* gz, const std::vector<std::string_view>& parts, std::string* out) {
  ASSERT_TRUE(gz->Begin(out).ok());
  for (std::string_view part : parts) ASSERT_TRUE(gz->Add(part).ok());
  ASSERT_TRUE(gz->Finish().ok());
}

// The member inflated by libdeflate, which must consume exactly all of it.
std::string LibdeflateInflate(std::string_view member, size_t expected_size) {
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  std::string out(expected_size, '\0');
  size_t in_used = 0, out_used = 0;
  libdeflate_result r = libdeflate_gzip_decompress_ex(d.get(), member.data(), member.size(),
                                                      out.data(), out.size(), &in_used, &out_used);
  EXPECT_EQ(r, LIBDEFLATE_SUCCESS);
  EXPECT_EQ(in_used, member.size());
  out.resize(out_used);
  return out;
}

// Checks one member against its input: zlib and libdeflate decode it, `sl` is exact.
void ExpectMember(std::string_view member, std::string_view input, int level) {
  std::string inflated;
  size_t consumed = 0;
  ASSERT_TRUE(InflateOneMember(std::string(member), 0, &inflated, &consumed));
  EXPECT_EQ(consumed, member.size());
  EXPECT_TRUE(inflated == input) << "zlib inflates other bytes, level " << level;
  EXPECT_TRUE(LibdeflateInflate(member, input.size()) == input) << "level " << level;

  Header h = ParseHeader(member);
  EXPECT_EQ(h.flags, 0x04);  // FEXTRA only
  EXPECT_EQ(h.mtime, 0u);
  EXPECT_EQ(h.xfl, level == 9 ? 2 : level == 1 ? 4 : 0);
  EXPECT_EQ(h.os, 3);
  EXPECT_EQ(h.xlen, 12);
  EXPECT_EQ(h.subfield_id, "sl");
  EXPECT_EQ(h.sub_len, 8);
  EXPECT_EQ(h.sl_compressed, member.size());
  EXPECT_EQ(h.sl_uncompressed, input.size());
}

TEST(GzipMemberWriterTest, LevelsOneSixNineDecodeWithExactSlSizes) {
  const std::string input = Text(200'000, 1);
  std::vector<size_t> sizes;
  for (int level : {1, 6, 9}) {
    GzipMemberWriter gz(level);
    std::string out;
    Compress(&gz, {std::string_view(input).substr(0, 1000), std::string_view(input).substr(1000)},
             &out);
    ExpectMember(out, input, level);
    sizes.push_back(out.size());
  }
  EXPECT_GT(sizes[0], sizes[2]);  // level 9 compresses the text better than level 1
}

TEST(GzipMemberWriterTest, EmptyMember) {
  GzipMemberWriter gz(6);
  std::string out;
  Compress(&gz, {}, &out);
  ExpectMember(out, "", 6);
  Compress(&gz, {"", ""}, &out);
  EXPECT_EQ(InflateAllMembers(out), (std::vector<std::string>{"", ""}));
}

TEST(GzipMemberWriterTest, AppendsAfterWhatIsAlreadyInTheBuffer) {
  GzipMemberWriter gz(6);
  std::string out = "prefix";
  Compress(&gz, {"hello, ", "world"}, &out);
  ASSERT_EQ(out.substr(0, 6), "prefix");
  ExpectMember(std::string_view(out).substr(6), "hello, world", 6);
}

TEST(GzipMemberWriterTest, ConcatenatedMembersReadBackOneByOne) {
  GzipMemberWriter gz(6);
  std::string file;
  std::vector<std::string> inputs;
  std::vector<size_t> offsets;
  for (int i = 0; i < 5; ++i) {
    inputs.push_back(Text(static_cast<size_t>(i) * 7000, 10 + i));
    offsets.push_back(file.size());
    Compress(&gz, {inputs.back()}, &file);
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    size_t end = i + 1 < offsets.size() ? offsets[i + 1] : file.size();
    ExpectMember(std::string_view(file).substr(offsets[i], end - offsets[i]), inputs[i], 6);
  }

  TempDir dir;
  std::unique_ptr<GzipReader> r;
  ASSERT_TRUE(GzipReader::Open(dir.Write("f.gz", file), &r).ok());
  ASSERT_TRUE(r->gzip());
  for (size_t i = 0; i < inputs.size(); ++i) {
    ASSERT_TRUE(r->Seek(offsets[i]).ok());  // each member from its offset alone
    std::string member;
    for (;;) {
      bool more = false;
      ASSERT_TRUE(r->Fill(/*cross_members=*/false, &more).ok());
      if (!more) break;
      member.append(r->buffered());
      r->Consume(r->buffered().size());
    }
    EXPECT_TRUE(member == inputs[i]) << "member " << i;
    EXPECT_EQ(r->member_offset(), offsets[i]);
    EXPECT_TRUE(r->member_ended());
    EXPECT_EQ(r->member_end(), i + 1 < offsets.size() ? offsets[i + 1] : file.size());
  }
  // And all in one pass, crossing members.
  ASSERT_TRUE(r->Seek(0).ok());
  std::string all;
  for (bool more = true; more;) {
    ASSERT_TRUE(r->Fill(/*cross_members=*/true, &more).ok());
    all.append(r->buffered());
    r->Consume(r->buffered().size());
  }
  std::string expected;
  for (const std::string& input : inputs) expected += input;
  EXPECT_TRUE(all == expected);
  EXPECT_EQ(r->member_end(), file.size());
}

TEST(GzipMemberWriterTest, WarcReaderReadsRecordPerMember) {
  GzipMemberWriter gz(9);
  std::string file;
  std::vector<std::string> blocks;
  std::vector<size_t> offsets;
  for (int i = 0; i < 4; ++i) {
    blocks.push_back(Text(static_cast<size_t>(i) * 30000 + 5, 20 + i));
    offsets.push_back(file.size());
    std::string record = testing::Record("resource", "0000000" + std::to_string(i), blocks[i]);
    // Split as WarcWriter does: header, block, record end.
    size_t head = record.size() - blocks[i].size() - 4;
    std::string_view rv(record);
    Compress(
        &gz,
        {rv.substr(0, head), rv.substr(head, blocks[i].size()), rv.substr(head + blocks[i].size())},
        &file);
  }
  TempDir dir;
  std::unique_ptr<WarcReader> reader;
  ASSERT_TRUE(WarcReader::Open(dir.Write("f.warc.gz", file), &reader).ok());
  for (size_t i = 0; i < blocks.size(); ++i) {
    RecordHeader header;
    Status s = reader->Next(&header);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(header.record_id(), "<urn:uuid:0000000" + std::to_string(i) + ">");
    std::string block;
    ASSERT_TRUE(reader->ReadWholeBlock(&block, 1 << 20).ok());
    EXPECT_TRUE(block == blocks[i]) << "record " << i;
    EXPECT_EQ(reader->location().offset, offsets[i]);
    size_t end = i + 1 < offsets.size() ? offsets[i + 1] : file.size();
    EXPECT_EQ(reader->location().length, end - offsets[i]);
  }
  RecordHeader header;
  EXPECT_TRUE(reader->Next(&header).IsEndOfFile());
}

// Input past the buffer limit goes through zlib's stream; the member is just as valid and
// the next member goes back to libdeflate (same bytes as a fresh writer's).
TEST(GzipMemberWriterTest, InputPastTheBufferLimitIsStreamed) {
  constexpr size_t kLimit = size_t{1} << 20;
  const std::string big = Text(3 * kLimit + 12345, 2);
  const std::string small = Text(50'000, 3);
  std::string_view bv(big);
  for (int level : {1, 6, 9}) {
    GzipMemberWriter gz(level, kLimit);
    std::string crossing;  // buffered first, then the limit is crossed mid-member
    Compress(&gz,
             {bv.substr(0, kLimit / 2), bv.substr(kLimit / 2, kLimit), bv.substr(3 * kLimit / 2)},
             &crossing);
    ExpectMember(crossing, big, level);
    std::string at_once;  // one Add larger than the limit
    Compress(&gz, {bv}, &at_once);
    ExpectMember(at_once, big, level);
    std::string after;
    Compress(&gz, {small}, &after);
    ExpectMember(after, small, level);

    GzipMemberWriter fresh(level, kLimit);
    std::string expected;
    Compress(&fresh, {small}, &expected);
    EXPECT_TRUE(after == expected) << "level " << level;
    GzipMemberWriter unlimited(level, big.size());
    std::string one_call;
    Compress(&unlimited, {bv}, &one_call);
    EXPECT_FALSE(crossing == one_call) << "zlib's stream and libdeflate wrote the same bytes";
  }
}

TEST(GzipMemberWriterTest, InputExactlyAtTheLimitIsStillBuffered) {
  GzipMemberWriter buffered(6, 1000), unlimited(6);
  const std::string input = Text(1000, 4);
  std::string a, b;
  Compress(&buffered, {std::string_view(input).substr(0, 400), std::string_view(input).substr(400)},
           &a);
  Compress(&unlimited, {input}, &b);
  EXPECT_TRUE(a == b);  // libdeflate's bytes, not zlib's
  ExpectMember(a, input, 6);
}

TEST(GzipMemberWriterTest, RefusesCallsOutOfOrder) {
  GzipMemberWriter gz(6);
  std::string out;
  EXPECT_TRUE(gz.Add("x").IsInvalidArgument());
  EXPECT_TRUE(gz.Finish().IsInvalidArgument());
  ASSERT_TRUE(gz.Begin(&out).ok());
  EXPECT_TRUE(gz.Begin(&out).IsInvalidArgument());
  ASSERT_TRUE(gz.Add("x").ok());
  ASSERT_TRUE(gz.Finish().ok());
  ExpectMember(out, "x", 6);
}

// A whole WARC from WarcWriter: every member's `sl` is exact, and gzip, warcio.js and our
// own reader accept the file.
TEST(GzipMemberWriterTest, WarcWriterFilesPassGzipAndWarcio) {
  for (int level : {1, 9}) {
    TempDir dir;
    WriterOptions options;
    options.directory = dir.path();
    options.compression_level = level;
    std::unique_ptr<WarcWriter> writer;
    ASSERT_TRUE(WarcWriter::Open(options, &writer).ok());
    std::vector<std::string> blocks = {"", "hello", Text(100'000, 5), Text(3, 6)};
    std::vector<RecordLocation> locations(blocks.size());
    for (size_t i = 0; i < blocks.size(); ++i) {
      Capture capture{"urn:test:" + std::to_string(i), NowMicros(), "", ""};
      RecordHeader header = BuildResourceHeader(capture, "text/plain", blocks[i], RecordFormat{});
      ASSERT_TRUE(writer->Write(std::move(header), blocks[i], &locations[i]).ok());
    }
    const std::string path = writer->current_final_path();
    ASSERT_TRUE(writer->Close().ok());

    const std::string file = ReadFileOrDie(path);
    std::vector<size_t> offsets;
    std::vector<std::string> members = InflateAllMembers(file, &offsets);
    ASSERT_EQ(members.size(), blocks.size() + 1);  // warcinfo first
    offsets.push_back(file.size());
    for (size_t i = 0; i < members.size(); ++i) {
      std::string_view member =
          std::string_view(file).substr(offsets[i], offsets[i + 1] - offsets[i]);
      ExpectMember(member, members[i], level);
      if (i > 0) {
        EXPECT_EQ(locations[i - 1].offset, offsets[i]);
        EXPECT_EQ(locations[i - 1].length, member.size());
      }
    }

    std::unique_ptr<WarcReader> reader;
    ASSERT_TRUE(WarcReader::Open(path, &reader).ok());
    RecordHeader header;
    ASSERT_TRUE(reader->Next(&header).ok());  // warcinfo
    for (const std::string& expected : blocks) {
      ASSERT_TRUE(reader->Next(&header).ok());
      std::string block;
      ASSERT_TRUE(reader->ReadWholeBlock(&block, 1 << 20).ok());
      EXPECT_TRUE(block == expected);
    }
    EXPECT_TRUE(reader->Next(&header).IsEndOfFile());

    ::warcrawl::testing::CommandResult gzip =
        ::warcrawl::testing::RunCommand("gzip -t '" + path + "'");
    EXPECT_EQ(gzip.exit_code, 0) << gzip.out;
    ::warcrawl::testing::CommandResult warcio = ::warcrawl::testing::WarcioCheck("'" + path + "'");
    EXPECT_EQ(warcio.exit_code, 0) << warcio.out;
    EXPECT_NE(warcio.out.find("5 records, 0 digest failures, 0 parse errors"), std::string::npos)
        << warcio.out;
  }
}

}  // namespace
}  // namespace warcrawl::warc
