#include "replay/archive_url.h"

namespace warcrawl::replay {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string ArchiveUrl(std::string_view collection, std::string_view timestamp,
                       std::string_view modifier, std::string_view url) {
  std::string out;
  out.reserve(collection.size() + timestamp.size() + modifier.size() + url.size() + 3);
  out += '/';
  out += collection;
  out += '/';
  out += timestamp;
  out += modifier;
  out += '/';
  out += url;
  return out;
}

std::string CollectionPath(std::string_view collection) {
  std::string out = "/";
  out += collection;
  out += '/';
  return out;
}

bool IsValidCollectionName(std::string_view name) {
  if (name.empty() || name.size() > 64 || !IsAsciiAlnum(name[0])) return false;
  for (char c : name) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return name.find("..") == std::string_view::npos;
}

bool IsValidModifier(std::string_view modifier) {
  return modifier.size() == 3 && modifier[0] >= 'a' && modifier[0] <= 'z' && modifier[1] >= 'a' &&
         modifier[1] <= 'z' && modifier[2] == '_';
}

std::string EncodeUnsafeUrlBytes(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace warcrawl::replay
