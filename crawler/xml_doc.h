// XmlDoc is how the crawler reads XML from the web (sitemaps, feeds), which is hostile: ParseXml
// streams a document through libxml2's SAX2 parser as element events, building no tree, loading
// nothing from the network or disk, and expanding no DTD entity, so external entities (XXE)
// never resolve, "billion laughs" stays unexpanded and memory stays bounded by the input and
// a per-element text cap. Broken markup is recovered from where libxml2 can. ResolveLink turns
// a link written in such a document into the absolute http(s) URL the crawler may fetch.
//
// Thread-safety: the functions are reentrant; distinct parses may run concurrently.
#ifndef WARCRAWL_CRAWLER_XML_DOC_H_
#define WARCRAWL_CRAWLER_XML_DOC_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/url.h"
#include "warc/status.h"

namespace warcrawl::crawler {

// An element's own character data is kept up to this many bytes; the rest is dropped, so a
// huge <content:encoded> or a giant text node costs no memory beyond it.
inline constexpr size_t kXmlMaxTextBytes = size_t{64} * 1024;

inline constexpr std::string_view kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

struct XmlAttribute {
  std::string_view ns;  // namespace URI; "" for an unprefixed attribute
  std::string_view local;
  std::string value;  // references to DTD-declared entities are left out, never expanded
};

// An element as a handler sees it. The views live as long as the parse.
struct XmlElement {
  std::string_view ns;      // namespace URI; "" when none or when its prefix is undeclared
  std::string_view prefix;  // as written; "" when none
  std::string_view local;
  int depth = 0;  // 0 for the root element
  std::vector<XmlAttribute> attributes;

  // The value of attribute `local` in namespace `ns` ("" for unprefixed), or nullptr.
  const std::string* Attribute(std::string_view local, std::string_view ns = {}) const;

  // Whether this is `local` of the vocabulary `ns_uri` (compared ignoring ASCII case and a
  // trailing '/', variants feeds use), or of `usual_prefix` when a sloppy document forgot to
  // declare that prefix.
  bool Is(std::string_view ns_uri, std::string_view usual_prefix, std::string_view local) const;
};

// Receives a document's elements in order. Returning false stops the parse (a limit is hit).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual bool OnStart(const XmlElement& element) = 0;
  // `text` is the element's own character data, not its children's, at most kXmlMaxTextBytes.
  // Elements left open when the input ends (or the parser gives up) get no OnEnd.
  virtual bool OnEnd(const XmlElement& element, std::string_view text) = 0;
};

// What a parse saw, for callers to judge the document and word their errors.
struct XmlOutcome {
  std::string root;          // the root element's name as written ("rss", "rdf:RDF"); "" if none
  bool root_closed = false;  // the root's end was reached: nothing was cut off
  bool halted = false;       // libxml2 gave up early (entity loop, nesting depth, encoding)
  bool stopped = false;      // the handler asked to stop
  int errors = 0;            // well-formedness errors, recovered from or not
  std::string first_error;   // "line N: <libxml2's message>", or "" when none
};

// Parses `body` (any encoding libxml2 detects; UTF-8 by default) into `handler`'s events.
// Damaged XML is not an error here: *outcome says how far the parse got. Errors are only
// for a parser that cannot start.
Status ParseXml(std::string_view body, XmlHandler* handler, XmlOutcome* outcome);

// Resolves a link written in a document against `base`: ASCII tab and newline removed,
// surrounding spaces and controls trimmed, fragment dropped. False for an empty link, one
// that does not parse, and anything but http(s) with a host.
bool ResolveLink(const index::Url& base, std::string_view link, std::string* url);

// Parses the URL a document was fetched from: absolute http(s), else InvalidArgument naming
// `what` ("sitemap URL") and the problem.
Status ParseDocumentUrl(std::string_view url, std::string_view what, index::Url* out);

// `text` without leading and trailing XML whitespace (space, tab, CR, LF).
std::string_view TrimXmlSpace(std::string_view text);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_XML_DOC_H_
