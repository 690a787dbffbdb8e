#include "index/cdx_query.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "index/capture_codec.h"
#include "index/index_keys.h"
#include "index/surt.h"
#include "index/timestamp.h"

namespace warcrawl::index {
namespace {

struct ScanRange {
  std::string start, end;  // [start, end) over capture keys
};

std::string_view AsView(const leveldb::Slice& s) { return {s.data(), s.size()}; }

Status ResolveRange(const CdxQuery& query, ScanRange* range, MatchType* type) {
  std::string url = query.url;
  *type = query.match_type;
  if (query.literal_url) {
    // As written.
  } else if (url.starts_with("*.")) {
    url.erase(0, 2);
    *type = MatchType::kDomain;
  } else if (url.ends_with("*")) {
    url.pop_back();
    if (*type == MatchType::kExact) *type = MatchType::kPrefix;
  }
  if (url.empty()) return Status::InvalidArgument("the query needs a URL");
  SurtRange keys;
  if (Status s = SurtSearchRange(url, *type, &keys); !s.ok()) {
    return Status::InvalidArgument("cannot query '" + query.url + "': " + s.message());
  }
  // Capture keys are the SURT key behind the keyspace byte, and ' ' sorts below '!'.
  range->start = std::string(1, kCaptureSpace) + keys.start;
  range->end = keys.end.empty() ? PrefixEnd(std::string(1, kCaptureSpace))
                                : std::string(1, kCaptureSpace) + keys.end;
  return Status::OK();
}

// Walks captures in one direction, decoding and filtering them.
class CaptureCursor {
 public:
  CaptureCursor(const IndexDb& db, const ScanRange& range, const CdxQuery& query,
                const std::string& from, const std::string& to)
      : it_(db.NewIterator()), range_(range), query_(query), from_(from), to_(to) {}

  void SeekForward(std::string_view key) {
    it_->Seek(leveldb::Slice(key.data(), key.size()));
    forward_ = true;
  }
  // Positions at the last key before `key` (or at the end of the range for an empty key).
  void SeekBackward(std::string_view key) {
    it_->Seek(leveldb::Slice(key.data(), key.size()));
    if (it_->Valid()) {
      it_->Prev();
    } else {
      it_->SeekToLast();
    }
    forward_ = false;
  }

  // Advances to the next capture that passes the time range and filters.
  // Sets *done at the end of the range.
  Status Next(CaptureEntry* entry, bool* done) {
    while (InRange()) {
      Status s = Decode(entry);
      if (!s.ok()) return s;
      Step();
      if (Accepts(*entry)) {
        *done = false;
        return Status::OK();
      }
    }
    *done = true;
    return it_->status().ok() ? Status::OK() : FromLevelDb(it_->status(), "scan index");
  }

 private:
  bool InRange() const {
    if (!it_->Valid()) return false;
    std::string_view key = AsView(it_->key());
    return key >= range_.start && key < range_.end;
  }
  void Step() { forward_ ? it_->Next() : it_->Prev(); }

  Status Decode(CaptureEntry* entry) const {
    CaptureKey key;
    if (!DecodeCaptureKey(AsView(it_->key()), &key)) {
      return Status::Corruption("index key is not a capture key");
    }
    Status s = DecodeCapture(key.urlkey, key.timestamp, AsView(it_->value()), entry);
    if (!s.ok()) {
      return Status::Corruption("capture " + key.urlkey + " " + key.timestamp + ": " + s.message());
    }
    entry->filename = std::move(key.filename);
    entry->offset = key.offset;
    return Status::OK();
  }

  bool Accepts(const CaptureEntry& entry) const {
    if (!from_.empty() && entry.timestamp < from_) return false;
    if (!to_.empty() && entry.timestamp > to_) return false;
    for (const CdxFilter& filter : query_.filters) {
      if (!filter.Matches(CaptureField(entry, filter.field()))) return false;
    }
    return true;
  }

  std::unique_ptr<leveldb::Iterator> it_;
  const ScanRange& range_;
  const CdxQuery& query_;
  const std::string& from_;
  const std::string& to_;
  bool forward_ = true;
};

int64_t Distance(const CaptureEntry& entry, int64_t target) {
  return std::llabs(TimestampSeconds(entry.timestamp) - target);
}

// Closest first for one URL: two cursors walk away from the target time, and the nearer
// capture of the two goes next (the earlier one on a tie, as pywb's stable sort does).
Status RunClosestExact(CaptureCursor& later, CaptureCursor& earlier, int64_t target, size_t limit,
                       const CaptureSink& sink) {
  CaptureEntry a, b;
  bool a_done = false, b_done = false;
  if (Status s = later.Next(&a, &a_done); !s.ok()) return s;
  if (Status s = earlier.Next(&b, &b_done); !s.ok()) return s;
  for (size_t n = 0; (!a_done || !b_done) && (limit == 0 || n < limit); ++n) {
    const bool take_earlier = a_done || (!b_done && Distance(b, target) <= Distance(a, target));
    if (!sink(take_earlier ? b : a)) return Status::OK();
    Status s = take_earlier ? earlier.Next(&b, &b_done) : later.Next(&a, &a_done);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

// Closest first over many URLs: pywb's own approach, a stable sort by distance.
Status RunClosestSorted(CaptureCursor& cursor, int64_t target, size_t limit,
                        const CaptureSink& sink) {
  std::vector<CaptureEntry> all;
  for (;;) {
    CaptureEntry entry;
    bool done = false;
    if (Status s = cursor.Next(&entry, &done); !s.ok()) return s;
    if (done) break;
    all.push_back(std::move(entry));
  }
  std::stable_sort(all.begin(), all.end(), [&](const CaptureEntry& x, const CaptureEntry& y) {
    return Distance(x, target) < Distance(y, target);
  });
  for (size_t i = 0; i < all.size() && (limit == 0 || i < limit); ++i) {
    if (!sink(all[i])) break;
  }
  return Status::OK();
}

Status RunInOrder(CaptureCursor& cursor, size_t limit, const CaptureSink& sink) {
  for (size_t n = 0; limit == 0 || n < limit; ++n) {
    CaptureEntry entry;
    bool done = false;
    if (Status s = cursor.Next(&entry, &done); !s.ok() || done) return s;
    if (!sink(entry)) break;
  }
  return Status::OK();
}

}  // namespace

Status ParseMatchType(std::string_view name, MatchType* type) {
  if (name == "exact") {
    *type = MatchType::kExact;
  } else if (name == "prefix") {
    *type = MatchType::kPrefix;
  } else if (name == "host") {
    *type = MatchType::kHost;
  } else if (name == "domain") {
    *type = MatchType::kDomain;
  } else {
    return Status::InvalidArgument("matchType must be exact, prefix, host or domain, not '" +
                                   std::string(name) + "'");
  }
  return Status::OK();
}

Status RunCdxQuery(const IndexDb& db, const CdxQuery& query, const CaptureSink& sink) {
  ScanRange range;
  MatchType type;
  std::string from, to, closest;
  Status s = ResolveRange(query, &range, &type);
  if (s.ok() && !query.from.empty()) s = PadTimestamp(query.from, Bound::kLower, &from);
  if (s.ok() && !query.to.empty()) s = PadTimestamp(query.to, Bound::kUpper, &to);
  if (s.ok() && !query.closest.empty()) s = PadTimestamp(query.closest, Bound::kLower, &closest);
  if (!s.ok()) return s;

  CaptureCursor cursor(db, range, query, from, to);
  if (!closest.empty()) {
    const int64_t target = TimestampSeconds(closest);
    if (type != MatchType::kExact) {
      cursor.SeekForward(range.start);
      return RunClosestSorted(cursor, target, query.limit, sink);
    }
    const std::string pivot = range.start + " " + closest;
    CaptureCursor earlier(db, range, query, from, to);
    cursor.SeekForward(pivot);
    earlier.SeekBackward(pivot);
    return RunClosestExact(cursor, earlier, target, query.limit, sink);
  }
  if (query.reverse) {
    cursor.SeekBackward(range.end);
  } else {
    cursor.SeekForward(range.start);
  }
  return RunInOrder(cursor, query.limit, sink);
}

std::string CaptureField(const CaptureEntry& entry, std::string_view name) {
  if (name == "urlkey") return entry.urlkey;
  if (name == "timestamp") return entry.timestamp;
  if (name == "url" || name == "original") return entry.url;
  if (name == "mime" || name == "mimetype") return entry.mime;
  if (name == "status" || name == "statuscode") {
    return entry.status ? std::to_string(entry.status) : "";
  }
  if (name == "digest") return entry.digest;
  if (name == "length") return std::to_string(entry.length);
  if (name == "offset") return std::to_string(entry.offset);
  if (name == "filename") return entry.filename;
  if (name == "redirect") return entry.redirect;
  if (name == "type") return std::string(warc::RecordTypeName(entry.record_type));
  if (name == "role") return std::string(PageRoleName(entry.role));
  if (name == "post") return entry.post_url;
  return "";
}

}  // namespace warcrawl::index
