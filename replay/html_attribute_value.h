// Attribute values as HTML spells them: character references (HTML §13.2.5.72, as they are
// read in attribute values: legacy names without ';', numeric references, a literal '&' where
// there is no reference) decoded before a value is read as a URL or CSS, and a rewritten
// value quoted back. Only the common named references are known (see the table).
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_HTML_ATTRIBUTE_VALUE_H_
#define WARCRAWL_REPLAY_HTML_ATTRIBUTE_VALUE_H_

#include <string>
#include <string_view>

namespace warcrawl::replay {

// How a decoded non-ASCII code point is spelled: the value is then read as a URL (percent-
// encoded UTF-8) or as CSS (a CSS escape).
enum class Spelling { kUrl, kCss };

std::string DecodeAttribute(std::string_view raw, Spelling spelling);

// The value in double quotes, '&' and '"' escaped.
std::string QuoteAttribute(std::string_view value);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_HTML_ATTRIBUTE_VALUE_H_
