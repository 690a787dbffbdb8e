// The character encoding of an HTML document, chosen as the HTML Standard's encoding sniffing
// algorithm does, and the conversions the link extractor needs: the document to UTF-8 for
// libxml2, and a URL's query back to the document's encoding, as the URL Standard sends it.
// Encoding names and labels are the Encoding Standard's ("utf-8", "windows-1252", ...);
// "iso-8859-1" and "us-ascii" are labels of windows-1252 there, as in every browser.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_CRAWLER_HTML_CHARSET_H_
#define WARCRAWL_CRAWLER_HTML_CHARSET_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::crawler {

// How far the <meta> prescan looks. The HTML Standard says 1024 bytes; pages often put long
// scripts before their <meta charset>, which browsers still honour (by a reparse), so we look
// further.
inline constexpr size_t kCharsetPrescanBytes = 8192;

// The encoding name that `label` denotes (ASCII case and surrounding whitespace ignored), or
// "" when it names no encoding we decode (unknown labels, "replacement", "x-user-defined").
std::string_view CharsetForLabel(std::string_view label);

// The encoding to decode `html` with: a byte order mark wins (the HTML Standard puts it before
// the transport), then `http_charset` (the Content-Type charset parameter, "" if none), then
// the <meta charset> / <meta http-equiv=content-type> prescan. Undeclared documents are
// "utf-8" when they hold non-ASCII that is all valid UTF-8, else "windows-1252" (the
// Standard's default for most locales): legacy pages rarely decode as UTF-8 by accident.
std::string_view SniffHtmlCharset(std::string_view html, std::string_view http_charset);

// Decodes `html` from `charset` (a name from CharsetForLabel) to UTF-8, dropping a BOM. Bad
// sequences become U+FFFD, and so do NUL bytes (libxml2 stops parsing at a NUL).
// NotSupported when the system's iconv lacks the encoding.
Status DecodeHtmlToUtf8(std::string_view html, std::string_view charset, std::string* utf8);

// The URL Standard's query encoding for a document in `charset`: each non-ASCII code point of
// `utf8_query` encoded in `charset` and its bytes percent-encoded; a code point the encoding
// lacks becomes "%26%23N%3B" ("&#N;"). UTF-8 and UTF-16 documents keep UTF-8 (returned as is).
std::string EncodeQueryInCharset(std::string_view utf8_query, std::string_view charset);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_HTML_CHARSET_H_
