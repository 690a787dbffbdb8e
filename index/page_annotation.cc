#include "index/page_annotation.h"

#include <charconv>

namespace warcrawl::index {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string FormatPageAnnotation(const PageAnnotation& a) {
  std::string out;
  if (a.role == PageRole::kNone) return out;
  out.append("role: ").append(PageRoleName(a.role)).append("\r\n");
  if (!a.post_url.empty()) out.append("post: ").append(a.post_url).append("\r\n");
  if (a.page_number > 0) {
    out.append("comment-page: ").append(std::to_string(a.page_number)).append("\r\n");
  }
  return out;
}

bool ParsePageAnnotation(std::string_view fields, PageAnnotation* annotation) {
  PageAnnotation a;
  while (!fields.empty()) {
    size_t eol = fields.find('\n');
    std::string_view line = fields.substr(0, eol);
    fields.remove_prefix(eol == std::string_view::npos ? fields.size() : eol + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (name == "role") {
      ParsePageRole(value, &a.role);
    } else if (name == "post") {
      a.post_url = std::string(value);
    } else if (name == "comment-page") {
      uint32_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc() && end == value.data() + value.size()) a.page_number = n;
    }
  }
  if (a.role == PageRole::kNone) return false;
  *annotation = std::move(a);
  return true;
}

void ApplyPageAnnotation(const PageAnnotation& a, CaptureEntry* entry) {
  entry->role = a.role;
  entry->post_url = a.post_url;
  entry->page_number = a.page_number;
}

}  // namespace warcrawl::index
