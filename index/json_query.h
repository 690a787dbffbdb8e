// A JSON request body as the query string warcio.js's jsonToQueryString makes of it, so a
// POSTed JSON body keys its capture as pywb and warcio.js key it. Every string, number and
// boolean becomes name=value under the key of the object member holding it (or holding the
// array holding it: nested keys are not prefixed); null is "null"; empty strings, empty
// objects and empty arrays add nothing. A key seen again becomes "key.2_", "key.3_", ...
// (a key inherited from Object.prototype, "constructor" say, becomes "key.NaN_", as in
// JavaScript). Members come in JavaScript's property order: array-index keys ascending, then
// the rest as first written; a repeated key keeps its first place and its last value.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_JSON_QUERY_H_
#define WARCRAWL_INDEX_JSON_QUERY_H_

#include <optional>
#include <string>
#include <string_view>

namespace warcrawl::index {

// Nesting deeper than this is refused; JavaScript's own limit is its stack, a few thousand.
inline constexpr int kMaxJsonQueryDepth = 1000;

// The query for `text` (UTF-8, as TextDecoder gives it): "" when it is not JSON, as warcio.js
// parses it to {}; nullopt when it nests deeper than kMaxJsonQueryDepth (where JavaScript
// would run out of stack).
std::optional<std::string> JsonToQuery(std::string_view text);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_JSON_QUERY_H_
