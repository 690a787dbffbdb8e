#include "warc/record_prefetcher.h"

#include <utility>

namespace warcrawl::warc {
namespace {

// Events per batch at most: many small records still make few hand-overs, each a wakeup.
constexpr size_t kMaxEvents = 1024;

// Whether a batch has no room for another piece of data and the block's end after it.
bool IsFull(size_t used, size_t events) {
  return used == RecordPrefetcher::kBatchBytes || events + 2 > kMaxEvents;
}

}  // namespace

Status RecordPrefetcher::Open(const std::string& path, std::unique_ptr<RecordPrefetcher>* out) {
  std::unique_ptr<WarcReader> reader;
  if (Status s = WarcReader::Open(path, &reader); !s.ok()) return s;
  *out = std::make_unique<RecordPrefetcher>(std::move(reader));
  return Status::OK();
}

RecordPrefetcher::RecordPrefetcher(std::unique_ptr<WarcReader> reader)
    : reader_(std::move(reader)) {
  reader_->set_reads_every_block(true);
  for (size_t i = 0; i < kBatches; ++i) {
    auto batch = std::make_unique<Batch>();
    batch->bytes = std::make_unique_for_overwrite<char[]>(kBatchBytes);
    batch->events.reserve(kMaxEvents);
    free_.push_back(std::move(batch));
  }
  end_.status = Status::EndOfFile();
  thread_ = std::thread([this] { Run(); });
}

RecordPrefetcher::~RecordPrefetcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  free_cv_.notify_all();
  thread_.join();
}

PrefetchEvent* RecordPrefetcher::Next() {
  while (current_ == nullptr || next_event_ == current_->events.size()) {
    if (current_ != nullptr) {
      current_->events.clear();  // headers freed on the consumer's thread, unlocked
      current_->used = 0;
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (current_ != nullptr) {
      free_.push_back(std::move(current_));
      free_cv_.notify_one();
    }
    ready_cv_.wait(lock, [this] { return !ready_.empty() || finished_; });
    if (ready_.empty()) return &end_;
    current_ = std::move(ready_.front());
    ready_.pop_front();
    next_event_ = 0;
  }
  return &current_->events[next_event_++];
}

std::unique_ptr<RecordPrefetcher::Batch> RecordPrefetcher::TakeFree() {
  std::unique_lock<std::mutex> lock(mu_);
  free_cv_.wait(lock, [this] { return !free_.empty() || stopping_; });
  if (stopping_) return nullptr;
  std::unique_ptr<Batch> batch = std::move(free_.back());
  free_.pop_back();
  return batch;
}

void RecordPrefetcher::Push(std::unique_ptr<Batch> batch, bool last) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ready_.push_back(std::move(batch));
    finished_ = last;
  }
  ready_cv_.notify_one();
}

void RecordPrefetcher::Run() {
  std::unique_ptr<Batch> b = TakeFree();
  while (b != nullptr) {
    PrefetchEvent& record = b->events.emplace_back();
    record.kind = PrefetchEvent::Kind::kRecord;
    record.status = reader_->Next(&record.header);
    record.offset = reader_->location().offset;
    if (!record.status.ok()) {
      Push(std::move(b), /*last=*/true);
      return;
    }
    for (;;) {
      if (IsFull(b->used, b->events.size())) {
        Push(std::move(b), /*last=*/false);
        if ((b = TakeFree()) == nullptr) return;
      }
      size_t got = 0;
      char* at = b->bytes.get() + b->used;
      Status s = reader_->ReadBlock(at, kBatchBytes - b->used, &got);
      PrefetchEvent& e = b->events.emplace_back();
      if (!s.ok() || got == 0) {
        e.kind = PrefetchEvent::Kind::kBlockEnd;
        e.status = std::move(s);
        e.framing = reader_->framing();
        break;
      }
      e.kind = PrefetchEvent::Kind::kData;
      e.data = std::string_view(at, got);
      b->used += got;
    }
    if (IsFull(b->used, b->events.size())) {
      Push(std::move(b), /*last=*/false);
      b = TakeFree();
    }
  }
}

}  // namespace warcrawl::warc
