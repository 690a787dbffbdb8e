// The first capture of a payload digest is its earliest (WARC-Date, then file name, then
// offset), whatever order, threads, batches or runs the files are indexed in.
#include <gtest/gtest.h>

#include <tuple>

#include "index/capture.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "tests/warc_test_files.h"
#include "warc/digest.h"
#include "warc/reader.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::index {
namespace {

using warc::testing::TempDir;

struct Capture {
  std::string url;
  std::string date;
  std::string body;
};

// Writes one response per capture to a file whose name starts with `prefix`.
std::string WriteWarc(const TempDir& dir, const std::string& prefix,
                      const std::vector<Capture>& captures) {
  warc::WriterOptions options;
  options.directory = dir.path();
  options.prefix = prefix;
  std::unique_ptr<warc::WarcWriter> writer;
  EXPECT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
  warc::RecordLocation loc;
  for (const Capture& c : captures) {
    const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                              std::to_string(c.body.size()) + "\r\n\r\n" + c.body;
    warc::TimePoint at;
    EXPECT_TRUE(warc::ParseWarcDate(c.date, &at).ok());
    warc::RecordHeader header;
    EXPECT_TRUE(warc::BuildResponseHeader({c.url, at, "127.0.0.1", ""}, block, warc::RecordFormat{},
                                          &header)
                    .ok());
    EXPECT_TRUE(writer->Write(header, block, &loc).ok());
  }
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

std::string DigestOf(std::string_view body) {
  return warc::FormatDigest(warc::DigestAlgorithm::kSha1,
                            warc::ComputeDigest(warc::DigestAlgorithm::kSha1, body));
}

FirstCapture FirstOf(const IndexDb& db, std::string_view body) {
  FirstCapture first;
  EXPECT_TRUE(LookupFirstCapture(db, DigestOf(body), &first).ok()) << body;
  return first;
}

// `bodies` shared payloads, the same in two files: "late-…" a day after "early-…".
class FirstCaptureTest : public ::testing::Test {
 protected:
  static constexpr int kBodies = 300;

  void SetUp() override {
    std::vector<Capture> early, late;
    for (int i = 0; i < kBodies; ++i) {
      const std::string body = "shared body " + std::to_string(i);
      early.push_back({"http://early.example/" + std::to_string(i), "2024-03-01T10:00:00Z", body});
      late.push_back({"http://late.example/" + std::to_string(i), "2024-03-02T10:00:00Z", body});
    }
    early_ = WriteWarc(dir_, "early", early);
    late_ = WriteWarc(dir_, "late", late);
  }

  std::unique_ptr<IndexDb> OpenDb(const std::string& name) {
    std::unique_ptr<IndexDb> db;
    EXPECT_TRUE(IndexDb::Open(dir_.File(name), &db).ok());
    return db;
  }

  // Every shared payload names its capture in the early file.
  void ExpectEarlyFirst(const IndexDb& db) {
    for (int i = 0; i < kBodies; ++i) {
      const FirstCapture first = FirstOf(db, "shared body " + std::to_string(i));
      ASSERT_EQ(first.url, "http://early.example/" + std::to_string(i));
      ASSERT_TRUE(first.date.starts_with("2024-03-01T10:00:00")) << first.date;
      ASSERT_TRUE(first.filename.starts_with("early")) << first.filename;
    }
  }

  TempDir dir_;
  std::string early_, late_;
};

TEST_F(FirstCaptureTest, AnEarlierCaptureIndexedLaterReplacesTheFirst) {
  auto db = OpenDb("index");
  Indexer indexer(db.get());
  IngestStats late, early;
  ASSERT_TRUE(indexer.IndexFile(late_, &late).ok());
  EXPECT_EQ(late.digests, static_cast<uint64_t>(kBodies));
  ASSERT_TRUE(indexer.IndexFile(early_, &early).ok());
  EXPECT_EQ(early.digests, 0u);  // no payload is new, only an earlier capture of each
  ExpectEarlyFirst(*db);
}

TEST_F(FirstCaptureTest, ALaterCaptureNeverReplacesTheFirst) {
  auto db = OpenDb("index");
  IngestStats early, late;
  // Two runs, as two `warcrawl index` invocations; small batches, so many flushes.
  ASSERT_TRUE(Indexer(db.get(), 7).IndexFile(early_, &early).ok());
  ASSERT_TRUE(Indexer(db.get(), 7).IndexFile(late_, &late).ok());
  EXPECT_EQ(late.digests, 0u);
  ExpectEarlyFirst(*db);
}

TEST_F(FirstCaptureTest, ParallelIngestNamesTheEarliestWhateverTheTiming) {
  for (int round = 0; round < 20; ++round) {
    auto db = OpenDb("index" + std::to_string(round));
    const std::vector<std::string> paths =
        round % 2 ? std::vector{late_, early_} : std::vector{early_, late_};
    uint64_t digests = 0;
    for (const FileResult& r : IndexFiles(db.get(), paths, 2)) {
      ASSERT_TRUE(r.status.ok()) << r.status.ToString();
      digests += r.stats.digests;
    }
    EXPECT_EQ(digests, static_cast<uint64_t>(kBodies)) << "round " << round;
    ExpectEarlyFirst(*db);
  }
}

TEST(FirstCaptureTieTest, SameDateGoesToTheFileNameFirstInOrderThenTheOffset) {
  TempDir dir;
  const std::string b = WriteWarc(dir, "b", {{"http://b.example/", "2024-03-01T10:00:00Z", "x"}});
  const std::string a = WriteWarc(dir, "a",
                                  {{"http://a.example/1", "2024-03-01T10:00:00Z", "x"},
                                   {"http://a.example/2", "2024-03-01T10:00:00Z", "x"}});
  for (const auto& paths : {std::vector{a, b}, std::vector{b, a}}) {
    for (size_t batch : {size_t{1}, size_t{10000}}) {  // compared in the index, or in a batch
      TempDir index;
      std::unique_ptr<IndexDb> db;
      ASSERT_TRUE(IndexDb::Open(index.File("index"), &db).ok());
      for (const std::string& path : paths) {
        IngestStats stats;
        ASSERT_TRUE(Indexer(db.get(), batch).IndexFile(path, &stats).ok());
      }
      EXPECT_EQ(FirstOf(*db, "x").url, "http://a.example/1");
    }
  }
}

TEST(FirstCaptureTieTest, AnEarlierDateLaterInAFileWins) {
  TempDir dir;
  const std::string path = WriteWarc(dir, "t",
                                     {{"http://t.example/1", "2024-03-05T10:00:00Z", "y"},
                                      {"http://t.example/2", "2024-03-01T10:00:00.5Z", "y"},
                                      {"http://t.example/3", "2024-03-01T10:00:00.7Z", "y"}});
  for (size_t batch : {size_t{1}, size_t{10000}}) {
    TempDir index;
    std::unique_ptr<IndexDb> db;
    ASSERT_TRUE(IndexDb::Open(index.File("index"), &db).ok());
    IngestStats stats;
    ASSERT_TRUE(Indexer(db.get(), batch).IndexFile(path, &stats).ok());
    EXPECT_EQ(stats.digests, 1u);
    EXPECT_EQ(FirstOf(*db, "y").url, "http://t.example/2") << "batch " << batch;
  }
}

// The crawler's path: a record added and flushed is found at once; another writer's
// earlier capture of the payload takes its place, a later one does not.
TEST(FirstCaptureCrawlerTest, AddedRecordsAreFoundAfterEachFlush) {
  TempDir dir;
  const std::string later =
      WriteWarc(dir, "c", {{"http://c.example/", "2024-03-02T00:00:00Z", "z"}});
  const std::string earlier =
      WriteWarc(dir, "d", {{"http://d.example/", "2024-03-01T00:00:00Z", "z"}});
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer first_writer(db.get()), second_writer(db.get());
  auto add = [](Indexer* indexer, const std::string& path) {
    std::unique_ptr<warc::WarcReader> reader;
    ASSERT_TRUE(warc::WarcReader::Open(path, &reader).ok());
    warc::RecordHeader header;
    while (reader->Next(&header).ok()) {
      std::string block;
      ASSERT_TRUE(reader->ReadWholeBlock(&block, size_t{1} << 20).ok());
      if (header.type() != warc::RecordType::kResponse) continue;
      warc::RecordLocation loc;
      ASSERT_TRUE(CdxLocation(*reader, &loc).ok());
      ASSERT_TRUE(indexer->AddRecord(header, block, loc).ok());
    }
    ASSERT_TRUE(indexer->Flush().ok());
  };
  add(&first_writer, later);
  EXPECT_EQ(FirstOf(*db, "z").url, "http://c.example/");
  add(&second_writer, earlier);
  EXPECT_EQ(FirstOf(*db, "z").url, "http://d.example/");
  add(&first_writer, later);
  EXPECT_EQ(FirstOf(*db, "z").url, "http://d.example/");
}

}  // namespace
}  // namespace warcrawl::index
