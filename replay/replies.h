// Small builders shared by the replay service's handlers: error pages, redirects, and the
// escaping that every generated page needs (archived URLs are attacker-controlled text).
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_REPLIES_H_
#define WARCRAWL_REPLAY_REPLIES_H_

#include <string>
#include <string_view>

#include "replay/replay_service.h"

namespace warcrawl::replay {

// Text safe inside an HTML element or a double-quoted attribute.
std::string EscapeHtml(std::string_view text);

// A URL safe to put in an href of a generated page: escaped for HTML, and only an absolute
// path (archive URLs are); anything else becomes "#".
std::string SafeHref(std::string_view path);

// "2024-01-02 03:04:05" from 14 digits (as much as there is of a partial timestamp).
std::string DisplayTimestamp(std::string_view ts14);

// A small HTML page saying what went wrong; the message is escaped.
ReplayReply ErrorReply(int status, std::string_view title, std::string_view message);

// A redirect (302 unless told) to `location`, a path on this server (its unsafe bytes
// percent-encoded for the header: EncodeUnsafeUrlBytes).
ReplayReply RedirectReply(std::string_view location, int status = 302);

// A generated page: the shared stylesheet, a header linking home, then `body_html`.
ReplayReply HtmlPageReply(std::string_view title, std::string_view body_html);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLIES_H_
