#include "cli/warc_commands.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "warc/http_payload.h"
#include "warc/reader.h"
#include "warc/recovery.h"
#include "warc/validator.h"

namespace warcrawl::cli {
namespace {

using warc::RecordHeader;
using warc::WarcReader;

constexpr size_t kMaxPayloadBlock = size_t{1} << 30;

int Fail(const std::string& message) {
  std::cerr << "warcrawl: " << message << "\n";
  return 1;
}

int ListRecords(const std::string& path) {
  std::unique_ptr<WarcReader> reader;
  if (Status s = WarcReader::Open(path, &reader); !s.ok()) return Fail(s.ToString());
  std::printf("%-10s %-8s %-10s %-27s %-40s %s\n", "offset", "length", "type", "date", "target-uri",
              "digest");
  for (;;) {
    RecordHeader header;
    Status s = reader->Next(&header);
    if (s.IsEndOfFile()) return 0;
    if (s.ok()) s = reader->SkipBlock();
    if (!s.ok()) return Fail(path + ": " + s.message());
    const warc::RecordLocation loc = reader->location();
    std::string_view digest =
        header.fields.Get(warc::field::kPayloadDigest)
            .value_or(header.fields.Get(warc::field::kBlockDigest).value_or("-"));
    std::string_view uri = header.target_uri();
    std::printf("%-10llu %-8llu %-10s %-27s %-40s %s\n",
                static_cast<unsigned long long>(loc.offset),
                static_cast<unsigned long long>(loc.length),
                std::string(header.fields.Get(warc::field::kType).value_or("?")).c_str(),
                std::string(header.date()).c_str(), uri.empty() ? "-" : std::string(uri).c_str(),
                std::string(digest).c_str());
  }
}

int PrintRecord(const std::string& path, uint64_t offset, bool payload_only) {
  std::unique_ptr<WarcReader> reader;
  Status s = WarcReader::Open(path, &reader);
  if (s.ok()) s = reader->Seek(offset);
  RecordHeader header;
  if (s.ok()) s = reader->Next(&header);
  if (s.IsEndOfFile()) return Fail(path + ": no record at offset " + std::to_string(offset));
  if (!s.ok()) return Fail(path + ": " + s.message());
  if (!payload_only) {
    std::cout << header.Serialize();
    std::vector<char> buf(size_t{64} * 1024);
    for (size_t got = 1; got > 0;) {
      if (s = reader->ReadBlock(buf.data(), buf.size(), &got); !s.ok()) {
        return Fail(path + ": " + s.message());
      }
      std::cout.write(buf.data(), static_cast<std::streamsize>(got));
    }
    return 0;
  }
  std::string block;
  if (s = reader->ReadWholeBlock(&block, kMaxPayloadBlock); !s.ok()) {
    return Fail(path + ": " + s.message());
  }
  std::string_view content_type = header.fields.Get(warc::field::kContentType).value_or("");
  if (!content_type.starts_with("application/http")) {
    std::cout << block;
    return 0;
  }
  warc::HttpPayload payload;
  s = warc::ExtractHttpPayload(block, warc::PayloadOptions{}, &payload);
  if (!s.ok())
    return Fail(path + ": record at offset " + std::to_string(offset) + ": " + s.message());
  std::cout << payload.decoded;
  return 0;
}

int CheckFiles(const std::vector<std::string>& paths, bool quiet) {
  warc::ValidationReport total;
  int unreadable = 0;
  for (const auto& path : paths) {
    auto sink = [&](const warc::Problem& p) {
      if (!quiet || p.severity == warc::Severity::kError) std::cout << p.ToString() << "\n";
    };
    Status s = warc::ValidateFile(path, sink, &total);
    if (!s.ok()) {
      std::cout << path << ": " << s.ToString() << "\n";
      ++unreadable;
    }
  }
  std::cout << total.records << " records, " << total.errors + unreadable << " problems";
  if (total.warnings > 0) std::cout << " (" << total.warnings << " warnings)";
  std::cout << "\n";
  return total.errors + unreadable == 0 ? 0 : 1;
}

int RecoverFiles(const std::vector<std::string>& paths) {
  int failed = 0;
  for (const auto& path : paths) {
    warc::RecoveryResult result;
    Status s = warc::RecoverOpenWarc(path, &result);
    if (!s.ok()) {
      std::cerr << "warcrawl: " << s.message() << "\n";
      ++failed;
    } else if (result.final_path.empty()) {
      std::cout << path << ": no whole record; removed\n";
    } else {
      std::cout << result.final_path << ": " << result.records << " records kept, "
                << result.bytes_cut << " bytes of a partial record cut\n";
    }
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace

void AddWarcCommands(CLI::App& app, int* exit_code) {
  CLI::App* warc = app.add_subcommand("warc", "Inspect and verify WARC files");
  warc->require_subcommand(1);

  auto ls = warc->add_subcommand("ls", "List records: offset, length, type, date, URI, digest");
  auto ls_file = std::make_shared<std::string>();
  ls->add_option("FILE", *ls_file, "WARC file (.warc or .warc.gz)")->required();
  ls->callback([=] { *exit_code = ListRecords(*ls_file); });

  auto cat = warc->add_subcommand("cat", "Print the record at an offset");
  auto cat_file = std::make_shared<std::string>();
  auto cat_offset = std::make_shared<uint64_t>(0);
  auto cat_payload = std::make_shared<bool>(false);
  cat->add_option("FILE", *cat_file, "WARC file")->required();
  cat->add_option("OFFSET", *cat_offset, "record offset, as `warc ls` prints it")->required();
  cat->add_flag("--payload", *cat_payload,
                "print the HTTP payload, de-chunked and decompressed, instead of the record");
  cat->callback([=] { *exit_code = PrintRecord(*cat_file, *cat_offset, *cat_payload); });

  auto check =
      warc->add_subcommand("check", "Verify structure and every digest; exit 1 on problems");
  auto check_files = std::make_shared<std::vector<std::string>>();
  auto check_quiet = std::make_shared<bool>(false);
  check->add_option("FILE", *check_files, "WARC files")->required();
  check->add_flag("-q,--quiet", *check_quiet, "print errors only, not warnings");
  check->callback([=] { *exit_code = CheckFiles(*check_files, *check_quiet); });

  auto recover = warc->add_subcommand(
      "recover",
      "Finish .open files a killed writer left: keep whole records, cut a partial last one");
  auto recover_files = std::make_shared<std::vector<std::string>>();
  recover->add_option("FILE", *recover_files, "….warc.gz.open files")->required();
  recover->callback([=] { *exit_code = RecoverFiles(*recover_files); });
}

}  // namespace warcrawl::cli
