#include "jobs/job_store.h"

#include <leveldb/write_batch.h>

#include <charconv>

namespace warcrawl::jobs {
namespace {

// 'n' → the next ID; 'j' id(8, big-endian) → job; 'r' id(8) run(8) → run.
constexpr char kNextIdKey[] = "n";
constexpr char kJobSpace = 'j';
constexpr char kRunSpace = 'r';

void AppendBigEndian(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint64_t ReadBigEndian(std::string_view s) {
  uint64_t v = 0;
  for (char c : s.substr(0, 8)) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

Status ParseId(std::string_view id, uint64_t* number) {
  auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), *number);
  if (id.empty() || ec != std::errc() || ptr != id.data() + id.size() || *number == 0) {
    std::string message = "\"";
    message.append(id).append("\" is not a job ID (a number)");
    return Status::InvalidArgument(message);
  }
  return Status::OK();
}

std::string JobKey(uint64_t id) {
  std::string key(1, kJobSpace);
  AppendBigEndian(id, &key);
  return key;
}

std::string RunPrefix(uint64_t id) {
  std::string key(1, kRunSpace);
  AppendBigEndian(id, &key);
  return key;
}

Status FromLevelDb(const leveldb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  if (s.IsCorruption()) return Status::Corruption(std::string(what) + ": " + s.ToString());
  return Status::IOError(std::string(what) + ": " + s.ToString());
}

leveldb::WriteOptions Synced() {
  leveldb::WriteOptions options;
  options.sync = true;
  return options;
}

}  // namespace

Status JobStore::Open(const std::string& directory, std::unique_ptr<JobStore>* store) {
  leveldb::Options options;
  options.create_if_missing = true;
  leveldb::DB* raw = nullptr;
  leveldb::Status s = leveldb::DB::Open(options, directory, &raw);
  if (!s.ok()) {
    if (s.ToString().find("lock") != std::string::npos) {
      return Status::IOError("the job store " + directory +
                             " is in use by another warcrawl process (serve, or a jobs run)");
    }
    return FromLevelDb(s, "opening the job store " + directory);
  }
  *store = std::make_unique<JobStore>(std::unique_ptr<leveldb::DB>(raw));
  return Status::OK();
}

Status JobStore::Add(Job* job) {
  std::lock_guard lock(add_mu_);
  std::string value;
  uint64_t next = 1;
  leveldb::Status s = db_->Get(leveldb::ReadOptions(), kNextIdKey, &value);
  if (s.ok()) {
    next = ReadBigEndian(value);
  } else if (!s.IsNotFound()) {
    return FromLevelDb(s, "reading the next job ID");
  }
  job->id = std::to_string(next);
  std::string following;
  AppendBigEndian(next + 1, &following);
  leveldb::WriteBatch batch;
  batch.Put(JobKey(next), EncodeJob(*job));
  batch.Put(kNextIdKey, following);
  return FromLevelDb(db_->Write(Synced(), &batch), "adding a job");
}

Status JobStore::Get(std::string_view id, Job* job) const {
  uint64_t number = 0;
  if (Status s = ParseId(id, &number); !s.ok()) return s;
  std::string value;
  leveldb::Status s = db_->Get(leveldb::ReadOptions(), JobKey(number), &value);
  if (s.IsNotFound()) return Status::NotFound("no job " + std::string(id));
  if (!s.ok()) return FromLevelDb(s, "reading job " + std::string(id));
  return DecodeJob(value, job);
}

Status JobStore::Put(const Job& job) {
  Job existing;
  if (Status s = Get(job.id, &existing); !s.ok()) return s;
  uint64_t number = 0;
  if (Status s = ParseId(job.id, &number); !s.ok()) return s;
  return FromLevelDb(db_->Put(Synced(), JobKey(number), EncodeJob(job)), "saving job " + job.id);
}

Status JobStore::List(std::vector<Job>* jobs) const {
  jobs->clear();
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(leveldb::ReadOptions()));
  for (it->Seek(std::string(1, kJobSpace)); it->Valid() && it->key()[0] == kJobSpace; it->Next()) {
    Job job;
    if (Status s = DecodeJob(it->value().ToString(), &job); !s.ok()) return s;
    jobs->push_back(std::move(job));
  }
  return FromLevelDb(it->status(), "listing jobs");
}

Status JobStore::Remove(std::string_view id) {
  Job job;
  if (Status s = Get(id, &job); !s.ok()) return s;
  uint64_t number = 0;
  if (Status s = ParseId(id, &number); !s.ok()) return s;
  leveldb::WriteBatch batch;
  batch.Delete(JobKey(number));
  const std::string prefix = RunPrefix(number);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(leveldb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    batch.Delete(it->key());
  }
  return FromLevelDb(db_->Write(Synced(), &batch), "removing job " + std::string(id));
}

Status JobStore::PutRun(std::string_view id, const JobRun& run) {
  uint64_t number = 0;
  if (Status s = ParseId(id, &number); !s.ok()) return s;
  std::string key = RunPrefix(number);
  AppendBigEndian(run.number, &key);
  return FromLevelDb(db_->Put(Synced(), key, EncodeRun(run)),
                     "saving run " + std::to_string(run.number) + " of job " + std::string(id));
}

Status JobStore::Runs(std::string_view id, std::vector<JobRun>* runs) const {
  runs->clear();
  uint64_t number = 0;
  if (Status s = ParseId(id, &number); !s.ok()) return s;
  const std::string prefix = RunPrefix(number);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(leveldb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    JobRun run;
    if (Status s = DecodeRun(it->value().ToString(), &run); !s.ok()) return s;
    runs->push_back(run);
  }
  return FromLevelDb(it->status(), "listing the runs of job " + std::string(id));
}

}  // namespace warcrawl::jobs
