#include "crawler/crawl_url.h"

namespace warcrawl::crawler {
namespace {

constexpr uint8_t kVersion = 1;

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

bool GetString(std::string_view* in, std::string* s) {
  uint64_t n = 0;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  s->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

bool GetInt(std::string_view* in, int* value) {
  uint64_t v = 0;
  if (!GetVarint(in, &v) || v > 1'000'000'000) return false;
  *value = static_cast<int>(v);
  return true;
}

}  // namespace

std::string EncodeCrawlUrl(const CrawlUrl& url) {
  std::string out;
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(url.kind));
  out.push_back(static_cast<char>(url.priority));
  PutVarint(static_cast<uint64_t>(url.depth), &out);
  PutVarint(static_cast<uint64_t>(url.attempts), &out);
  PutVarint(static_cast<uint64_t>(url.redirects), &out);
  PutString(url.url, &out);
  PutString(url.via, &out);
  PutString(url.path, &out);
  return out;
}

Status DecodeCrawlUrl(std::string_view data, CrawlUrl* url) {
  if (data.size() < 3 || static_cast<uint8_t>(data[0]) != kVersion) {
    return Status::Corruption("frontier entry: unknown encoding");
  }
  auto kind = static_cast<uint8_t>(data[1]);
  if (kind > static_cast<uint8_t>(UrlKind::kFeed)) {
    return Status::Corruption("frontier entry: bad kind " + std::to_string(kind));
  }
  url->kind = static_cast<UrlKind>(kind);
  url->priority = static_cast<uint8_t>(data[2]);
  data.remove_prefix(3);
  if (!GetInt(&data, &url->depth) || !GetInt(&data, &url->attempts) ||
      !GetInt(&data, &url->redirects) || !GetString(&data, &url->url) ||
      !GetString(&data, &url->via) || !GetString(&data, &url->path) || !data.empty()) {
    return Status::Corruption("frontier entry: truncated or malformed");
  }
  return Status::OK();
}

}  // namespace warcrawl::crawler
