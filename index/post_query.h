// How pywb and warcio.js key a capture whose request was not a GET: the request body is
// turned into a query string and appended to the URL with the method, so that each distinct
// POST (PUT, ...) of a URL has a key of its own and replay can look it up the same way:
//   http://a.org/post + POST + "x=1" -> http://a.org/post?__wb_method=POST&x=1
// This follows warcio.js's postToGetUrl (2.4.11) exactly, edge cases included.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_POST_QUERY_H_
#define WARCRAWL_INDEX_POST_QUERY_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warcrawl::index {

// warcio.js's cut of the query, in UTF-16 code units (its DEFAULT_MAX_QUERY_SIZE).
inline constexpr size_t kMaxPostQueryLength = 4096;

// The request body as a query string, chosen by the media type (the Content-Type up to its
// first ';', case and spaces kept):
// - application/x-www-form-urlencoded: the body as text (bad UTF-8 as U+FFFD, no BOM);
// - application/json: JsonToQuery (json_query.h), "" when it does not parse;
// - text/plain: the same, or __wb_post_data= when JavaScript would run out of stack;
// - multipart/form-data: name=value for each part whose name="..." ends its headers, the
//   value being the part's first line; parts are split on the boundary= text;
// - anything else, or no Content-Type: "__wb_post_data=" + the body's bytes in base64.
std::string PostBodyToQuery(std::string_view content_type, std::string_view body);

// What a paired request that is not a GET adds to its response's capture.
struct PostLookup {
  std::string request_body;  // the query, cut to kMaxPostQueryLength; the CDXJ requestBody
  std::string url;           // the URL to make the capture's key from
};

// `url` plus "?" (or "&" when it has a query) + "__wb_method=" + method + "&" + the query
// decodeURI'd (empty when decodeURI would throw). The method is kept as written; SURT keys
// lowercase it. For a GET warcio.js changes nothing, and neither does a caller.
PostLookup PostToGetUrl(std::string_view url, std::string_view method,
                        std::string_view content_type, std::string_view body);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_POST_QUERY_H_
