#include "crawler/processor.h"

#include <utility>

#include "warc/http_message.h"

namespace warcrawl::crawler {

Processor::Processor(std::vector<Archiver*> archivers, MiningOptions options,
                     const index::IndexDb* index, std::function<void()> wake)
    : archivers_(std::move(archivers)),
      options_(std::move(options)),
      index_(index),
      wake_(std::move(wake)) {
  miner_ = std::thread([this] { MineLoop(); });
  for (Archiver* a : archivers_) archive_threads_.emplace_back([this, a] { ArchiveLoop(a); });
}

Processor::~Processor() { Stop(); }

void Processor::Submit(ProcessJob job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
    ++backlog_;
  }
  jobs_cv_.notify_one();
}

bool Processor::TakeOutcome(ProcessOutcome* outcome) {
  std::lock_guard<std::mutex> lock(mu_);
  if (outcomes_.empty()) return false;
  *outcome = std::move(outcomes_.front());
  outcomes_.pop_front();
  --backlog_;
  return true;
}

size_t Processor::backlog() const {
  std::lock_guard<std::mutex> lock(mu_);
  return backlog_;
}

void Processor::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  jobs_cv_.notify_all();
  if (miner_.joinable()) miner_.join();
  for (std::thread& t : archive_threads_) {
    if (t.joinable()) t.join();
  }
}

void Processor::MineLoop() {
  for (;;) {
    ProcessJob job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      jobs_cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) {
        mining_done_ = true;
        break;
      }
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Mined mined = Mine(std::move(job));
    {
      std::lock_guard<std::mutex> lock(mu_);
      mined_.push_back(std::move(mined));
    }
    mined_cv_.notify_one();
  }
  mined_cv_.notify_all();
}

void Processor::ArchiveLoop(Archiver* archiver) {
  for (;;) {
    Mined mined;
    {
      std::unique_lock<std::mutex> lock(mu_);
      mined_cv_.wait(lock, [this] { return mining_done_ || !mined_.empty(); });
      if (mined_.empty()) return;  // mining is over and everything is archived
      mined = std::move(mined_.front());
      mined_.pop_front();
    }
    ProcessOutcome outcome = Archive(archiver, std::move(mined));
    {
      std::lock_guard<std::mutex> lock(mu_);
      outcomes_.push_back(std::move(outcome));
    }
    wake_();
  }
}

Processor::Mined Processor::Mine(ProcessJob job) {
  Mined m;
  m.outcome.ticket = job.ticket;
  if (job.revalidation != nullptr && job.fetch.status_code == 304) {
    m.not_modified = job.revalidation;
    MineConfirmed(job, &m.outcome.page);
    m.metadata_fields = MetadataFields(job.url, m.outcome.page);
  } else if (job.fetch.has_response()) {
    MinePage(job.url, job.fetch, options_, &m.outcome.page);
    m.metadata_fields = MetadataFields(job.url, m.outcome.page);
  }
  m.outcome.response_size = job.fetch.response_head.size() + job.fetch.response_body.size();
  m.body = std::move(job.fetch.response_body);
  m.outcome.url = std::move(job.url);
  m.outcome.fetch = std::move(job.fetch);
  return m;
}

void Processor::MineConfirmed(const ProcessJob& job, MinedPage* page) {
  std::string block;
  warc::HttpHead head;
  Status s = ReadCapturedBlock(*index_, job.revalidation->capture, &block);
  if (s.ok()) s = warc::ParseHttpHead(block, &head);
  if (!s.ok()) {
    page->problem = "the capture a 304 confirms cannot be read: " + s.ToString();
    return;
  }
  FetchResult confirmed = job.fetch;  // this fetch, with the confirmed capture's response
  confirmed.status_code = head.status;
  confirmed.response_head = block.substr(0, head.head_length);
  confirmed.response_body = block.substr(head.head_length);
  MinePage(job.url, confirmed, options_, page);
}

ProcessOutcome Processor::Archive(Archiver* archiver, Mined mined) {
  ProcessOutcome& out = mined.outcome;
  if (out.fetch.has_response()) {
    out.fetch.response_body = std::move(mined.body);
    out.archive_status = archiver->Archive(out.fetch, mined.metadata_fields,
                                           mined.not_modified.get(), &out.archived);
    out.archived_ok = out.archive_status.ok();
    out.fetch.response_body = std::string();  // the outcome travels without the body
  }
  return std::move(out);
}

}  // namespace warcrawl::crawler
