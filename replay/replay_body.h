// The body of a replayed response: content codings undone (a browser may not accept the
// ones the site used: br over plain HTTP, say), and HTML and CSS rewritten so that every URL
// in them points back into the archive at the page's time. An "id_" request gets the
// archived bytes unrewritten, still encoded when the client accepts the coding.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_REPLAY_BODY_H_
#define WARCRAWL_REPLAY_REPLAY_BODY_H_

#include <string>
#include <string_view>

#include "replay/capture_loader.h"
#include "replay/replay_service.h"

namespace warcrawl::replay {

enum class BodyKind { kHtml, kCss, kOther };

// What the archived Content-Type (or, without one, the first bytes) says the body is.
BodyKind ClassifyBody(const ArchivedResponse& response);

struct BodyContext {
  std::string_view collection;
  std::string_view timestamp;  // the capture's 14 digits: rewritten links ask for that time
  std::string_view modifier;
  std::string_view accept_encoding;
  std::string head_insert;  // HTML only: after <head>
  std::string banner;       // HTML only: after <body>; empty for frames and subresources
};

// Moves the body into `reply` and adds Content-Type and (for kept codings) Content-Encoding.
// A body that cannot be decoded or rewritten is served as far as it decoded, unrewritten,
// with an X-Archive-Replay-Note header saying why (never an error: the bytes are evidence).
void PrepareReplayBody(ArchivedResponse* response, const BodyContext& context, ReplayReply* reply);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_BODY_H_
