// Serves /{collection}/{timestamp}{modifier}/{url}: the capture of the URL nearest the time,
// as the site sent it, with its links pointing back into the archive. A page a person
// navigates to (no modifier) is redirected to its capture's exact time first, so the address
// bar names what is shown, and gets the banner; subresources are served at once. Every reply
// carries Memento-Datetime and a Memento Link header (RFC 7089).
//
// Thread-safety: safe from any thread.
#ifndef WARCRAWL_REPLAY_ARCHIVED_PAGE_H_
#define WARCRAWL_REPLAY_ARCHIVED_PAGE_H_

#include "replay/collection.h"
#include "replay/replay_route.h"
#include "replay/replay_service.h"

namespace warcrawl::replay {

ReplayReply ServeArchivedPage(const Collection& collection, const ReplayRoute& route,
                              const ReplayRequest& request);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_ARCHIVED_PAGE_H_
