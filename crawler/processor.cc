#include "crawler/processor.h"

#include <utility>

namespace warcrawl::crawler {

Processor::Processor(Archiver* archiver, MiningOptions options, std::function<void()> wake)
    : archiver_(archiver), options_(std::move(options)), wake_(std::move(wake)) {
  thread_ = std::thread([this] { Run(); });
}

Processor::~Processor() { Stop(); }

void Processor::Submit(ProcessJob job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
    ++backlog_;
  }
  cv_.notify_one();
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
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Processor::Run() {
  for (;;) {
    ProcessJob job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to do
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    ProcessOutcome outcome = Process(std::move(job));
    {
      std::lock_guard<std::mutex> lock(mu_);
      outcomes_.push_back(std::move(outcome));
    }
    wake_();
  }
}

ProcessOutcome Processor::Process(ProcessJob job) {
  ProcessOutcome out;
  out.ticket = job.ticket;
  if (job.fetch.has_response()) {
    MinePage(job.url, job.fetch, options_, &out.page);
    std::string fields = MetadataFields(job.url, out.page);
    out.archive_status = archiver_->Archive(job.fetch, fields, &out.archived);
    out.archived_ok = out.archive_status.ok();
  }
  out.response_size = job.fetch.response_head.size() + job.fetch.response_body.size();
  job.fetch.response_body = std::string();  // the outcome travels without the body
  out.url = std::move(job.url);
  out.fetch = std::move(job.fetch);
  return out;
}

}  // namespace warcrawl::crawler
