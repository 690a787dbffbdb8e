#include "crawler/xml_doc.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

// No NOENT (entity substitution), DTDLOAD, DTDVALID or HUGE: nothing external is read and
// libxml2's own limits on depth, names and entity amplification stay in force.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

// Input is pushed in slices so a stop (limit reached, parser halted) skips the rest unread.
constexpr size_t kChunk = size_t{64} * 1024;

struct ParserCtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const {
    if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);  // holds only the internal DTD
    xmlFreeParserCtxt(ctxt);
  }
};
using ParserCtxtPtr = std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter>;

std::string_view View(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool NamespacesEqual(std::string_view a, std::string_view b) {
  if (!a.empty() && a.back() == '/') a.remove_suffix(1);
  if (!b.empty() && b.back() == '/') b.remove_suffix(1);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (text::LowerAscii(a[i]) != text::LowerAscii(b[i])) return false;
  }
  return true;
}

// Without entity substitution libxml2 hands attribute values over with '&' written "&#38;"
// and DTD entity references left as "&name;"; the latter are dropped, never expanded.
std::string DecodeAttribute(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    size_t semi = raw[i] == '&' ? raw.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos) {
      out.push_back(raw[i]);
      continue;
    }
    if (raw.substr(i, semi + 1 - i) == "&#38;") out.push_back('&');
    i = semi;
  }
  return out;
}

// The predefined entities and character references; anything else after '&' stays as
// written, as browsers read a stray '&' in "?a=1&b=2".
std::string DecodeLenient(std::string_view raw) {
  static constexpr std::pair<std::string_view, char> kPredefined[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (size_t i = 0; i < raw.size() && out.size() < kXmlMaxTextBytes; ++i) {
    std::string_view rest = raw.substr(i);
    bool done = false;
    for (const auto& [name, c] : kPredefined) {
      if (rest.starts_with(name)) {
        out.push_back(c);
        i += name.size() - 1;
        done = true;
        break;
      }
    }
    if (!done && rest.starts_with("&#")) {
      bool hex = rest.size() > 2 && (rest[2] == 'x' || rest[2] == 'X');
      uint32_t value = 0;
      auto [end, ec] = std::from_chars(rest.data() + (hex ? 3 : 2), rest.data() + rest.size(),
                                       value, hex ? 16 : 10);
      bool is_char = value > 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
      if (ec == std::errc() && end < rest.data() + rest.size() && *end == ';' && is_char) {
        warc::text::AppendUtf8(value, &out);
        i += static_cast<size_t>(end - rest.data());
        done = true;
      }
    }
    if (!done) out.push_back(raw[i]);
  }
  return out;
}

// libxml2 recovers from "&b" in "?a=1&b=2" by dropping it. For a text-only element that
// saw an error, the body's own bytes between its tags are read instead, when the offsets
// verifiably frame them; otherwise *text keeps libxml2's reading.
void RecoverRawText(std::string_view body, size_t begin, size_t end, std::string_view name,
                    std::string* text) {
  if (begin == std::string_view::npos || end == std::string_view::npos || begin >= end ||
      end > body.size() || body[begin] != '>') {
    return;
  }
  std::string_view inner = body.substr(begin + 1, end - begin - 1);
  size_t close = inner.rfind("</");
  if (close == std::string_view::npos || inner.back() != '>') return;
  std::string_view end_tag = TrimXmlSpace(inner.substr(close + 2, inner.size() - close - 3));
  if (end_tag != name) return;  // an end libxml2 made up while recovering
  std::string_view raw = inner.substr(0, close);
  if (raw.find('<') != std::string_view::npos) return;  // CDATA, a comment, a stray tag
  *text = DecodeLenient(raw);
}

// Per-parse state, reached from libxml2's callbacks through ctxt->_private. Callbacks also
// fire for the one-time well-formedness check of an entity's replacement text, on an inner
// context that inherits _private: those are ignored, so entity text never reaches a handler.
class SaxState {
 public:
  SaxState(std::string_view body, xmlParserCtxt* ctxt, XmlHandler* handler, XmlOutcome* outcome)
      : body_(body), ctxt_(ctxt), handler_(handler), outcome_(outcome) {}

  static SaxState* Outer(void* ctx) {
    auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
    auto* state = static_cast<SaxState*>(ctxt->_private);
    return state != nullptr && state->ctxt_ == ctxt ? state : nullptr;
  }
  static SaxState* Any(void* ctx) {
    return static_cast<SaxState*>(static_cast<xmlParserCtxt*>(ctx)->_private);
  }

  void Start(const xmlChar* local, const xmlChar* prefix, const xmlChar* uri, int nb_attributes,
             const xmlChar** attributes) {
    RestoreWellFormed();
    if (!stack_.empty()) stack_.back().has_children = true;
    Frame& frame = stack_.emplace_back();
    frame.content_begin = InputOffset();
    frame.errors_at_start = outcome_->errors;
    XmlElement& element = frame.element;
    element.ns = View(uri);
    element.prefix = View(prefix);
    element.local = View(local);
    element.depth = static_cast<int>(stack_.size()) - 1;
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** a =
          attributes + static_cast<ptrdiff_t>(5) * i;  // local, prefix, URI, value, end
      auto* value = reinterpret_cast<const char*>(a[3]);
      element.attributes.push_back(
          {View(a[2]), View(a[0]),
           DecodeAttribute(std::string_view(value, static_cast<size_t>(a[4] - a[3])))});
    }
    frame.qualified_name = element.prefix.empty()
                               ? std::string(element.local)
                               : std::string(element.prefix) + ":" + std::string(element.local);
    if (element.depth == 0) outcome_->root = frame.qualified_name;
    if (!handler_->OnStart(element)) Stop();
  }

  void End() {
    RestoreWellFormed();
    if (stack_.empty()) return;
    Frame& frame = stack_.back();
    if (frame.element.depth == 0) outcome_->root_closed = true;
    if (outcome_->errors > frame.errors_at_start && !frame.has_children) {
      RecoverRawText(body_, frame.content_begin, InputOffset(), frame.qualified_name, &frame.text);
    }
    if (!handler_->OnEnd(frame.element, frame.text)) Stop();
    stack_.pop_back();
  }

  void Text(const xmlChar* chars, int len) {
    RestoreWellFormed();
    if (stack_.empty() || len <= 0) return;
    std::string& text = stack_.back().text;
    size_t n = std::min(static_cast<size_t>(len), kXmlMaxTextBytes - text.size());
    text.append(reinterpret_cast<const char*>(chars), n);
  }

  void Error(const xmlError& error) {
    if (outcome_->errors++ > 0) return;
    std::string_view message = TrimXmlSpace(View(reinterpret_cast<const xmlChar*>(error.message)));
    outcome_->first_error = "line " + std::to_string(error.line) + ": " +
                            text::QuoteForError(message.empty() ? "parse error" : message, 160);
  }

 private:
  struct Frame {
    XmlElement element;
    std::string text;
    std::string qualified_name;                     // as written: "prefix:local"
    size_t content_begin = std::string_view::npos;  // body offset of the start tag's '>'
    int errors_at_start = 0;
    bool has_children = false;
  };

  // libxml2 2.9 drops even "&amp;" from text once a document is known to be broken, which
  // would corrupt every later URL with a query. Its guard matters only where entities are
  // declared, so without a DTD's entities the flag is set back before parsing goes on.
  void RestoreWellFormed() {
    if (ctxt_->wellFormed != 0) return;
    const xmlDoc* doc = ctxt_->myDoc;
    const xmlDtd* dtd = doc != nullptr ? doc->intSubset : nullptr;
    if (dtd == nullptr || (dtd->entities == nullptr && dtd->pentities == nullptr)) {
      ctxt_->wellFormed = 1;
    }
  }

  // Where parsing is in `body_`; npos when the parser converts from another encoding, so its
  // offsets are not the body's.
  size_t InputOffset() const {
    const xmlParserInput* in = ctxt_->input;
    if (in == nullptr || in->buf == nullptr || in->buf->encoder != nullptr || in->cur < in->base) {
      return std::string_view::npos;
    }
    return static_cast<size_t>(in->consumed) + static_cast<size_t>(in->cur - in->base);
  }

  void Stop() {
    outcome_->stopped = true;
    xmlStopParser(ctxt_);
  }

  std::string_view body_;
  xmlParserCtxt* ctxt_;
  XmlHandler* handler_;
  XmlOutcome* outcome_;
  std::vector<Frame> stack_;
};

void OnStartElement(void* ctx, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri,
                    int /*nb_namespaces*/, const xmlChar** /*namespaces*/, int nb_attributes,
                    int /*nb_defaulted*/, const xmlChar** attributes) {
  if (SaxState* state = SaxState::Outer(ctx)) {
    state->Start(local, prefix, uri, nb_attributes, attributes);
  }
}

void OnEndElement(void* ctx, const xmlChar* /*local*/, const xmlChar* /*prefix*/,
                  const xmlChar* /*uri*/) {
  if (SaxState* state = SaxState::Outer(ctx)) state->End();
}

void OnCharacters(void* ctx, const xmlChar* chars, int len) {
  if (SaxState* state = SaxState::Outer(ctx)) state->Text(chars, len);
}

void OnError(void* ctx, xmlErrorPtr error) {
  SaxState* state = ctx != nullptr ? SaxState::Any(ctx) : nullptr;
  if (state != nullptr && error != nullptr) state->Error(*error);
}

void IgnoreReference(void* /*ctx*/, const xmlChar* /*name*/) {}

xmlParserInputPtr RefuseToLoad(void* /*ctx*/, const xmlChar* /*public_id*/,
                               const xmlChar* /*system_id*/) {
  return nullptr;
}

// libxml2's defaults still record the internal DTD (entity declarations); everything that
// would build a tree or fetch a resource is replaced or switched off.
xmlSAXHandler MakeSaxHandler() {
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  xmlSAXVersion(&sax, 2);
  sax.startElementNs = OnStartElement;
  sax.endElementNs = OnEndElement;
  sax.characters = OnCharacters;
  sax.cdataBlock = OnCharacters;
  sax.ignorableWhitespace = OnCharacters;
  sax.reference = IgnoreReference;
  sax.resolveEntity = RefuseToLoad;
  sax.externalSubset = nullptr;
  sax.comment = nullptr;
  sax.processingInstruction = nullptr;
  sax.warning = nullptr;
  sax.error = nullptr;
  sax.fatalError = nullptr;
  sax.serror = OnError;
  return sax;
}

}  // namespace

const std::string* XmlElement::Attribute(std::string_view name, std::string_view name_ns) const {
  for (const XmlAttribute& a : attributes) {
    if (a.local == name && a.ns == name_ns) return &a.value;
  }
  return nullptr;
}

bool XmlElement::Is(std::string_view ns_uri, std::string_view usual_prefix,
                    std::string_view name) const {
  if (local != name) return false;
  if (ns.empty()) return !usual_prefix.empty() && prefix == usual_prefix;
  return NamespacesEqual(ns, ns_uri);
}

Status ParseXml(std::string_view body, XmlHandler* handler, XmlOutcome* outcome) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  *outcome = XmlOutcome();
  xmlSAXHandler sax = MakeSaxHandler();
  ParserCtxtPtr ctxt(xmlCreatePushParserCtxt(&sax, nullptr, nullptr, 0, nullptr));
  if (ctxt == nullptr) return Status::IOError("cannot create an XML parser (out of memory?)");
  xmlCtxtUseOptions(ctxt.get(), kParseOptions);
  // Process-wide defaults (xmlSubstituteEntitiesDefault, ...) may have been changed by other
  // code; the safety of this parse must not depend on them.
  ctxt->replaceEntities = 0;
  ctxt->loadsubset = 0;
  ctxt->validate = 0;
  SaxState state(body, ctxt.get(), handler, outcome);
  ctxt->_private = &state;

  for (size_t offset = 0; offset < body.size() && ctxt->disableSAX == 0;) {
    size_t n = std::min(kChunk, body.size() - offset);
    xmlParseChunk(ctxt.get(), body.data() + offset, static_cast<int>(n), 0);
    offset += n;
  }
  if (ctxt->disableSAX == 0) xmlParseChunk(ctxt.get(), nullptr, 0, 1);
  outcome->halted = ctxt->disableSAX != 0 && !outcome->stopped;
  return Status::OK();
}

std::string_view TrimXmlSpace(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool ResolveLink(const index::Url& base, std::string_view link, std::string* url) {
  std::string reference;
  reference.reserve(link.size());
  for (char c : link) {
    if (c != '\t' && c != '\n' && c != '\r') reference.push_back(c);
  }
  auto is_trimmed = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!reference.empty() && is_trimmed(reference.back())) reference.pop_back();
  size_t start = 0;
  while (start < reference.size() && is_trimmed(reference[start])) ++start;
  if (start == reference.size()) return false;  // an empty link is not "the base itself"
  index::Url resolved;
  if (!index::ResolveUrl(base, std::string_view(reference).substr(start), &resolved).ok()) {
    return false;
  }
  if ((resolved.scheme != "http" && resolved.scheme != "https") || !resolved.host.has_value() ||
      resolved.host->empty()) {
    return false;
  }
  resolved.fragment.reset();
  *url = resolved.ToString();
  return true;
}

Status ParseDocumentUrl(std::string_view url, std::string_view what, index::Url* out) {
  Status s = index::ParseUrl(url, out);
  if (!s.ok()) {
    return Status::InvalidArgument(std::string(what) + " " + text::QuoteForError(url) + ": " +
                                   s.message());
  }
  if ((out->scheme != "http" && out->scheme != "https") || !out->host.has_value() ||
      out->host->empty()) {
    return Status::InvalidArgument(std::string(what) + " " + text::QuoteForError(url) +
                                   " is not an http(s) URL with a host");
  }
  return Status::OK();
}

}  // namespace warcrawl::crawler
