#include "index/indexer.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

#include "index/capture_codec.h"
#include "index/index_keys.h"
#include "index/page_annotation.h"
#include "index/surt.h"
#include "warc/date.h"
#include "warc/digest.h"
#include "warc/http_message.h"
#include "warc/reader.h"

namespace warcrawl::index {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// How far back a metadata record may look for the capture it annotates.
constexpr size_t kRecentCaptures = 16;

// Enough of a block for any HTTP head we accept.
constexpr size_t kHeadBytes = warc::kMaxHttpHeadBytes;
// A request's body is its capture's key when it is not a GET: a JSON body must be whole to
// parse. Longer bodies are cut here (warcio.js reads them whole).
constexpr size_t kRequestBytes = size_t{4} << 20;

bool IsUpperBase32(char c) { return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'); }
bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Whether `field` is already as FormatDigest spells it ("sha1:" and base32, else lowercase
// hex), as most crawlers write it: checking is far cheaper than ParseDigest's trial decodings.
bool IsNormalForm(std::string_view field) {
  constexpr std::pair<std::string_view, size_t> kHexLabels[] = {
      {"md5:", 32}, {"sha256:", 64}, {"sha384:", 96}, {"sha512:", 128}};
  if (field.starts_with("sha1:")) {
    return field.size() == 5 + 32 && std::all_of(field.begin() + 5, field.end(), IsUpperBase32);
  }
  for (const auto& [label, digits] : kHexLabels) {
    if (field.starts_with(label)) {
      return field.size() == label.size() + digits &&
             std::all_of(field.begin() + label.size(), field.end(), IsLowerHex);
    }
  }
  return false;
}

// The digest as one spelling, whatever encoding the WARC used: a revisit must find its
// original whether wget wrote base32 or warcio wrote hex.
bool NormalisedDigest(std::string_view field, std::string* out) {
  if (IsNormalForm(field)) {
    out->assign(field);
    return true;
  }
  warc::ParsedDigest parsed;
  if (!warc::ParseDigest(field, &parsed).ok()) return false;
  *out = warc::FormatDigest(parsed.algorithm, parsed.raw);
  return true;
}

// Whether text[from..] holds the end of an HTTP head: a line of nothing but CRs, as
// ParseHttpHead and ReadHeadFacts end a head (nothing after it changes what they read).
bool HasHeadEnd(std::string_view text, size_t from) {
  for (size_t nl = text.find('\n', from); nl != std::string_view::npos;
       nl = text.find('\n', nl + 1)) {
    size_t next = nl + 1;
    while (next < text.size() && text[next] == '\r') ++next;
    if (next < text.size() && text[next] == '\n') return true;
  }
  return false;
}

// The block's first `limit` bytes, or, when `head_only`, only through the end of its HTTP
// head. The rest is skipped unverified (its CRC unchecked: `index verify` reads every byte).
Status ReadBlockHead(warc::WarcReader* reader, size_t limit, bool head_only, std::string* head) {
  head->clear();
  char buf[16384];
  while (head->size() < limit) {
    size_t got = 0;
    Status s = reader->ReadBlock(buf, sizeof buf, &got);
    if (!s.ok()) return s;
    if (got == 0) return Status::OK();
    const size_t last = head->rfind('\n');  // a blank line may begin in the last chunk
    const size_t from = last == std::string::npos ? 0 : last;
    head->append(buf, got);
    if (head_only && HasHeadEnd(*head, from)) break;
  }
  return reader->SkipBlockUnverified();
}

// First-capture values are written once per new payload and read once per fetch of a
// known one: a plain length-prefixed layout keeps both cheap (JSON cost a third of ingest).
void PutField(std::string* out, std::string_view field) {
  const auto n = static_cast<uint32_t>(field.size());
  const char size[4] = {static_cast<char>(n), static_cast<char>(n >> 8), static_cast<char>(n >> 16),
                        static_cast<char>(n >> 24)};
  out->append(size, 4).append(field);
}

bool GetField(std::string_view* in, std::string* field) {
  if (in->size() < 4) return false;
  uint32_t n = 0;
  for (int i = 3; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>((*in)[i]);
  if (in->size() - 4 < n) return false;
  *field = std::string(in->substr(4, n));
  in->remove_prefix(4 + n);
  return true;
}

void EncodeFirstCapture(std::string_view url, std::string_view date, std::string_view record_id,
                        std::string_view filename, uint64_t offset, std::string* out) {
  out->assign(1, '\x01');  // format byte
  PutField(out, url);
  PutField(out, date);
  PutField(out, record_id);
  PutField(out, filename);
  PutField(out, std::to_string(offset));
}

// As std::filesystem::path::filename() has it, without building a path.
std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

Status DecodeFirstCapture(std::string_view in, FirstCapture* first) {
  std::string offset;
  if (in.empty() || in[0] != '\x01') return Status::Corruption("unknown first-capture format");
  in.remove_prefix(1);
  if (!GetField(&in, &first->url) || !GetField(&in, &first->date) ||
      !GetField(&in, &first->record_id) || !GetField(&in, &first->filename) ||
      !GetField(&in, &offset) || !in.empty()) {
    return Status::Corruption("damaged first-capture entry");
  }
  first->offset = std::strtoull(offset.c_str(), nullptr, 10);
  return Status::OK();
}

// A WARC-Date in microseconds since the epoch; one that does not parse comes after all.
int64_t DateMicros(std::string_view date) {
  warc::TimePoint t;
  if (!warc::ParseWarcDate(date, &t).ok()) return std::numeric_limits<int64_t>::max();
  return t.time_since_epoch().count();
}

// Whether capture a comes before capture b: earlier, or as early and in an earlier place.
bool Before(int64_t a_micros, std::string_view a_file, uint64_t a_offset, int64_t b_micros,
            std::string_view b_file, uint64_t b_offset) {
  return std::tie(a_micros, a_file, a_offset) < std::tie(b_micros, b_file, b_offset);
}

Status ParseJson(const std::string& value, std::string_view what, json* out) {
  *out = json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded() || !out->is_object()) {
    return Status::Corruption("index entry for " + std::string(what) + " is not a JSON object");
  }
  return Status::OK();
}

}  // namespace

Status Indexer::IndexFile(const std::string& path, IngestStats* stats) {
  std::error_code ec;
  const std::string absolute = fs::absolute(path, ec).lexically_normal().string();
  const uint64_t size = fs::file_size(path, ec);
  if (ec) return Status::IOError(path + ": " + ec.message());
  const std::string filename = fs::path(path).filename().string();

  IngestedFile known;
  Status s = LookupIngestedFile(*db_, filename, &known);
  if (s.ok() && known.path != absolute) {
    return Status::InvalidArgument(path + ": a different file named " + filename +
                                   " is already indexed (" + known.path + ")");
  }
  if (s.ok() && known.size == size && known.complete) {
    stats->already_indexed = true;
    return Status::OK();
  }
  if (!s.ok() && !s.IsNotFound()) return s;

  std::unique_ptr<warc::WarcReader> reader;
  if (s = warc::WarcReader::Open(path, &reader); !s.ok()) return s;
  // Registered as incomplete in the first batch, so entries flushed before a crash can
  // already be read back; the last batch marks it complete.
  json file = {{"path", absolute}, {"size", size}, {"records", 0}, {"complete", false}};
  batch_.Put(FileKey(filename), file.dump());
  // One header, head and location for all records: their buffers serve each in turn.
  std::string head;
  warc::RecordHeader header;
  warc::RecordLocation location;
  previous_.valid = false;  // warcio.js pairs records of one file only
  for (;;) {
    s = reader->Next(&header);
    if (s.IsEndOfFile()) break;
    const warc::RecordType type = header.type();
    const bool request = type == warc::RecordType::kRequest;
    // Of a response or revisit only the HTTP head is indexed; a request's body may key it.
    const bool head_only =
        type == warc::RecordType::kResponse || type == warc::RecordType::kRevisit;
    if (s.ok()) {
      s = ReadBlockHead(reader.get(), request ? kRequestBytes : kHeadBytes, head_only, &head);
    }
    if (s.ok()) s = CdxLocation(*reader, &location);
    if (s.ok()) s = AddToBatch(MakeRecord(header, type, head, location), stats);
    if (!s.ok()) {
      stats->damage = s;
      break;
    }
    if (s = MaybeFlush(stats); !s.ok()) return s;
  }
  previous_.valid = false;
  file["records"] = stats->records;
  file["complete"] = stats->damage.ok();
  batch_.Put(FileKey(filename), file.dump());
  return FlushBatch(stats);
}

std::vector<FileResult> IndexFiles(IndexDb* db, const std::vector<std::string>& paths,
                                   unsigned threads) {
  std::vector<FileResult> results(paths.size());
  // Files of one name must go one after another: the registry check is per name.
  std::set<std::string> names;
  for (const auto& path : paths) names.insert(fs::path(path).filename().string());
  if (names.size() < paths.size()) threads = 1;
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(paths.size())));
  std::atomic<size_t> next{0};
  auto work = [&] {
    Indexer indexer(db);
    for (size_t i = next++; i < paths.size(); i = next++) {
      results[i].status = indexer.IndexFile(paths[i], &results[i].stats);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  return results;
}

Status Indexer::AddRecord(const warc::RecordHeader& header, std::string_view block_head,
                          const warc::RecordLocation& location) {
  IngestStats ignored;
  Status s = AddToBatch(MakeRecord(header, header.type(), block_head, location), &ignored);
  return s.ok() ? MaybeFlush(&ignored) : s;
}

Indexer::Record Indexer::MakeRecord(const warc::RecordHeader& header, warc::RecordType type,
                                    std::string_view block_head,
                                    const warc::RecordLocation& location) {
  return Record{header, type, header.target_uri(), header.record_id(), block_head, location};
}

Status Indexer::AddToBatch(const Record& record, IngestStats* stats) {
  ++stats->records;
  if (IsIndexedByDefault(record.header)) {
    if (Status s = AddCapture(record); !s.ok()) return s;
    ++stats->captures;
  } else {
    PairWithPrevious(record, nullptr);
    if (record.type == warc::RecordType::kMetadata) AnnotateRecent(record);
  }
  if (record.type == warc::RecordType::kResponse || record.type == warc::RecordType::kResource) {
    return AddFirstCapture(record);
  }
  return Status::OK();
}

// Builds the record's capture in place of the oldest in recent_ (reusing its buffers; a
// failed build leaves it untouched), writes it, and keeps it there as the newest.
Status Indexer::AddCapture(const Record& record) {
  const bool grow = recent_.size() < kRecentCaptures;
  if (grow) recent_.emplace_back();
  Recent& slot = grow ? recent_.back() : recent_[recent_next_];
  CaptureEntry& entry = slot.entry;
  if (Status s = CaptureFromRecord(record.header, record.block_head, record.location, &entry);
      !s.ok()) {
    if (grow) recent_.pop_back();
    return s;
  }
  // A URL the SURT rules cannot parse stays findable under its own text.
  if (!SurtKey(entry.url, &entry.urlkey).ok()) entry.urlkey = entry.url;
  PairWithPrevious(record, &entry);
  PutCapture(entry);
  slot.record_id.assign(record.record_id);
  if (!grow) recent_next_ = (recent_next_ + 1) % kRecentCaptures;
  return Status::OK();
}

// Keeps the record as its batch's candidate first capture of its payload unless the batch
// has an earlier one; the flush compares it with the index's.
Status Indexer::AddFirstCapture(const Record& record) {
  std::optional<std::string_view> field = record.header.fields.Get(warc::field::kPayloadDigest);
  if (!field || !NormalisedDigest(*field, &digest_)) return Status::OK();
  DigestKey(digest_, &key_);
  const std::string_view date = record.header.date();
  const std::string_view filename = BaseName(record.location.filename);
  const uint64_t offset = record.location.offset;
  const auto [it, inserted] = candidates_->try_emplace(std::pmr::string(key_, &digest_arena_));
  Candidate& candidate = it->second;
  std::optional<int64_t> micros;
  if (!inserted) {  // a payload repeated in the batch (an empty body, often)
    micros = DateMicros(date);
    if (!candidate.micros) candidate.micros = DateMicros(candidate.date);
    if (!Before(*micros, filename, offset, *candidate.micros, candidate.filename,
                candidate.offset)) {
      return Status::OK();
    }
  }
  candidate.date.assign(date);
  candidate.micros = micros;
  candidate.filename.assign(filename);
  candidate.offset = offset;
  EncodeFirstCapture(record.target_uri, date, record.record_id, filename, offset, &value_);
  candidate.value.assign(value_);
  if (inserted) ++pending_;
  return Status::OK();
}

void Indexer::PutCapture(const CaptureEntry& entry) {
  EncodeCaptureKey(entry.urlkey, entry.timestamp, entry.filename, entry.offset, &key_);
  EncodeCapture(entry, &value_);
  batch_.Put(key_, value_);
  ++pending_;
}

void Indexer::AnnotateRecent(const Record& record) {
  std::optional<std::string_view> to = record.header.fields.Get(warc::field::kConcurrentTo);
  if (!to) return;
  for (size_t i = 0; i < recent_.size(); ++i) {  // oldest first
    Recent& recent = recent_[(recent_next_ + i) % recent_.size()];
    if (recent.record_id != *to) continue;
    PageAnnotation annotation;
    if (!ParsePageAnnotation(record.block_head, &annotation)) return;
    ApplyPageAnnotation(annotation, &recent.entry);
    PutCapture(recent.entry);
    return;
  }
}

void Indexer::PairWithPrevious(const Record& record, CaptureEntry* entry) {
  using warc::RecordType;
  const RecordType type = record.type;
  const bool is_response = type == RecordType::kResponse || type == RecordType::kRevisit;
  const bool had_previous = previous_.valid;
  previous_.valid = false;
  if (had_previous && previous_.filename == record.location.filename &&
      previous_.target_uri == record.target_uri) {
    if (type == RecordType::kRequest && previous_.has_capture) {
      const CaptureEntry& captured =
          recent_[(recent_next_ + recent_.size() - 1) % recent_.size()].entry;
      CaptureEntry paired = captured;
      if (PairWithRequest(ReadRequestHead(record.block_head), &paired)) {
        RekeyCapture(captured, paired);
      }
      return;
    }
    if (is_response && entry && previous_.type == RecordType::kRequest) {
      PairWithRequest(previous_.request, entry);
      return;
    }
  }
  previous_.valid = true;
  previous_.type = type;
  previous_.target_uri.assign(record.target_uri);
  previous_.filename.assign(record.location.filename);
  previous_.has_capture = is_response && entry;
  if (type == RecordType::kRequest) {
    previous_.request_block.assign(record.block_head);
    previous_.request = ReadRequestHead(previous_.request_block);
  }
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): a copy on purpose (see the header)
void Indexer::RekeyCapture(CaptureEntry old_entry, const CaptureEntry& new_entry) {
  const std::string old_key = EncodeCaptureKey(
      {old_entry.urlkey, old_entry.timestamp, old_entry.filename, old_entry.offset});
  const std::string new_key = EncodeCaptureKey(
      {new_entry.urlkey, new_entry.timestamp, new_entry.filename, new_entry.offset});
  if (old_key != new_key) batch_.Delete(old_key);
  batch_.Put(new_key, EncodeCapture(new_entry));
  ++pending_;
  for (Recent& recent : recent_) {
    if (recent.entry == old_entry) recent.entry = new_entry;
  }
}

Status Indexer::RegisterFile(const std::string& path, uint64_t records) {
  std::error_code ec;
  const std::string absolute = fs::absolute(path, ec).lexically_normal().string();
  const uint64_t size = fs::file_size(path, ec);
  if (ec) return Status::IOError(path + ": " + ec.message());
  json file = {{"path", absolute}, {"size", size}, {"records", records}, {"complete", true}};
  batch_.Put(FileKey(fs::path(path).filename().string()), file.dump());
  return Flush();
}

Status Indexer::MaybeFlush(IngestStats* stats) {
  return pending_ >= batch_size_ ? FlushBatch(stats) : Status::OK();
}

Status Indexer::Flush() {
  IngestStats ignored;
  return FlushBatch(&ignored);
}

Status Indexer::FlushBatch(IngestStats* stats) {
  Status s;
  if (candidates_->empty()) {
    s = db_->Write(&batch_, /*sync=*/false);
  } else {
    // Read and write under one lock: another Indexer's flush must not slip in between.
    std::lock_guard<std::mutex> lock(db_->update_mutex());
    FirstCapture current;
    for (const auto& [key, candidate] : *candidates_) {
      bool found = false;
      if (s = db_->Find(key, &value_, &found); !s.ok()) break;
      // An entry we cannot read is left as it is: better a stale target than a lost one.
      if (found && (!DecodeFirstCapture(value_, &current).ok() ||
                    !Before(candidate.micros ? *candidate.micros : DateMicros(candidate.date),
                            candidate.filename, candidate.offset, DateMicros(current.date),
                            current.filename, current.offset))) {
        continue;
      }
      batch_.Put(leveldb::Slice(key.data(), key.size()),
                 leveldb::Slice(candidate.value.data(), candidate.value.size()));
      if (!found) ++stats->digests;
    }
    if (s.ok()) s = db_->Write(&batch_, /*sync=*/false);
  }
  batch_.Clear();
  candidates_.reset();  // before its arena is released
  digest_arena_.release();
  candidates_.emplace(&digest_arena_);
  pending_ = 0;
  return s;
}

Status LookupFirstCapture(const IndexDb& db, std::string_view payload_digest, FirstCapture* first) {
  std::string digest, value;
  if (!NormalisedDigest(payload_digest, &digest)) {
    return Status::InvalidArgument("not a payload digest: '" + std::string(payload_digest) + "'");
  }
  if (Status s = db.Get(DigestKey(digest), &value); !s.ok()) return s;
  return DecodeFirstCapture(value, first);
}

namespace {

Status DecodeIngestedFile(const std::string& value, std::string_view filename, IngestedFile* file) {
  json j;
  if (Status s = ParseJson(value, filename, &j); !s.ok()) return s;
  file->path = j.value("path", "");
  file->size = j.value("size", uint64_t{0});
  file->records = j.value("records", uint64_t{0});
  file->complete = j.value("complete", false);
  return Status::OK();
}

}  // namespace

Status LookupIngestedFile(const IndexDb& db, std::string_view filename, IngestedFile* file) {
  std::string value;
  if (Status s = db.Get(FileKey(filename), &value); !s.ok()) return s;
  return DecodeIngestedFile(value, filename, file);
}

Status ListIngestedFiles(const IndexDb& db, std::vector<IngestedFile>* files) {
  const std::string start = FileKey("");
  const std::string end = PrefixEnd(start);
  auto it = db.NewIterator();
  for (it->Seek(start); it->Valid() && it->key().ToString() < end; it->Next()) {
    IngestedFile file;
    std::string name = it->key().ToString().substr(1);
    if (Status s = DecodeIngestedFile(it->value().ToString(), name, &file); !s.ok()) return s;
    files->push_back(std::move(file));
  }
  return FromLevelDb(it->status(), "list ingested files");
}

}  // namespace warcrawl::index
