// RecordPrefetcher hands over what a WarcReader reading every block sees, in order: each
// record's header, offset, block bytes and framing, and the reader's errors where it gave
// them; and it can be dropped mid-file with its thread still reading ahead.
#include "warc/record_prefetcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/warc_test_files.h"

namespace warcrawl::warc {
namespace {

using testing::GzipMember;
using testing::Noise;
using testing::Record;
using testing::TempDir;

struct Seen {
  std::string id;
  uint64_t offset = 0;
  std::string block;
  bool trailer_crlf = false;
  uint32_t members = 0;
  std::string block_error;
};

// Every record up to the event that ends the stream; *end gets that event's status.
std::vector<Seen> Drain(RecordPrefetcher* p, Status* end) {
  std::vector<Seen> seen;
  for (;;) {
    PrefetchEvent* e = p->Next();
    EXPECT_EQ(e->kind, PrefetchEvent::Kind::kRecord);
    if (!e->status.ok()) {
      *end = e->status;
      return seen;
    }
    Seen s;
    s.id = std::string(e->header.record_id());
    s.offset = e->offset;
    while ((e = p->Next())->kind == PrefetchEvent::Kind::kData) s.block.append(e->data);
    EXPECT_EQ(e->kind, PrefetchEvent::Kind::kBlockEnd);
    if (e->status.ok()) {
      s.trailer_crlf = e->framing.trailer_crlf;
      s.members = e->framing.members;
    } else {
      s.block_error = e->status.message();
    }
    seen.push_back(std::move(s));
  }
}

TEST(RecordPrefetcherTest, EventsFollowTheRecordsInOrder) {
  TempDir dir;
  std::string file;
  std::vector<std::string> blocks;
  std::vector<uint64_t> offsets;
  // Blocks larger than a batch, and many small ones: both cross batch boundaries.
  for (int i = 0; i < 3000; ++i) {
    const size_t size = i % 500 == 7 ? RecordPrefetcher::kBatchBytes * 2 + 17 : size_t(i % 50);
    blocks.push_back(Noise(size, static_cast<unsigned>(i)));
    offsets.push_back(file.size());
    file += GzipMember(Record("resource", "r" + std::to_string(i), blocks.back()));
  }
  std::unique_ptr<RecordPrefetcher> p;
  ASSERT_TRUE(RecordPrefetcher::Open(dir.Write("a.warc.gz", file), &p).ok());
  Status end;
  const std::vector<Seen> seen = Drain(p.get(), &end);
  EXPECT_TRUE(end.IsEndOfFile()) << end.ToString();
  ASSERT_EQ(seen.size(), blocks.size());
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].id, "<urn:uuid:r" + std::to_string(i) + ">");
    EXPECT_EQ(seen[i].offset, offsets[i]);
    EXPECT_EQ(seen[i].block, blocks[i]) << i;
    EXPECT_TRUE(seen[i].trailer_crlf);
    EXPECT_EQ(seen[i].members, 1u);
    EXPECT_EQ(seen[i].block_error, "");
  }
  EXPECT_TRUE(p->Next()->status.IsEndOfFile());  // and again after the end
}

TEST(RecordPrefetcherTest, ATruncatedBlockIsReportedThenTheStreamEnds) {
  TempDir dir;
  const std::string first = Record("resource", "a", "hello");
  std::string cut = Record("resource", "b", Noise(5000, 1));
  cut.resize(cut.size() - 100);
  std::unique_ptr<RecordPrefetcher> p;
  ASSERT_TRUE(RecordPrefetcher::Open(dir.Write("t.warc", first + cut), &p).ok());
  Status end;
  const std::vector<Seen> seen = Drain(p.get(), &end);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].block, "hello");
  EXPECT_NE(seen[1].block_error.find("block truncated"), std::string::npos) << seen[1].block_error;
  EXPECT_EQ(end.message(), seen[1].block_error);  // the reader's error is sticky
}

TEST(RecordPrefetcherTest, AMissingFileIsAnErrorFromOpen) {
  std::unique_ptr<RecordPrefetcher> p;
  EXPECT_FALSE(RecordPrefetcher::Open("/nonexistent/dir/x.warc", &p).ok());
}

// The reading thread is blocked on a full queue; destroying the prefetcher must stop it.
TEST(RecordPrefetcherTest, DroppedMidFileStopsItsThread) {
  TempDir dir;
  std::string file;
  for (int i = 0; i < 40; ++i) {
    file += Record("resource", "r" + std::to_string(i), Noise(100000, static_cast<unsigned>(i)));
  }
  const std::string path = dir.Write("big.warc", file);
  for (int i = 0; i < 20; ++i) {
    std::unique_ptr<RecordPrefetcher> p;
    ASSERT_TRUE(RecordPrefetcher::Open(path, &p).ok());
    if (i % 2 == 0) {
      EXPECT_TRUE(p->Next()->status.ok());
    }
  }
}

}  // namespace
}  // namespace warcrawl::warc
