// How the replay server spells the URL of an archived resource, as pywb does:
// "/{collection}/{timestamp}{modifier}/{url}". The timestamp picks the capture (the closest
// one), the modifier says how the resource is used ("id_": the original bytes, unrewritten;
// "cs_", "js_", "im_", "if_", "oe_": a stylesheet, script, image, frame or embed; none: a
// page a person navigates to, shown with the banner). Everything that makes or reads such a
// URL goes through here, so the rewriter, Memento links and the router agree.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_ARCHIVE_URL_H_
#define WARCRAWL_REPLAY_ARCHIVE_URL_H_

#include <string>
#include <string_view>

namespace warcrawl::replay {

inline constexpr std::string_view kModIdentity = "id_";  // original bytes and headers
inline constexpr std::string_view kModStylesheet = "cs_";
inline constexpr std::string_view kModScript = "js_";
inline constexpr std::string_view kModImage = "im_";
inline constexpr std::string_view kModFrame = "if_";  // iframe/frame: rewritten, no banner
inline constexpr std::string_view kModEmbed = "oe_";  // object, embed, audio, video
inline constexpr std::string_view kModPageNoBanner = "mp_";

// "/{collection}/{timestamp}{modifier}/{url}". The URL is appended as it is (pywb does the
// same): it must be absolute, and its own query and fragment stay part of it.
std::string ArchiveUrl(std::string_view collection, std::string_view timestamp,
                       std::string_view modifier, std::string_view url);

// "/{collection}/" — every archive URL of the collection starts with this.
std::string CollectionPath(std::string_view collection);

// A collection name is 1-64 of [A-Za-z0-9._-], starting with a letter or digit: it becomes
// a path segment and a directory name, so "..", "/" and "%" can never be part of one.
bool IsValidCollectionName(std::string_view name);

// A modifier is two lowercase letters and '_' ("id_", "mp_", …), as pywb's are.
bool IsValidModifier(std::string_view modifier);

// `url` with spaces, control bytes, DEL and non-ASCII bytes percent-encoded: what an archive
// URL may carry into a Location header or a path, whatever the archived URL held.
std::string EncodeUnsafeUrlBytes(std::string_view url);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_ARCHIVE_URL_H_
