// PageAnnotation is what the crawler's metadata record says about a captured page beyond
// the HTTP exchange: its role in a blog and, for a page of comments, the post it belongs
// to and its page number. The crawler writes these as the first application/warc-fields
// lines of the metadata record (WARC-Concurrent-To the response); the indexer reads them
// back, so a rebuilt index knows them as well as the live one.
//
// Thread-safety: a value type and pure functions.
#ifndef WARCRAWL_INDEX_PAGE_ANNOTATION_H_
#define WARCRAWL_INDEX_PAGE_ANNOTATION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "index/capture.h"

namespace warcrawl::index {

struct PageAnnotation {
  PageRole role = PageRole::kNone;
  std::string post_url;      // for a comment page
  uint32_t page_number = 0;  // for a comment page, 1-based

  bool operator==(const PageAnnotation&) const = default;
};

// "role: comments\r\npost: URL\r\ncomment-page: 2\r\n" (empty fields left out).
std::string FormatPageAnnotation(const PageAnnotation& annotation);

// Reads the fields back from a warc-fields block; false when it names no known role.
bool ParsePageAnnotation(std::string_view warc_fields, PageAnnotation* annotation);

// Copies an annotation onto a capture.
void ApplyPageAnnotation(const PageAnnotation& annotation, CaptureEntry* entry);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_PAGE_ANNOTATION_H_
