// CaptureFromRecord and the default record filter: hand-made records for each rule, then the
// interop corpus indexed record by record and compared, field for field, with what warcio.js's
// `cdx-index` writes for the same file (run with node from the test). The differences that
// remain are listed in kKnownDifferences with their reasons, and counted per file.
#include "index/capture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "index/cdx_format.h"
#include "index/surt.h"
#include "tests/warcio_cli.h"
#include "warc/reader.h"

namespace warcrawl::index {
namespace {

namespace fs = std::filesystem;
using test_files::RunWarcioCdxIndex;
using test_files::Warcs;
using warc::RecordType;

warc::RecordHeader Header(std::string_view type, std::string_view uri,
                          std::vector<std::pair<std::string_view, std::string_view>> extra = {}) {
  warc::RecordHeader h;
  h.fields.Add("WARC-Type", type);
  h.fields.Add("WARC-Target-URI", uri);
  h.fields.Add("WARC-Date", "2024-01-02T03:04:05Z");
  for (const auto& [name, value] : extra) h.fields.Add(name, value);
  return h;
}

const warc::RecordLocation kLoc{"/data/crawl/x-00001.warc.gz", 1234, 567};

CaptureEntry Capture(const warc::RecordHeader& h, std::string_view block) {
  CaptureEntry e;
  Status s = CaptureFromRecord(h, block, kLoc, &e);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return e;
}

TEST(CaptureTest, ResponseTakesMediaTypeStatusAndDigest) {
  auto h = Header("response", "http://example.com/a",
                  {{"WARC-Payload-Digest", "sha1:B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A"}});
  CaptureEntry e = Capture(h,
                           "HTTP/1.1 404 Not Found\r\nContent-Type:  Text/HTML ; charset=UTF-8"
                           "\r\nServer: x\r\n\r\n<html>");
  EXPECT_EQ(e.timestamp, "20240102030405");
  EXPECT_EQ(e.url, "http://example.com/a");
  EXPECT_EQ(e.mime, "Text/HTML");  // parameters go, case stays (warcio.js does not lowercase)
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(e.digest, "B2LTWWPUOYAH7UIPQ7ZUPQ4VMBSVC36A");
  EXPECT_EQ(e.offset, 1234u);
  EXPECT_EQ(e.length, 567u);
  EXPECT_EQ(e.filename, "x-00001.warc.gz");
  EXPECT_EQ(e.record_type, RecordType::kResponse);
  EXPECT_EQ(e.redirect, "");
  EXPECT_EQ(e.urlkey, "");  // the caller's, from SurtKey
  e = Capture(Header("response", "<http://example.com/>"), "HTTP/1.0 200 OK\r\n\r\n");
  EXPECT_EQ(e.url, "http://example.com/") << "wget's angle brackets go";
}

TEST(CaptureTest, RedirectTakesTheLocation) {
  CaptureEntry e = Capture(Header("response", "http://example.com/old"),
                           "HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n");
  EXPECT_EQ(e.status, 301);
  EXPECT_EQ(e.redirect, "/new");
  EXPECT_EQ(e.mime, "");
  e = Capture(Header("response", "http://example.com/x"),
              "HTTP/1.1 200 OK\r\nLocation: /elsewhere\r\n\r\n");
  EXPECT_EQ(e.redirect, "") << "only a 3xx redirects";
}

TEST(CaptureTest, RevisitIsWarcRevisitWithItsOwnStatus) {
  auto h = Header("revisit", "http://example.com/",
                  {{"Content-Length", "40"},
                   {"WARC-Payload-Digest", "sha256:abcdef"},
                   {"WARC-Refers-To-Target-URI", "http://example.com/orig"},
                   {"WARC-Refers-To-Date", "2023-12-31T23:59:58Z"}});
  // Revisit blocks often end right after the last header line.
  CaptureEntry e = Capture(h, "HTTP/1.1 302 Found\r\nContent-Type: text/html\r\nLocation: /b");
  EXPECT_EQ(e.mime, "warc/revisit");
  EXPECT_EQ(e.status, 302);
  EXPECT_EQ(e.redirect, "/b");
  EXPECT_EQ(e.digest, "abcdef");
  EXPECT_EQ(e.record_type, RecordType::kRevisit);
  EXPECT_EQ(e.refers_to_url, "http://example.com/orig");
  EXPECT_EQ(e.refers_to_timestamp, "20231231235958");
  h.fields.Set("Content-Length", "0");
  e = Capture(h, "HTTP/1.1 200 OK\r\n\r\n");  // not read: the block is empty
  EXPECT_EQ(e.mime, "warc/revisit");
  EXPECT_EQ(e.status, 0);
}

TEST(CaptureTest, ResourceAndMetadataKeepTheWarcContentTypeWhole) {
  auto h = Header("resource", "urn:x:note", {{"Content-Type", "text/html; charset=utf-8"}});
  CaptureEntry e = Capture(h, "HTTP/1.1 500 Oops\r\nContent-Type: image/png\r\n\r\n");
  EXPECT_EQ(e.mime, "text/html; charset=utf-8");
  EXPECT_EQ(e.status, 0) << "a resource's block is not an HTTP message";
  EXPECT_EQ(e.record_type, RecordType::kResource);
  e = Capture(Header("metadata", "http://a/", {{"Content-Type", "text/anvl"}}), "via: x\r\n");
  EXPECT_EQ(e.mime, "text/anvl");
  EXPECT_EQ(e.record_type, RecordType::kMetadata);
}

TEST(CaptureTest, RequestHasMediaTypeButNoStatus) {
  CaptureEntry e = Capture(Header("request", "http://a/p"),
                           "POST /p HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                           "\r\n\r\na=1");
  EXPECT_EQ(e.mime, "application/x-www-form-urlencoded");
  EXPECT_EQ(e.status, 0);
  EXPECT_EQ(e.method, "") << "the request's method is warcio's only when paired";
}

TEST(CaptureTest, DnsResponseHasNeitherMediaTypeNorStatus) {
  auto h = Header("response", "dns:example.com", {{"Content-Type", "text/dns"}});
  CaptureEntry e = Capture(h, "20140325121224\nexample.com.\t300\tIN\tA\t192.0.2.1\n");
  EXPECT_EQ(e.url, "dns:example.com");
  EXPECT_EQ(e.mime, "");
  EXPECT_EQ(e.status, 0);
}

TEST(CaptureTest, DigestIsTheTextAfterTheLabel) {
  auto digest = [](std::string_view field) {
    return Capture(Header("resource", "urn:a", {{"WARC-Payload-Digest", field}}), "").digest;
  };
  EXPECT_EQ(digest("sha1:AAAA"), "AAAA");
  EXPECT_EQ(digest("sha256:0123abcd"), "0123abcd");
  EXPECT_EQ(digest("AAAA"), "") << "no label: warcio.js writes no digest";
  EXPECT_EQ(digest("sha1:AB:CD"), "AB") << "JavaScript split(':', 2)";
}

TEST(CaptureTest, RepeatedContentTypesJoinAsFetchHeadersDo) {
  CaptureEntry e = Capture(Header("response", "http://a/"),
                           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                           "Content-Type: text/plain;q=1\r\n\r\n");
  EXPECT_EQ(e.mime, "text/html, text/plain");
}

// Plain heads are read in place and the rest by the HTTP parser: both must agree.
TEST(CaptureTest, HeadsReadAlikeInEveryForm) {
  const auto h = Header("response", "http://a/");
  for (std::string_view end : {"\r\n", "\n", "\r\r\n"}) {
    std::string block;
    for (std::string_view line : {"HTTP/1.1  302 Found", "content-type:  a/b ",
                                  "Content-Type:", "Location: /x", "location: /y", ""}) {
      block.append(line).append(end);
    }
    block += "body";
    CaptureEntry e = Capture(h, block);
    EXPECT_EQ(e.status, 302) << block;
    EXPECT_EQ(e.mime, "a/b") << block;
    EXPECT_EQ(e.redirect, "/x") << block;
  }
  // A folded value takes the parser's path and is joined with a space.
  CaptureEntry e = Capture(h, "HTTP/1.1 200 OK\r\nContent-Type: text/\r\n html\r\n\r\n");
  EXPECT_EQ(e.mime, "text/ html");
  // A head without its blank line too (a revisit's often ends so).
  e = Capture(h, "HTTP/1.1 200 OK\r\nContent-Type: text/css");
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.mime, "text/css");
}

TEST(CaptureTest, HeadsTheStrictParserRejectsAreReadLeniently) {
  CaptureEntry e = Capture(Header("response", "http://a/"),
                           "HTTPX/1.1 203 Odd\r\nnot a header line\r\nContent-Type: text/css\r\n"
                           "\r\nbody: no\r\n");
  EXPECT_EQ(e.status, 203);
  EXPECT_EQ(e.mime, "text/css");
  e = Capture(Header("response", "http://a/"), "garbage\r\nContent-Type: a/b\r\n\r\n");
  EXPECT_EQ(e.status, 0);
  EXPECT_EQ(e.mime, "a/b");
}

TEST(CaptureTest, BadDatesAreErrorsNamingTheRecord) {
  CaptureEntry e;
  e.url = "untouched";
  auto h = Header("response", "http://a/");
  h.fields.Set("WARC-Date", "yesterday");
  Status s = CaptureFromRecord(h, "", kLoc, &e);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("offset 1234"), std::string::npos) << s.message();
  EXPECT_EQ(e.url, "untouched");
  h.fields.Remove("WARC-Date");
  s = CaptureFromRecord(h, "", kLoc, &e);
  EXPECT_NE(s.message().find("no WARC-Date"), std::string::npos) << s.ToString();
  // A bad WARC-Refers-To-Date only loses the hint.
  auto r = Header("revisit", "http://a/", {{"WARC-Refers-To-Date", "soon"}});
  EXPECT_EQ(Capture(r, "").refers_to_timestamp, "");
}

// An indexer builds every capture into one entry: nothing of the last one may survive.
TEST(CaptureTest, EveryFieldOfAReusedEntryIsSet) {
  CaptureEntry used;
  used.urlkey = "com,old)/";
  used.timestamp = "19990101000000";
  used.url = "http://old.com/";
  used.mime = "old/mime";
  used.status = 301;
  used.digest = "OLD";
  used.length = 9;
  used.offset = 8;
  used.filename = "old.warc";
  used.redirect = "http://old.com/new";
  used.record_type = RecordType::kRevisit;
  used.refers_to_url = "http://old.com/ref";
  used.refers_to_timestamp = "19980101000000";
  used.method = "POST";
  used.request_body = "a=1";
  used.role = PageRole::kFeed;
  used.post_url = "http://old.com/post";
  used.page_number = 7;
  for (const auto& h : {Header("response", "http://example.com/a"), Header("resource", "urn:x"),
                        Header("revisit", "http://example.com/b")}) {
    CaptureEntry reused = used;
    ASSERT_TRUE(CaptureFromRecord(h, "HTTP/1.1 200 OK\r\n\r\n", kLoc, &reused).ok());
    EXPECT_EQ(reused, Capture(h, "HTTP/1.1 200 OK\r\n\r\n")) << h.fields.Get("WARC-Type").value();
  }
}

TEST(CaptureTest, TimestampsAreFourteenDigits) {
  auto h = Header("resource", "urn:a");
  h.fields.Set("WARC-Date", "2024-01-02T03:04:05.999999Z");
  EXPECT_EQ(Capture(h, "").timestamp, "20240102030405") << "fractions are cut, not rounded";
  h.fields.Set("WARC-Date", "2024-01-02T03:04Z");
  EXPECT_EQ(Capture(h, "").timestamp, "20240102030400");
  h.fields.Set("WARC-Date", "2024-01-02T03:04:05Z");
  EXPECT_EQ(Capture(h, "").timestamp, "20240102030405");
  h.fields.Set("WARC-Date", "2016-12-31T23:59:60Z");
  EXPECT_EQ(Capture(h, "").timestamp, "20170101000000") << "a leap second is the next minute's";
  h.fields.Set("WARC-Date", "2024-02");
  EXPECT_EQ(Capture(h, "").timestamp, "20240201000000");
}

TEST(CaptureTest, DefaultFilterSkipsWhatWarcioSkips) {
  EXPECT_TRUE(IsIndexedByDefault(Header("response", "http://a/")));
  EXPECT_TRUE(IsIndexedByDefault(Header("revisit", "http://a/")));
  EXPECT_TRUE(IsIndexedByDefault(Header("conversion", "http://a/")));
  EXPECT_TRUE(IsIndexedByDefault(Header("resource", "urn:a", {{"Content-Type", "text/plain"}})));
  EXPECT_TRUE(IsIndexedByDefault(Header("metadata", "urn:a", {{"Content-Type", "text/anvl"}})));
  EXPECT_FALSE(IsIndexedByDefault(Header("request", "http://a/")));
  EXPECT_FALSE(IsIndexedByDefault(Header("warcinfo", "")));
  EXPECT_FALSE(IsIndexedByDefault(
      Header("metadata", "http://a/", {{"Content-Type", "application/warc-fields"}})));
  EXPECT_FALSE(IsIndexedByDefault(
      Header("resource", "http://a/", {{"Content-Type", "application/warc-fields"}})));
}

TEST(CaptureTest, PageRolesHaveNames) {
  for (uint8_t i = 1; i <= kMaxPageRole; ++i) {
    PageRole role = PageRole::kNone;
    ASSERT_TRUE(ParsePageRole(PageRoleName(static_cast<PageRole>(i)), &role)) << int{i};
    EXPECT_EQ(static_cast<uint8_t>(role), i);
  }
  EXPECT_EQ(PageRoleName(PageRole::kCommentPage), "comments");
  PageRole role = PageRole::kFeed;
  EXPECT_FALSE(ParsePageRole("blog", &role));
  EXPECT_FALSE(ParsePageRole("", &role));
  EXPECT_EQ(role, PageRole::kFeed);
}

// ---- The interop corpus against warcio.js ----

TEST(CaptureTest, RecordsSharingAGzipMemberHaveNoCdxLocation) {
  std::unique_ptr<warc::WarcReader> reader;
  auto path = Warcs() / "broken" / "warcio-example-bad-non-chunked.warc.gz";  // one member
  ASSERT_TRUE(warc::WarcReader::Open(path.string(), &reader).ok());
  warc::RecordHeader header;
  ASSERT_TRUE(reader->Next(&header).ok());
  ASSERT_TRUE(reader->SkipBlock().ok());
  warc::RecordLocation loc{"untouched", 0, 0};
  Status s = CdxLocation(*reader, &loc);
  EXPECT_TRUE(s.IsNotSupported()) << s.ToString();
  EXPECT_EQ(loc.filename, "untouched");
}

struct Indexed {
  warc::RecordHeader header;
  CaptureEntry entry;
  std::string head;  // the start of the block, as passed to CaptureFromRecord
  warc::RecordFraming framing;
};

// Every record of `file` through WarcReader, CdxLocation and CaptureFromRecord.
std::vector<Indexed> IndexWithUs(const fs::path& file) {
  std::vector<Indexed> out;
  std::unique_ptr<warc::WarcReader> reader;
  Status s = warc::WarcReader::Open(file.string(), &reader);
  EXPECT_TRUE(s.ok()) << s.ToString();
  warc::RecordHeader header;
  while (s.ok() && (s = reader->Next(&header)).ok()) {
    std::string head(64 * 1024, '\0');
    size_t have = 0, got = 0;
    do {
      s = reader->ReadBlock(head.data() + have, head.size() - have, &got);
      have += got;
    } while (s.ok() && got > 0 && have < head.size());
    head.resize(have);
    if (s.ok()) s = reader->SkipBlock();
    warc::RecordLocation loc;
    if (s.ok()) s = CdxLocation(*reader, &loc);
    Indexed rec{header, {}, head, reader->framing()};
    if (s.ok()) s = CaptureFromRecord(header, head, loc, &rec.entry);
    if (s.ok()) out.push_back(std::move(rec));
  }
  EXPECT_TRUE(s.IsEndOfFile()) << file << ": " << s.ToString();
  return out;
}

// warcio.js's SURT differs from the surt package's (which pywb uses, and we follow) in
// ways we mean: it keeps %-escapes and trailing slashes, leaves non-HTTP URIs as they are,
// and adds pywb's "__wb_method=" arguments for paired POST requests. This folds those away.
std::string LooseKey(std::string_view key) {
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '%' && i + 2 < key.size() &&
        std::isxdigit(static_cast<unsigned char>(key[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(key[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(key.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(key[i]))));
    }
  }
  // A paired POST's body is merged into the query, sorted: keep only the path.
  if (out.find("__wb_method=") != std::string::npos) out.erase(out.find('?'));
  while (!out.empty() && (out.back() == '/' || out.back() == '?')) out.pop_back();
  if (size_t q = out.find("/?"); q != std::string::npos) out.erase(q, 1);
  return out;
}

// Our urlkey is the surt package's (index/surt.h). Where warcio.js's differs, the only
// differences allowed are the ones LooseKey folds away, and non-HTTP URIs it leaves alone.
void CompareUrlKey(std::string_view warcio_urlkey, const CaptureEntry& ours) {
  std::string key = ours.urlkey;  // set by PairWithRequest
  if (key.empty()) {
    ASSERT_TRUE(SurtKey(ours.url.empty() ? "-" : ours.url, &key).ok()) << ours.url;
  }
  if (key == warcio_urlkey) return;
  const bool http = ours.url.starts_with("http://") || ours.url.starts_with("https://");
  const bool post = warcio_urlkey.find("__wb_method=") != std::string_view::npos;
  EXPECT_EQ(post, key.find("__wb_method=") != std::string::npos) << ours.url << ": " << key;
  if (!http || LooseKey(post ? key.substr(0, key.find('?')) : key) == LooseKey(warcio_urlkey)) {
    return;
  }
  ADD_FAILURE() << "urlkey for " << ours.url << ": ours " << key << ", warcio.js " << warcio_urlkey;
}

using Fields = nlohmann::ordered_json;

// A difference between warcio.js and us that is meant, not a bug: `apply` rewrites warcio's
// fields into ours where the difference shows, and says whether it did.
struct KnownDifference {
  const char* name;
  const char* why;
  bool (*apply)(const Indexed& ours, Fields* warcio);
};

const KnownDifference kKnownDifferences[] = {
    {"dns-status",
     "warcio.js reads a dns: response's block as an HTTP head, finds no status code in the "
     "DNS date line and writes \"status\":\"\"; we write no status (pywb leaves such empty "
     "fields out of CDXJ too)",
     [](const Indexed& ours, Fields* w) {
       if (!ours.entry.url.starts_with("dns:") || !w->contains("status")) return false;
       if ((*w)["status"] != "") return false;
       w->erase("status");
       return true;
     }},
    {"crcrlf-head",
     "warcio.js looks for CRLF CRLF to end an HTTP head, so a head whose lines end in CR CR LF "
     "(pywb's missing-status-text fixture) has no end and it reads no head: no status. We read "
     "CR CR LF line ends as pywb does, and find the 302",
     [](const Indexed& ours, Fields* w) {
       if (w->contains("status") || ours.entry.status == 0) return false;
       if (ours.head.find("\r\r\n") == std::string::npos) return false;
       (*w)["status"] = std::to_string(ours.entry.status);
       return true;
     }},
    {"head-overread",
     "warcio.js looks for the CRLF CRLF ending an HTTP head beyond the block, so a block whose "
     "head lacks its blank line lends it the first CRLF of the record's trailer, and its length "
     "counts those 2 bytes. Ours is the header plus the Content-Length",
     [](const Indexed& ours, Fields* w) {
       if (ours.head.find("\r\n\r\n") != std::string::npos) return false;
       if (w->value("length", "") != std::to_string(ours.entry.length + 2)) return false;
       (*w)["length"] = std::to_string(ours.entry.length);
       return true;
     }},
    {"irregular-trailer",
     "In an uncompressed file pywb and warcio.js end a record with its block. CdxLocation can "
     "take off the trailer only when it is the regular CRLF CRLF, because WarcReader does not say "
     "how long an irregular one is (pywb's example-extra fixture has CRLF and LF CRLF CRLF): "
     "our length then includes the trailer bytes it read",
     [](const Indexed& ours, Fields* w) {
       if (ours.framing.gzip || ours.framing.trailer_crlf) return false;
       for (uint64_t extra = 1; extra <= 4; ++extra) {
         if (w->value("length", "") == std::to_string(ours.entry.length - extra)) {
           (*w)["length"] = std::to_string(ours.entry.length);
           return true;
         }
       }
       return false;
     }},
    {"lost-warc-type",
     "Heritrix's WARC 0.17 dns: blocks end in bare LF: warcio.js's HTTP head parser looks for "
     "CRLF CRLF past the block's end and takes the record's trailer, the reader then skips two "
     "bytes of the next record, and that record loses its WARC-Type: warcio.js writes its WARC "
     "Content-Type as mime and no status. We read each block within its Content-Length",
     [](const Indexed& ours, Fields* w) {
       auto warc_type = ours.header.fields.Get("Content-Type");
       if (ours.entry.record_type != RecordType::kResponse || w->contains("status") || !warc_type ||
           w->value("mime", "") != *warc_type || ours.entry.mime == *warc_type) {
         return false;
       }
       (*w)["mime"] = ours.entry.mime;
       (*w)["status"] = std::to_string(ours.entry.status);
       return true;
     }},
};

struct FileCase {
  std::string name;                          // under interop/warcs
  std::map<std::string, int> default_diffs;  // KnownDifference name -> records, default mode
  std::map<std::string, int> all_diffs;      // the same with --all
};

// Files where some known differences show, with how many records show each, by mode. In
// every other file warcio.js and we agree on every line.
const FileCase kDifferingFiles[] = {
    {"heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz",
     {{"dns-status", 3}},
     {{"dns-status", 3}}},
    {"heritrix3.1.1-BL-20140325122341434-00000-32090_opera_8443.warc.gz",
     {{"dns-status", 3}},
     {{"dns-status", 3}}},
    {"heritrix-warc0.17-IAH-20080430204825-00000-blackbook-truncated.warc.gz",
     {{"dns-status", 1}, {"lost-warc-type", 1}},
     {{"dns-status", 1}, {"lost-warc-type", 1}}},
    {"broken/pywb-example-extra.warc",
     {{"irregular-trailer", 3}},
     {{"head-overread", 1}, {"irregular-trailer", 3}}},
    {"broken/pywb-missing-status-text.warc", {{"crcrlf-head", 1}}, {{"crcrlf-head", 1}}},
};

// Every WARC in the corpus's top folder (all of them read cleanly), and the broken ones that
// our reader and warcio.js both read to the end.
std::vector<FileCase> AllFiles() {
  std::vector<std::string> names = {
      "broken/pywb-example-extra.warc", "broken/pywb-missing-status-text.warc",
      "broken/warcio-example-digest.warc", "broken/warcat-bad_http_chunked_content.warc"};
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(Warcs(), ec)) {
    const std::string name = f.path().filename().string();
    if (name.ends_with(".warc") || name.ends_with(".warc.gz")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::vector<FileCase> all;
  for (const std::string& name : names) {
    auto known = std::find_if(std::begin(kDifferingFiles), std::end(kDifferingFiles),
                              [&](const FileCase& c) { return c.name == name; });
    all.push_back(known == std::end(kDifferingFiles) ? FileCase{name, {}, {}} : *known);
  }
  return all;
}

TEST(WarcioInteropFilesTest, IncludeTheFilesNamedForTheComparison) {
  std::vector<std::string> names;
  for (const FileCase& c : AllFiles()) names.push_back(c.name);
  for (const char* named : {"heritrix3.1.1-BL-20140325121225068-00000-32090_opera_8443.warc.gz",
                            "webrecorder3.7-example.warc.gz", "wget-1.21.3-recursive.warc.gz",
                            "pywb-liveweb-dupes.warc.gz", "warcio.js-2.4.11-sha256.warc.gz"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), named), names.end()) << named;
  }
  EXPECT_EQ(names.size(), 30u);
}

// The reasons for the differences seen, for a failure message.
std::string Reasons(const std::map<std::string, int>& applied) {
  std::string out;
  for (const KnownDifference& d : kKnownDifferences) {
    if (applied.contains(d.name)) out += "\n  " + std::string(d.name) + ": " + d.why;
  }
  return out;
}

// Field by field, for a failure message.
std::string Describe(const Fields& warcio, const Fields& ours) {
  std::string out;
  for (const auto& [k, v] : warcio.items()) {
    if (!ours.contains(k)) {
      out += " " + k + ": warcio " + v.dump() + ", ours absent;";
    } else if (ours[k] != v) {
      out += " " + k + ": warcio " + v.dump() + ", ours " + ours[k].dump() + ";";
    }
  }
  for (const auto& [k, v] : ours.items()) {
    if (!warcio.contains(k)) out += " " + k + ": warcio absent, ours " + v.dump() + ";";
  }
  return out.empty() ? " (same fields, different text or order)" : out;
}

// Compares our captures with warcio's lines one by one; returns how often each known
// difference applied.
std::map<std::string, int> Compare(const std::string& file, const std::vector<Indexed>& ours,
                                   const std::vector<std::string>& warcio) {
  std::map<std::string, int> applied;
  EXPECT_EQ(ours.size(), warcio.size()) << file << ": number of index lines";
  for (size_t i = 0; i < std::min(ours.size(), warcio.size()); ++i) {
    const std::string& line = warcio[i];
    const size_t key_end = line.find(' '), ts_end = line.find(' ', key_end + 1);
    if (ts_end == std::string::npos) {
      ADD_FAILURE() << file << ": not a CDXJ line: " << line;
      continue;
    }
    CompareUrlKey(std::string_view(line).substr(0, key_end), ours[i].entry);
    const std::string theirs_after_key = line.substr(key_end + 1);
    const std::string our_line = FormatCdxjLine(ours[i].entry);
    const std::string ours_after_key = our_line.substr(our_line.find(' ') + 1);
    Fields w = Fields::parse(line.substr(ts_end + 1));
    bool patched = false;
    for (const KnownDifference& d : kKnownDifferences) {
      if (d.apply(ours[i], &w)) {
        ++applied[d.name];
        patched = true;
      }
    }
    const std::string where = file + " line " + std::to_string(i + 1) + " (offset " +
                              std::to_string(ours[i].entry.offset) + ")";
    EXPECT_EQ(line.substr(key_end + 1, ts_end - key_end - 1), ours[i].entry.timestamp) << where;
    if (!patched) {
      // Nothing known differs: the text after the urlkey must be byte for byte warcio's.
      EXPECT_EQ(ours_after_key, theirs_after_key)
          << where << ":" << Describe(w, Fields::parse(our_line.substr(our_line.find('{'))));
    } else {
      // Compared as unordered objects: a patched field moves to the end of warcio's.
      Fields o = Fields::parse(our_line.substr(our_line.find('{')));
      EXPECT_EQ(nlohmann::json::parse(o.dump()), nlohmann::json::parse(w.dump()))
          << where << ":" << Describe(w, o);
    }
  }
  return applied;
}

void PrintTo(const FileCase& c, std::ostream* os) { *os << c.name; }

class WarcioInteropTest : public ::testing::TestWithParam<FileCase> {};

bool IsResponse(const Indexed& r) {
  return r.entry.record_type == RecordType::kResponse ||
         r.entry.record_type == RecordType::kRevisit;
}

// cdx-index without --all pairs a request with the record before or after it, when that is
// the response (or revisit) of the same target URI, and indexes the response with it. This
// walks our records as it walks its own; the Indexer's pairing is tested in index_test.
std::vector<Indexed> PairAsCdxIndexDoes(std::vector<Indexed> all) {
  std::vector<Indexed> out;
  auto emit = [&out](Indexed& r) {
    if (IsIndexedByDefault(r.header)) out.push_back(std::move(r));
  };
  std::optional<size_t> previous;
  for (size_t i = 0; i < all.size(); ++i) {
    Indexed& e = all[i];
    if (previous && all[*previous].header.target_uri() == e.header.target_uri()) {
      Indexed& a = all[*previous];
      const bool e_request = e.entry.record_type == RecordType::kRequest;
      const bool a_request = a.entry.record_type == RecordType::kRequest;
      if ((e_request && IsResponse(a)) || (IsResponse(e) && a_request)) {
        Indexed& response = e_request ? a : e;
        PairWithRequest(ReadRequestHead(e_request ? e.head : a.head), &response.entry);
        emit(response);
        previous.reset();
        continue;
      }
    }
    if (previous) emit(all[*previous]);
    previous = i;
  }
  if (previous) emit(all[*previous]);
  return out;
}

TEST_P(WarcioInteropTest, DefaultIndexMatchesCdxIndex) {
  const FileCase& c = GetParam();
  std::vector<Indexed> ours = PairAsCdxIndexDoes(IndexWithUs(Warcs() / c.name));
  auto applied = Compare(c.name, ours, RunWarcioCdxIndex(Warcs() / c.name, false));
  EXPECT_EQ(applied, c.default_diffs) << "known differences seen:" << Reasons(applied);
}

TEST_P(WarcioInteropTest, EveryRecordMatchesCdxIndexAll) {
  const FileCase& c = GetParam();
  auto applied =
      Compare(c.name, IndexWithUs(Warcs() / c.name), RunWarcioCdxIndex(Warcs() / c.name, true));
  EXPECT_EQ(applied, c.all_diffs) << "known differences seen:" << Reasons(applied);
}

INSTANTIATE_TEST_SUITE_P(Corpus, WarcioInteropTest, ::testing::ValuesIn(AllFiles()),
                         [](const ::testing::TestParamInfo<FileCase>& info) {
                           std::string name;
                           for (char ch : info.param.name) {
                             name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace warcrawl::index
