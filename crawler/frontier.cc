#include "crawler/frontier.h"

#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include <filesystem>
#include <set>
#include <vector>

#include "index/index_db.h"
#include "index/url.h"

namespace warcrawl::crawler {
namespace {

// Keyspaces: 's' seen set (canonical URL → state), 'q' queues (origin, priority, sequence),
// 'i' in flight (sequence), 'm' counters.
constexpr char kDoneCounter[] = "m:done";
constexpr char kFailedCounter[] = "m:failed";

void AppendBigEndian64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint64_t ReadBigEndian64(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes.substr(0, 8)) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

std::string QueuePrefix(std::string_view origin) {
  std::string key = "q";
  key.append(origin);
  key.push_back('\0');
  return key;
}

std::string QueueKey(std::string_view origin, uint8_t priority, uint64_t seq) {
  std::string key = QueuePrefix(origin);
  key.push_back(static_cast<char>(priority));
  AppendBigEndian64(seq, &key);
  return key;
}

std::string InFlightKey(uint64_t seq) {
  std::string key = "i";
  AppendBigEndian64(seq, &key);
  return key;
}

leveldb::Slice AsSlice(std::string_view s) { return {s.data(), s.size()}; }
std::string_view AsView(const leveldb::Slice& s) { return {s.data(), s.size()}; }

const leveldb::FilterPolicy* SeenSetFilter() {
  static const std::unique_ptr<const leveldb::FilterPolicy> policy(
      leveldb::NewBloomFilterPolicy(10));
  return policy.get();
}

uint64_t ParseCounter(const std::string& text) { return text.empty() ? 0 : std::stoull(text); }

}  // namespace

Status CanonicalizeForFrontier(std::string_view text, std::string* key, std::string* origin) {
  index::Url url;
  Status s = index::ParseUrl(text, &url);
  if (s.ok()) s = index::NormalizeUrl(&url);
  if (!s.ok()) return s;
  if ((url.scheme != "http" && url.scheme != "https") || !url.host) {
    return Status::InvalidArgument("not an http(s) URL: " + std::string(text));
  }
  url.fragment.reset();
  *key = url.ToString();
  // Appended piecewise: GCC 12 misreports operator+ chains here (-Wrestrict).
  origin->assign(url.scheme);
  origin->append("://");
  origin->append(*url.host);
  if (url.port >= 0) origin->append(":").append(std::to_string(url.port));
  return Status::OK();
}

Frontier::Frontier(OpenKey, std::unique_ptr<leveldb::DB> db) : db_(std::move(db)) {}

Status Frontier::Open(const std::string& directory, std::unique_ptr<Frontier>* frontier) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return Status::IOError("create " + directory + ": " + ec.message());
  leveldb::Options options;
  options.create_if_missing = true;
  options.filter_policy = SeenSetFilter();
  leveldb::DB* raw = nullptr;
  leveldb::Status ls = leveldb::DB::Open(options, directory, &raw);
  std::unique_ptr<leveldb::DB> db(raw);
  if (!ls.ok()) return index::FromLevelDb(ls, "open frontier " + directory);
  auto f = std::make_unique<Frontier>(OpenKey(), std::move(db));
  Status s = f->Load();
  if (!s.ok()) return s;
  *frontier = std::move(f);
  return Status::OK();
}

Status Frontier::Load() {
  std::string value;
  if (db_->Get({}, kDoneCounter, &value).ok()) done_ = ParseCounter(value);
  if (db_->Get({}, kFailedCounter, &value).ok()) failed_ = ParseCounter(value);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator({}));
  std::vector<CrawlUrl> orphans;  // in flight when the last run stopped
  leveldb::WriteBatch batch;
  for (it->Seek("i"); it->Valid() && it->key().starts_with("i"); it->Next()) {
    CrawlUrl url;
    Status s = DecodeCrawlUrl(AsView(it->value()), &url);
    if (!s.ok()) return s;
    next_seq_ = std::max(next_seq_, ReadBigEndian64(AsView(it->key()).substr(1)) + 1);
    batch.Delete(it->key());
    orphans.push_back(std::move(url));
  }
  for (it->Seek("q"); it->Valid() && it->key().starts_with("q"); it->Next()) {
    std::string_view key = AsView(it->key());
    size_t nul = key.find('\0');
    if (nul == std::string_view::npos || key.size() != nul + 10) {
      return Status::Corruption("frontier: malformed queue key");
    }
    std::string origin(key.substr(1, nul - 1));
    ++queues_[origin][static_cast<uint8_t>(key[nul + 1])].queued;
    ++queued_[std::move(origin)];
    next_seq_ = std::max(next_seq_, ReadBigEndian64(key.substr(nul + 2)) + 1);
  }
  for (CrawlUrl& url : orphans) {
    url.priority = 0;  // first in line: it was already being fetched
    std::string key, origin;
    Status s = CanonicalizeForFrontier(url.url, &key, &origin);
    if (s.ok()) s = Enqueue(url, origin, &batch);
    if (!s.ok()) return s;
  }
  resumed_ = orphans.size();
  return Commit(&batch);
}

Status Frontier::Enqueue(const CrawlUrl& url, std::string_view origin, leveldb::WriteBatch* batch) {
  batch->Put(QueueKey(origin, url.priority, next_seq_++), EncodeCrawlUrl(url));
  pending_.emplace_back(origin, url.priority);
  return Status::OK();
}

Status Frontier::Commit(leveldb::WriteBatch* batch) {
  leveldb::Status ls = db_->Write({}, batch);
  if (!ls.ok()) {
    pending_.clear();
    return index::FromLevelDb(ls, "write frontier");
  }
  for (auto& [origin, priority] : pending_) {
    ++queues_[origin][priority].queued;
    ++queued_[origin];
  }
  pending_.clear();
  return Status::OK();
}

Status Frontier::Add(const CrawlUrl& url, bool* added) {
  std::string key, origin;
  Status s = CanonicalizeForFrontier(url.url, &key, &origin);
  if (!s.ok()) return s;
  std::string state;
  *added = false;
  if (db_->Get({}, AsSlice("s" + key), &state).ok()) return Status::OK();
  leveldb::WriteBatch batch;
  batch.Put(AsSlice("s" + key), "q");
  s = Enqueue(url, origin, &batch);
  if (s.ok()) s = Commit(&batch);
  *added = s.ok();
  return s;
}

bool Frontier::Seen(std::string_view key) const {
  std::string seen_key(1, 's');
  seen_key.append(key);
  std::string state;
  return db_->Get({}, AsSlice(seen_key), &state).ok();
}

Status Frontier::Take(std::string_view origin, CrawlUrl* url, uint64_t* ticket) {
  auto queues = queues_.find(origin);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator({}));
  if (queues != queues_.end()) {
    for (auto& [priority, queue] : queues->second) {
      if (queue.queued == 0) continue;
      std::string from = QueueKey(origin, priority, queue.taken_up_to);
      it->Seek(from);
      std::string_view queue_prefix = std::string_view(from).substr(0, from.size() - 8);
      if (!it->Valid() || !it->key().starts_with(AsSlice(queue_prefix))) {
        queue.queued = 0;  // the count was off; the queue is empty
        continue;
      }
      Status s = DecodeCrawlUrl(AsView(it->value()), url);
      if (!s.ok()) return s;
      uint64_t seq = ReadBigEndian64(AsView(it->key()).substr(queue_prefix.size()));
      leveldb::WriteBatch batch;
      batch.Delete(it->key());
      batch.Put(InFlightKey(seq), it->value());
      leveldb::Status ls = db_->Write({}, &batch);
      if (!ls.ok()) return index::FromLevelDb(ls, "write frontier");
      --queue.queued;
      queue.taken_up_to = seq + 1;
      auto q = queued_.find(origin);
      if (q != queued_.end() && --q->second == 0) queued_.erase(q);
      ++in_flight_;
      *ticket = seq;
      return Status::OK();
    }
  }
  queued_.erase(std::string(origin));
  return Status::NotFound("no queued URL for " + std::string(origin));
}

Status Frontier::TakeInFlight(uint64_t ticket, CrawlUrl* url) {
  std::string value;
  leveldb::Status ls = db_->Get({}, InFlightKey(ticket), &value);
  if (!ls.ok()) return index::FromLevelDb(ls, "frontier ticket " + std::to_string(ticket));
  return DecodeCrawlUrl(value, url);
}

Status Frontier::Finish(uint64_t ticket, bool failed, std::span<const CrawlUrl> discovered,
                        size_t* added) {
  CrawlUrl finished;
  Status s = TakeInFlight(ticket, &finished);
  if (!s.ok()) return s;
  leveldb::WriteBatch batch;
  batch.Delete(InFlightKey(ticket));
  std::string key, origin;
  if (CanonicalizeForFrontier(finished.url, &key, &origin).ok()) {
    batch.Put(AsSlice("s" + key), failed ? "f" : "d");
  }
  batch.Put(failed ? kFailedCounter : kDoneCounter, std::to_string((failed ? failed_ : done_) + 1));
  std::set<std::string, std::less<>> in_batch;
  *added = 0;
  for (const CrawlUrl& url : discovered) {
    if (!CanonicalizeForFrontier(url.url, &key, &origin).ok()) continue;
    std::string state;
    if (in_batch.contains(key) || db_->Get({}, AsSlice("s" + key), &state).ok()) continue;
    batch.Put(AsSlice("s" + key), "q");
    s = Enqueue(url, origin, &batch);
    if (!s.ok()) return s;
    in_batch.insert(key);
    ++*added;
  }
  s = Commit(&batch);
  if (!s.ok()) return s;
  --in_flight_;
  ++(failed ? failed_ : done_);
  return Status::OK();
}

Status Frontier::Requeue(uint64_t ticket, const CrawlUrl& url) {
  CrawlUrl old;
  Status s = TakeInFlight(ticket, &old);
  if (!s.ok()) return s;
  std::string key, origin;
  s = CanonicalizeForFrontier(url.url, &key, &origin);
  if (!s.ok()) return s;
  leveldb::WriteBatch batch;
  batch.Delete(InFlightKey(ticket));
  s = Enqueue(url, origin, &batch);
  if (s.ok()) s = Commit(&batch);
  if (s.ok()) --in_flight_;
  return s;
}

FrontierCounts Frontier::counts() const {
  FrontierCounts c;
  for (const auto& [origin, n] : queued_) c.queued += n;
  c.in_flight = in_flight_;
  c.done = done_;
  c.failed = failed_;
  return c;
}

}  // namespace warcrawl::crawler
