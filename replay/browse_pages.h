// The pages a person browses the archive with: the collections, a collection's hosts with
// their archived posts (each post's captures and how many comment pages each captured), all
// captures of one URL, and the URLs under a prefix. Plain HTML with one small stylesheet.
//
// Thread-safety: safe from any thread.
#ifndef WARCRAWL_REPLAY_BROWSE_PAGES_H_
#define WARCRAWL_REPLAY_BROWSE_PAGES_H_

#include <string_view>

#include "replay/collection.h"
#include "replay/replay_service.h"

namespace warcrawl::replay {

ReplayReply HomePage(const CollectionSet& collections);
ReplayReply CollectionPage(const Collection& collection);
// "/{coll}/*/{url}": every capture of the URL, newest first.
ReplayReply CaptureListPage(const Collection& collection, std::string_view url);
// "/{coll}/*/{url}*": the captured URLs starting with the prefix, with their capture counts.
ReplayReply PrefixListPage(const Collection& collection, std::string_view url_prefix);
// The search box's target: a URL ("*" at its end: a prefix) to the page listing it.
ReplayReply SearchRedirect(const Collection& collection, std::string_view query);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_BROWSE_PAGES_H_
