// The banner shown at the top of a replayed page: when it was captured, the captures before
// and after it, all captures of the URL, the original bytes, and, for a blog post or a page
// of its comments, every captured page of that post's comments, so a reader can page
// through a thread as it was.
//
// Thread-safety: reads the index; safe from any thread.
#ifndef WARCRAWL_REPLAY_BANNER_H_
#define WARCRAWL_REPLAY_BANNER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/capture.h"
#include "index/index_db.h"

namespace warcrawl::replay {

// What goes after <head> of a page shown with the banner: its stylesheet.
inline constexpr std::string_view kBannerHeadInsert =
    "<link rel=\"stylesheet\" href=\"/_static/banner.css\">";

// The banner for captures[current] (captures of one URL, oldest first). Every link is an
// archive path; every archived string in it is escaped.
std::string BannerHtml(const index::IndexDb& db, std::string_view collection,
                       const std::vector<index::CaptureEntry>& captures, size_t current);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_BANNER_H_
