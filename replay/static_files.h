// The replay server's own files under /_static/: the browse pages' stylesheet and the
// banner's. Compiled in, so a replay server needs nothing on disk but the archive.
//
// Thread-safety: immutable data.
#ifndef WARCRAWL_REPLAY_STATIC_FILES_H_
#define WARCRAWL_REPLAY_STATIC_FILES_H_

#include <string_view>

namespace warcrawl::replay {

struct StaticFile {
  std::string_view content_type;
  std::string_view body;
};

// The file called `name` ("browse.css", "banner.css"); nullptr for any other name.
const StaticFile* FindStaticFile(std::string_view name);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_STATIC_FILES_H_
