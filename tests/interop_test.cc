// WarcReader over the shared interop corpus (WARCRAWL_SHARED_DIR/interop, see its README):
// real files from Heritrix, wget, warcprox, pywb, Webrecorder, wpull and Common Crawl must
// read with no error and the README's record counts; the broken files must fail, or be
// flagged, as the README describes. A missing corpus fails: CI always has it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "warc/reader.h"

namespace warcrawl::warc {
namespace {

namespace fs = std::filesystem;

struct Counts {
  int wi = 0, req = 0, resp = 0, rev = 0, meta = 0, res = 0, other = 0;
  bool operator==(const Counts&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << "wi " << c.wi << ", req " << c.req << ", resp " << c.resp << ", rev " << c.rev
            << ", meta " << c.meta << ", res " << c.res << ", other " << c.other;
}

// Expected outcome per file, from the corpus README. `error` empty: the file must read with
// no error at all; else a part of the error message. Counts are of records read in full.
struct Expected {
  const char* path;  // under interop/warcs
  Counts counts;
  const char* error = "";
};

const Expected kCorpus[] = {
    {"heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz",
     {.wi = 1, .req = 62, .resp = 65, .meta = 62}},
    {"heritrix3.1.1-BL-20140325122341434-00000-32090_opera_8443.warc.gz",
     {.wi = 1, .req = 62, .resp = 10, .rev = 55, .meta = 62}},
    {"heritrix-warc0.17-IAH-20080430204825-00000-blackbook-truncated.warc.gz",
     {.wi = 1, .req = 7, .resp = 8, .meta = 7}},
    {"heritrix1.12-warc0.18-c1_warcinfo.warc", {.wi = 1}},
    {"wget1.14-IAH-urls-wget.warc.gz", {.wi = 1, .req = 16, .resp = 16, .res = 3}},
    {"wget1.13.4-at.warc", {.wi = 1, .req = 2, .resp = 2, .res = 3}},
    {"wget1.12-warc-post-blackout.warc.gz", {.wi = 1, .req = 62, .resp = 51, .res = 3}},
    {"wget1.19.4-example-wget-bad-target-uri.warc.gz",
     {.wi = 1, .req = 1, .resp = 1, .meta = 1, .res = 2}},
    {"wget1.20.3-transfer_compression_gzip.warc.gz",
     {.wi = 1, .req = 1, .resp = 1, .meta = 1, .res = 1}},
    {"wget1.20.3-transfer_compression_brotli.warc",
     {.wi = 1, .req = 1, .resp = 1, .meta = 1, .res = 1}},
    {"wget1.20.3-gzip_extra_sl.warc.gz", {.wi = 1}},
    {"webrecorder3.7-example.warc.gz", {.wi = 2, .req = 2, .resp = 1, .rev = 1}},
    {"webrecorder3.8-example-resource.warc.gz", {.wi = 2, .res = 1}},
    {"pywb-liveweb-dupes.warc.gz", {.wi = 1, .req = 12, .resp = 3, .rev = 9}},
    {"pywb-post-test.warc.gz", {.req = 3, .resp = 3}},
    {"ia-web-commons-example-url-agnostic-orig.warc.gz", {.wi = 1, .resp = 1}},
    {"ia-web-commons-example-url-agnostic-revisit.warc.gz", {.wi = 1, .rev = 1}},
    {"warcprox1.4-example-iana.org-chunked.warc", {.wi = 1, .req = 1, .resp = 1}},
    {"warcprox2.4.17-transfer_compression_gzip_chunked.warc.gz", {.wi = 1, .req = 1, .resp = 1}},
    {"wpull1.0-example-wpull.warc.gz", {.wi = 1, .req = 1, .resp = 1, .res = 1}},
    {"commoncrawl-cc.warc.gz", {.resp = 1}},
    {"hexdigest-mutliple-headers.warc", {.resp = 1}},
    {"wget-1.21.3-recursive.warc.gz", {.wi = 1, .req = 14, .resp = 14, .meta = 1, .res = 2}},
    {"wget-1.21.3-recursive-uncompressed.warc",
     {.wi = 1, .req = 14, .resp = 14, .meta = 1, .res = 2}},
    {"wget-1.21.3-dedup.warc.gz", {.wi = 1, .req = 14, .resp = 2, .rev = 12, .meta = 1, .res = 2}},
    {"warcio.js-2.4.11-sha256.warc.gz", {.wi = 1, .req = 1, .resp = 1, .rev = 1, .res = 1}},
    {"arc/heritrix-IAH-20080430204825-00000-blackbook-truncated.arc.gz",
     {},
     "ARC files are not supported yet"},
    {"arc/pywb-liveweb-example.arc", {}, "ARC files are not supported yet"},
    // Broken on purpose. Framing faults that are tolerated are checked in the tests below.
    {"broken/warcio-example-trunc.warc", {.wi = 2, .req = 1, .resp = 1}},
    {"broken/warcio-example-digest.warc", {.req = 4}},
    {"broken/warcio-example-bad-non-chunked.warc.gz", {.wi = 2, .req = 2, .resp = 1, .rev = 1}},
    {"broken/warcio-example-wrong-chunks.warc.gz", {.req = 1, .resp = 1}},
    {"broken/solrwayback-transfer_compression_none_truncated.warc.gz",
     {.wi = 1, .req = 1},
     "truncated gzip member at byte 881"},
    {"broken/solrwayback-Evil-Warc-Headers.warc",
     {},
     "record at offset 0: block truncated: Content-Length 6000 but only 827 bytes remain"},
    {"broken/pywb-missing-status-text.warc", {.resp = 1}},
    {"broken/pywb-example-extra.warc", {.req = 2, .resp = 2, .rev = 2}},
    {"broken/pywb-example-edited-length.warc", {.wi = 1, .req = 2, .resp = 2, .rev = 1}},
    {"broken/warcat-bad_http_chunked_content.warc", {.resp = 1}},
    {"broken/pywb-bad.arc", {}, "ARC files are not supported yet"},
};

fs::path Warcs() { return fs::path(WARCRAWL_SHARED_DIR) / "interop" / "warcs"; }

struct ReadRecord {
  std::string id;
  RecordType type;
  RecordLocation location;
  RecordFraming framing;
};

struct FileRead {
  std::vector<ReadRecord> records;  // read in full, header and block
  Counts counts;
  Status end;
};

void Count(RecordType type, Counts* c) {
  switch (type) {
    case RecordType::kWarcinfo:
      ++c->wi;
      break;
    case RecordType::kRequest:
      ++c->req;
      break;
    case RecordType::kResponse:
      ++c->resp;
      break;
    case RecordType::kRevisit:
      ++c->rev;
      break;
    case RecordType::kMetadata:
      ++c->meta;
      break;
    case RecordType::kResource:
      ++c->res;
      break;
    default:
      ++c->other;
      break;
  }
}

// Streams every block in 1000-byte pieces and checks each has its Content-Length.
FileRead ReadFile(const fs::path& path) {
  FileRead f;
  std::unique_ptr<WarcReader> reader;
  if (f.end = WarcReader::Open(path.string(), &reader); !f.end.ok()) return f;
  RecordHeader h;
  char buf[1000];
  while ((f.end = reader->Next(&h)).ok()) {
    uint64_t total = 0;
    size_t got = 0;
    do {
      if (f.end = reader->ReadBlock(buf, sizeof(buf), &got); !f.end.ok()) return f;
      total += got;
    } while (got > 0);
    EXPECT_EQ(total, reader->content_length()) << path << " " << h.record_id();
    f.records.push_back(
        {std::string(h.record_id()), h.type(), reader->location(), reader->framing()});
    Count(h.type(), &f.counts);
  }
  return f;
}

class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::is_directory(Warcs()))
        << "the interop corpus is missing: expected " << Warcs()
        << " (WARCRAWL_SHARED_DIR/interop/warcs); CI always has it, so this is a failure";
  }
  FileRead Read(std::string_view name) { return ReadFile(Warcs() / name); }
};

TEST_F(InteropTest, TheTableCoversEveryCorpusFile) {
  std::vector<std::string> on_disk, in_table;
  for (const char* sub : {"", "arc", "broken"}) {
    for (const auto& e : fs::directory_iterator(Warcs() / sub)) {
      if (e.is_regular_file()) on_disk.push_back(fs::relative(e.path(), Warcs()).string());
    }
  }
  for (const Expected& e : kCorpus) in_table.push_back(e.path);
  std::sort(on_disk.begin(), on_disk.end());
  std::sort(in_table.begin(), in_table.end());
  EXPECT_EQ(on_disk, in_table);
}

TEST_F(InteropTest, EveryFileReadsAsTheReadmeSays) {
  for (const Expected& e : kCorpus) {
    SCOPED_TRACE(e.path);
    FileRead f = Read(e.path);
    EXPECT_EQ(f.counts, e.counts);
    if (*e.error == '\0') {
      EXPECT_TRUE(f.end.IsEndOfFile()) << f.end.ToString();
    } else {
      EXPECT_FALSE(f.end.ok() || f.end.IsEndOfFile());
      EXPECT_NE(f.end.message().find(e.error), std::string::npos) << f.end.ToString();
    }
  }
}

// Each record of a good file comes back when read from its own location alone; the
// locations tile the file; every gzip file here has one member per record.
TEST_F(InteropTest, GoodFilesAreAddressableRecordByRecord) {
  for (const Expected& e : kCorpus) {
    std::string_view name = e.path;
    if (name.starts_with("broken/") || name.starts_with("arc/")) continue;
    SCOPED_TRACE(e.path);
    FileRead f = Read(name);
    ASSERT_FALSE(f.records.empty());
    std::unique_ptr<WarcReader> reader;
    ASSERT_TRUE(WarcReader::Open((Warcs() / name).string(), &reader).ok());
    uint64_t expected_offset = 0;
    for (const ReadRecord& r : f.records) {
      EXPECT_EQ(r.framing.member_per_record(), name.ends_with(".gz")) << r.id;
      EXPECT_TRUE(r.framing.addressable()) << r.id;
      EXPECT_EQ(r.location.offset, expected_offset) << r.id;
      expected_offset = r.location.offset + r.location.length;
      ASSERT_TRUE(reader->Seek(r.location.offset).ok());
      RecordHeader h;
      Status s = reader->Next(&h);
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_EQ(h.record_id(), r.id);
      ASSERT_TRUE(reader->SkipBlock().ok());
      EXPECT_EQ(reader->location().length, r.location.length);
    }
    EXPECT_EQ(expected_offset, fs::file_size(Warcs() / name));
  }
}

TEST_F(InteropTest, WholeFileGzipIsDetected) {
  FileRead f = Read("broken/warcio-example-bad-non-chunked.warc.gz");
  ASSERT_EQ(f.records.size(), 6u);
  for (size_t i = 0; i < f.records.size(); ++i) {
    const RecordFraming& fr = f.records[i].framing;
    EXPECT_FALSE(fr.member_per_record()) << i;
    EXPECT_EQ(fr.starts_member, i == 0) << i;
    EXPECT_EQ(fr.ends_member, i == 5) << i;
    EXPECT_EQ(f.records[i].location.offset, 0u) << i;
  }
}

TEST_F(InteropTest, MembersSplitMidRecordAreReported) {
  // warcio.js drops the request; both records are here, and the split shows in framing.
  FileRead f = Read("broken/warcio-example-wrong-chunks.warc.gz");
  ASSERT_EQ(f.records.size(), 2u);
  const RecordFraming& response = f.records[0].framing;
  EXPECT_EQ(f.records[0].type, RecordType::kResponse);
  EXPECT_EQ(response.members, 2u);
  EXPECT_FALSE(response.trailer_crlf);  // its CRLFs open the third member
  EXPECT_FALSE(response.member_per_record());
  const RecordFraming& request = f.records[1].framing;
  EXPECT_EQ(f.records[1].type, RecordType::kRequest);
  EXPECT_FALSE(request.starts_member);
  EXPECT_EQ(request.blank_before, 4u);
  EXPECT_EQ(f.records[1].location.offset, 1130u);
}

TEST_F(InteropTest, ShortContentLengthsShowAsJunkAfterTheBlock) {
  // warcio-check: "Content-Length Too Small" after record 3 (offset 2560) and record 5.
  FileRead trunc = Read("broken/warcio-example-trunc.warc");
  ASSERT_EQ(trunc.records.size(), 4u);
  EXPECT_FALSE(trunc.records[2].framing.trailer_crlf);
  EXPECT_GT(trunc.records[3].framing.junk_before, 0u);
  EXPECT_EQ(trunc.records[3].location.offset, 2566u);

  FileRead edited = Read("broken/pywb-example-edited-length.warc");
  ASSERT_EQ(edited.records.size(), 6u);
  EXPECT_FALSE(edited.records[4].framing.trailer_crlf);
  EXPECT_EQ(edited.records[5].framing.junk_before, 3u);  // "m\r\n": 323 - 320 bytes
  for (int i : {0, 1, 2, 3, 4}) EXPECT_EQ(edited.records[i].framing.junk_before, 0u) << i;
}

TEST_F(InteropTest, OddLineEndingsAreFlagged) {
  FileRead crcrlf = Read("broken/pywb-missing-status-text.warc");  // CR CR LF throughout
  ASSERT_EQ(crcrlf.records.size(), 1u);
  EXPECT_FALSE(crcrlf.records[0].framing.header_crlf);
  EXPECT_FALSE(crcrlf.records[0].framing.trailer_crlf);
  FileRead good = Read("wget1.13.4-at.warc");
  for (const ReadRecord& r : good.records) {
    EXPECT_TRUE(r.framing.header_crlf && r.framing.trailer_crlf) << r.id;
  }
}

TEST_F(InteropTest, TruncatedGzipKeepsTheRecordsBeforeIt) {
  FileRead f = Read("broken/solrwayback-transfer_compression_none_truncated.warc.gz");
  ASSERT_EQ(f.records.size(), 2u);
  EXPECT_EQ(f.records[0].location.offset, 0u);
  EXPECT_EQ(f.records[1].location.offset, 452u);
  EXPECT_EQ(f.records[1].location.length, 429u);
  EXPECT_TRUE(f.end.IsCorruption());
}

}  // namespace
}  // namespace warcrawl::warc
