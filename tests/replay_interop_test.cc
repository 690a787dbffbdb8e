// Replay of WARCs other tools wrote (../shared/interop): every HTTP capture they hold replays
// without a server error, as the archived bytes (id_) and rewritten; their revisits resolve
// to the payload they refer to, URL-agnostic ones included.
#include <gtest/gtest.h>

#include <filesystem>

#include "index/capture_codec.h"
#include "index/index_keys.h"
#include "index/indexer.h"
#include "replay/collection.h"
#include "replay/replay_service.h"
#include "tests/warc_test_files.h"

namespace warcrawl::replay {
namespace {

using warc::testing::TempDir;

const std::string kCorpus = std::string(WARCRAWL_SHARED_DIR) + "/interop/warcs/";

class ReplayInteropTest : public ::testing::Test {
 protected:
  // Indexes `files` (all top-level corpus WARCs when empty) into a fresh collection.
  void Open(std::vector<std::string> files = {}) {
    if (files.empty()) {
      for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
        if (entry.is_regular_file()) files.push_back(entry.path().filename().string());
      }
    }
    {
      std::unique_ptr<index::IndexDb> db;
      ASSERT_TRUE(index::IndexDb::Open(dir_.File("index"), &db).ok());
      index::Indexer indexer(db.get());
      for (const std::string& file : files) {
        index::IngestStats stats;
        ASSERT_TRUE(indexer.IndexFile(kCorpus + file, &stats).ok()) << file;
      }
    }
    std::unique_ptr<Collection> collection;
    ASSERT_TRUE(Collection::Open("i", dir_.path(), &collection).ok());
    ASSERT_TRUE(collections_.Add(std::move(collection)).ok());
    service_ = std::make_unique<ReplayService>(collections_, ReplayServiceOptions{0});
  }

  std::vector<index::CaptureEntry> AllCaptures() {
    std::vector<index::CaptureEntry> out;
    auto it = collections_.Find("i")->db().NewIterator();
    for (it->Seek(std::string(1, index::kCaptureSpace));
         it->Valid() && it->key()[0] == index::kCaptureSpace; it->Next()) {
      index::CaptureKey key;
      index::CaptureEntry entry;
      EXPECT_TRUE(index::DecodeCaptureKey(it->key().ToString(), &key));
      std::string_view value(it->value().data(), it->value().size());
      EXPECT_TRUE(index::DecodeCapture(key.urlkey, key.timestamp, value, &entry).ok());
      out.push_back(entry);
    }
    return out;
  }

  ReplayReply Get(const std::string& target) { return Send("GET", target, ""); }

  ReplayReply Send(const std::string& method, const std::string& target, std::string body) {
    ReplayRequest request;
    request.method = method;
    request.target = target;
    request.origin = "http://replay.test";
    request.content_type = "application/x-www-form-urlencoded";
    request.body = std::move(body);
    return service_->Handle(request);
  }

  TempDir dir_;
  CollectionSet collections_;
  std::unique_ptr<ReplayService> service_;
};

TEST_F(ReplayInteropTest, EveryHttpCaptureOfEveryToolReplays) {
  Open();
  size_t replayed = 0, missing = 0, posts_replayed = 0;
  for (const index::CaptureEntry& c : AllCaptures()) {
    if (!c.url.starts_with("http://") && !c.url.starts_with("https://")) continue;
    for (const char* mod : {"id_", "mp_"}) {
      const std::string target = "/i/" + c.timestamp + mod + "/" + c.url;
      // A POST capture is keyed by its method and body: the browser's POST finds it again.
      ReplayReply reply = c.method.empty() ? Get(target) : Send(c.method, target, c.request_body);
      EXPECT_LT(reply.status, 500) << c.filename << " " << target << "\n" << reply.body;
      if (reply.status == 404 && reply.Header("Memento-Datetime").empty()) {
        // Only pywb's dupes: most of their originals are in pywb's iana.warc.gz, which the
        // corpus does not hold.
        EXPECT_EQ(c.filename, "pywb-liveweb-dupes.warc.gz") << target;
        EXPECT_EQ(c.record_type, warc::RecordType::kRevisit) << target;
        EXPECT_NE(reply.body.find("not in the archive"), std::string::npos) << reply.body;
        ++missing;
        continue;
      }
      EXPECT_NE(reply.Header("Memento-Datetime"), "") << target;
      ++replayed;
      posts_replayed += c.method.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(replayed, 300u);
  EXPECT_GT(posts_replayed, 0u) << "the corpus holds POSTs (pywb's and warcprox's)";
  EXPECT_EQ(missing, 14u) << "7 revisits of dupes.warc.gz, each as id_ and mp_";
}

TEST_F(ReplayInteropTest, HeritrixRevisitsServeTheirOriginalPayload) {
  Open({"heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz",
        "heritrix3.1.1-BL-20140325122341434-00000-32090_opera_8443.warc.gz"});
  size_t revisits = 0;
  for (const index::CaptureEntry& c : AllCaptures()) {
    if (c.record_type != warc::RecordType::kRevisit || c.status != 200) continue;
    ReplayReply revisit = Get("/i/" + c.timestamp + "id_/" + c.url);
    ASSERT_EQ(revisit.status, 200) << c.url << "\n" << revisit.body;
    // The original: the capture of the same digest that is a response.
    for (const index::CaptureEntry& o : AllCaptures()) {
      if (o.record_type == warc::RecordType::kResponse && o.digest == c.digest) {
        EXPECT_EQ(revisit.body, Get("/i/" + o.timestamp + "id_/" + o.url).body) << c.url;
        break;
      }
    }
    ++revisits;
  }
  EXPECT_GT(revisits, 20u);
}

TEST_F(ReplayInteropTest, UrlAgnosticRevisitsFindTheirOriginalByRefersTo) {
  Open({"ia-web-commons-example-url-agnostic-orig.warc.gz",
        "ia-web-commons-example-url-agnostic-revisit.warc.gz", "webrecorder3.7-example.warc.gz"});
  size_t revisits = 0, of_other_urls = 0;
  for (const index::CaptureEntry& c : AllCaptures()) {
    if (c.record_type != warc::RecordType::kRevisit) continue;
    ASSERT_FALSE(c.refers_to_url.empty());
    if (c.refers_to_url != c.url) ++of_other_urls;
    ReplayReply revisit = Get("/i/" + c.timestamp + "id_/" + c.url);
    EXPECT_EQ(revisit.status, 200) << c.url << "\n" << revisit.body;
    EXPECT_GT(revisit.body.size(), 100u) << c.url;
    ++revisits;
  }
  EXPECT_EQ(revisits, 2u);
  EXPECT_EQ(of_other_urls, 1u) << "ia-web-commons' revisit is of another URL";
}

}  // namespace
}  // namespace warcrawl::replay
