// Archiver turns finished fetches into WARC records and index entries, in that order, so
// an index entry never points at bytes that are not yet written: for each fetch a response
// record (or, when the payload is already archived, a revisit of the identical-payload-
// digest profile holding only the new HTTP head), the request as sent (WARC-Concurrent-To
// the response), and the crawler's metadata record about the page (its role and
// outlinks). It also closes the writer's files into the index registry as they rotate.
//
// Thread-safety: not thread-safe. The crawl runs one Archiver on its processing thread,
// which keeps compression off the fetch loop.
#ifndef WARCRAWL_CRAWLER_ARCHIVER_H_
#define WARCRAWL_CRAWLER_ARCHIVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "crawler/fetcher.h"
#include "crawler/revalidation.h"
#include "index/index_db.h"
#include "index/indexer.h"
#include "warc/writer.h"

namespace warcrawl::crawler {

struct ArchiverOptions {
  warc::WriterOptions writer;
  bool dedup = true;  // identical payloads become revisit records
  // Finish the ".open" files a killed run left. Only the first of several archivers
  // sharing a directory may: the others' files are live.
  bool recover_open_files = true;
};

// Where a fetch's records went.
struct ArchivedFetch {
  std::string response_id;     // WARC-Record-ID of the response or revisit
  std::string payload_digest;  // as written ("sha1:…"); empty when none
  bool revisit = false;
  bool not_modified = false;  // the revisit answers a 304 (server-not-modified profile)
  std::string filename;       // the WARC file (final name) and the response's offset in it
  uint64_t offset = 0;
  uint64_t bytes = 0;  // compressed bytes of every record written for the fetch
};

class Archiver {
 public:
  // Finishes any "*.open" file a killed run left in the directory (its whole records kept,
  // a partial tail cut) and indexes it before writing anything new (recover_open_files).
  // Several archivers may share a directory: their files get distinct names.
  static Status Open(const ArchiverOptions& options, index::IndexDb* index,
                     std::unique_ptr<Archiver>* archiver);
  ~Archiver();
  Archiver(const Archiver&) = delete;
  Archiver& operator=(const Archiver&) = delete;

  // Archives one fetch that received a response head. `metadata_fields` (warc-fields
  // text; empty for none) becomes a metadata record concurrent to the response.
  // `not_modified`: the fetch is a 304 to these validators; it becomes a server-not-modified
  // revisit of the capture they came from.
  Status Archive(const FetchResult& fetch, std::string_view metadata_fields,
                 const Revalidation* not_modified, ArchivedFetch* out);

  // Closes the current file and registers it in the index.
  Status Close();

  // Files recovered from a killed run when this Archiver opened.
  int recovered_files() const { return recovered_files_; }

 private:
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  Archiver(OpenKey, const ArchiverOptions& options, index::IndexDb* index,
           std::unique_ptr<warc::WarcWriter> writer);

 private:
  Status RecoverOpenFiles();
  Status Write(const warc::RecordHeader& header, std::string_view block, warc::RecordLocation* loc);
  Status RegisterIfRotated(const std::string& before);
  Status WriteResponseOrRevisit(const FetchResult& fetch, const Revalidation* not_modified,
                                ArchivedFetch* out);

  ArchiverOptions options_;
  index::IndexDb* index_;
  index::Indexer indexer_;
  std::unique_ptr<warc::WarcWriter> writer_;
  uint64_t records_in_file_ = 0;
  int recovered_files_ = 0;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_ARCHIVER_H_
