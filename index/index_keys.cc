#include "index/index_keys.h"

namespace warcrawl::index {
namespace {

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string EncodeCaptureKey(const CaptureKey& key) {
  std::string out;
  EncodeCaptureKey(key.urlkey, key.timestamp, key.filename, key.offset, &out);
  return out;
}

void EncodeCaptureKey(std::string_view urlkey, std::string_view timestamp,
                      std::string_view filename, uint64_t offset, std::string* out) {
  out->clear();
  out->reserve(urlkey.size() + filename.size() + 32);
  out->push_back(kCaptureSpace);
  out->append(urlkey).push_back(' ');
  out->append(timestamp).push_back(' ');
  out->append(filename).push_back('\0');
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((offset >> shift) & 0xff));
  }
}

bool DecodeCaptureKey(std::string_view encoded, CaptureKey* key) {
  if (encoded.size() < 1 + 1 + 14 + 1 + 1 + 8 || encoded[0] != kCaptureSpace) return false;
  std::string_view body = encoded.substr(1, encoded.size() - 9);
  if (body.back() != '\0') return false;
  body.remove_suffix(1);
  // The urlkey ends at the first " <14 digits> " (a urlkey could itself hold a space).
  for (size_t p = body.find(' '); p != std::string_view::npos; p = body.find(' ', p + 1)) {
    if (p + 16 <= body.size() && body[p + 15] == ' ' && IsDigits(body.substr(p + 1, 14))) {
      key->urlkey = std::string(body.substr(0, p));
      key->timestamp = std::string(body.substr(p + 1, 14));
      key->filename = std::string(body.substr(p + 16));
      uint64_t offset = 0;
      for (char c : encoded.substr(encoded.size() - 8)) {
        offset = (offset << 8) | static_cast<unsigned char>(c);
      }
      key->offset = offset;
      return true;
    }
  }
  return false;
}

std::string CaptureScanStart(std::string_view urlkey_prefix, bool exact_url) {
  std::string out(1, kCaptureSpace);
  out.append(urlkey_prefix);
  if (exact_url) out.push_back(' ');
  return out;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  // Drop trailing 0xff bytes and bump the last byte: the first string past the prefix.
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

std::string DigestKey(std::string_view normalised_digest) {
  std::string out;
  DigestKey(normalised_digest, &out);
  return out;
}

void DigestKey(std::string_view normalised_digest, std::string* out) {
  out->assign(1, kDigestSpace);
  out->append(normalised_digest);
}

std::string FileKey(std::string_view filename) {
  std::string out(1, kFileSpace);
  out.append(filename);
  return out;
}

}  // namespace warcrawl::index
