#include "crawler/feed.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "crawler/xml_doc.h"
#include "index/url.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRss10Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kWfwNs = "http://wellformedweb.org/CommentAPI/";
constexpr std::string_view kSlashNs = "http://purl.org/rss/1.0/modules/slash/";
constexpr std::string_view kThrNs = "http://purl.org/syndication/thread/1.0";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
// RFC 4287 §4.2.7.2: a registered relation may also be written as this prefix + its name.
constexpr std::string_view kIanaRelationPrefix = "http://www.iana.org/assignments/relation/";

// Dates and ids are kept as written; past this length they are not dates or ids but junk.
constexpr size_t kMaxFieldBytes = 1024;

// Where an item's date or comment count came from: a better source replaces a worse one.
enum class DateRank { kNone, kUpdated, kDcDate, kPublished };
enum class CountRank { kNone, kLinkAttribute, kElement };

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = text::LowerAscii(c);
  return out;
}

std::optional<int> ParseCount(std::string_view value) {
  value = TrimXmlSpace(value);
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < 0) {
    return std::nullopt;
  }
  return n;
}

bool IsPagingRelation(std::string_view rel) {
  return rel == "next" || rel == "previous" || rel == "prev" || rel == "first" || rel == "last" ||
         rel == "next-archive" || rel == "prev-archive";
}

struct AtomLink {
  std::string rel;  // lowercased; "alternate" when absent (RFC 4287 §4.2.7.2)
  std::string type;
  std::string href;
};

class FeedHandler : public XmlHandler {
 public:
  FeedHandler(const index::Url& feed_url, Feed* out) : out_(out) {
    bases_.push_back({-1, feed_url});
  }

  bool is_feed() const { return is_feed_; }

  bool OnStart(const XmlElement& e) override {
    if (e.depth == 0 && !StartRoot(e)) return false;
    PushBase(e);
    if (item_depth_ >= 0) {
      if (e.depth == item_depth_ + 1 && IsAtom(e, "link")) ItemLink(e);
      return true;
    }
    if (IsItemStart(e)) return StartItem(e);
    if (e.depth == 1 && out_->kind != Feed::Kind::kAtom && IsMain(e, "channel")) {
      channel_depth_ = 1;
    } else if (IsFeedLevel(e) && IsAtom(e, "link")) {
      FeedLink(e);
    }
    return true;
  }

  bool OnEnd(const XmlElement& e, std::string_view text) override {
    if (item_depth_ >= 0) {
      if (e.depth == item_depth_ + 1) ItemField(e, text);
      if (e.depth == item_depth_) EndItem();
    } else if (IsFeedLevel(e)) {
      FeedField(e, text);
    } else if (e.depth == channel_depth_) {
      channel_depth_ = -1;
    }
    if (bases_.back().depth == e.depth) bases_.pop_back();
    return true;
  }

 private:
  struct Base {
    int depth;  // of the element carrying xml:base; -1 for the document URL
    index::Url url;
  };

  bool StartRoot(const XmlElement& e) {
    if (e.local == "rss") {
      out_->kind = Feed::Kind::kRss;
      main_ns_ = e.ns;
    } else if (e.Is(kRdfNs, "rdf", "RDF")) {
      out_->kind = Feed::Kind::kRdf;
      main_ns_ = kRss10Ns;
    } else if (e.local == "feed") {  // Atom 1.0, or 0.3 or no namespace in old feeds
      out_->kind = Feed::Kind::kAtom;
      main_ns_ = e.ns;
    } else {
      return false;
    }
    is_feed_ = true;
    return true;
  }

  // An element of the feed's own vocabulary; sloppy feeds drop the namespace altogether.
  bool IsMain(const XmlElement& e, std::string_view local) const {
    if (e.local != local) return false;
    if (e.ns.empty()) return e.prefix.empty();
    return e.ns == main_ns_ || (out_->kind == Feed::Kind::kRdf && e.ns == kRss090Ns);
  }

  bool IsAtom(const XmlElement& e, std::string_view local) const {
    return e.Is(kAtomNs, "atom", local) || (out_->kind == Feed::Kind::kAtom && IsMain(e, local));
  }

  bool IsItemStart(const XmlElement& e) const {
    switch (out_->kind) {
      case Feed::Kind::kAtom:
        return e.depth == 1 && IsMain(e, "entry");
      case Feed::Kind::kRdf:
        return e.depth == 1 && IsMain(e, "item");
      case Feed::Kind::kRss:  // RSS 0.9x feeds sometimes put items beside the channel
        return IsMain(e, "item") && (e.depth == 1 || (e.depth == 2 && channel_depth_ == 1));
    }
    return false;
  }

  // Children of <feed> (Atom) or of <channel> (RSS, RDF) describe the feed itself.
  bool IsFeedLevel(const XmlElement& e) const {
    if (out_->kind == Feed::Kind::kAtom) return e.depth == 1;
    return channel_depth_ >= 0 && e.depth == channel_depth_ + 1;
  }

  const index::Url& base() const { return bases_.back().url; }

  void PushBase(const XmlElement& e) {
    const std::string* xml_base = e.Attribute("base", kXmlNamespace);
    index::Url resolved;
    if (xml_base != nullptr && index::ResolveUrl(base(), TrimXmlSpace(*xml_base), &resolved).ok()) {
      bases_.push_back({e.depth, std::move(resolved)});
    }
  }

  void SetLink(std::string_view link, std::string* url) const {
    if (url->empty()) ResolveLink(base(), link, url);
  }

  bool ReadAtomLink(const XmlElement& e, AtomLink* link) const {
    const std::string* href = e.Attribute("href");
    if (href == nullptr || !ResolveLink(base(), *href, &link->href)) return false;
    const std::string* rel = e.Attribute("rel");
    link->rel = rel == nullptr ? "" : Lower(TrimXmlSpace(*rel));
    if (link->rel.starts_with(kIanaRelationPrefix)) link->rel.erase(0, kIanaRelationPrefix.size());
    if (link->rel.empty()) link->rel = "alternate";
    const std::string* type = e.Attribute("type");
    link->type = type == nullptr ? "" : Lower(TrimXmlSpace(*type));
    return true;
  }

  void FeedLink(const XmlElement& e) {
    AtomLink link;
    if (!ReadAtomLink(e, &link)) return;
    if (link.rel == "alternate" && out_->kind == Feed::Kind::kAtom) {
      if (out_->site_link.empty()) out_->site_link = std::move(link.href);
    } else if (IsPagingRelation(link.rel)) {
      std::vector<std::string>& paging = out_->paging_links;
      if (std::find(paging.begin(), paging.end(), link.href) == paging.end()) {
        paging.push_back(std::move(link.href));
      }
    }
  }

  void FeedField(const XmlElement& e, std::string_view text) {
    if (IsMain(e, "title")) {
      if (out_->title.empty()) out_->title = TrimXmlSpace(text);
    } else if (out_->kind != Feed::Kind::kAtom && IsMain(e, "link")) {
      SetLink(text, &out_->site_link);
    }
  }

  bool StartItem(const XmlElement& e) {
    if (out_->items.size() == kFeedMaxItems) {
      out_->truncated = true;
      return false;
    }
    item_ = FeedItem();
    item_depth_ = e.depth;
    date_rank_ = DateRank::kNone;
    count_rank_ = CountRank::kNone;
    guid_is_link_ = false;
    if (const std::string* about = e.Attribute("about", kRdfNs)) SetId(*about);
    return true;
  }

  void EndItem() {
    // RSS 2.0: a <guid> is the item's permalink unless isPermaLink="false".
    if (item_.link.empty() && guid_is_link_) SetLink(item_.id, &item_.link);
    out_->items.push_back(std::move(item_));
    item_depth_ = -1;
  }

  void ItemLink(const XmlElement& e) {
    AtomLink link;
    if (!ReadAtomLink(e, &link)) return;
    if (link.rel == "alternate") {
      if (item_.link.empty()) item_.link = std::move(link.href);
      return;
    }
    if (link.rel != "replies") return;
    if (const std::string* count = e.Attribute("count", kThrNs)) {
      SetCount(*count, CountRank::kLinkAttribute);
    }
    // RFC 4685: "replies" points at the replies; an HTML type means a page, else a feed.
    bool is_page = link.type == "text/html" || link.type == "application/xhtml+xml";
    std::string* url = is_page ? &item_.comments_url : &item_.comment_feed_url;
    if (url->empty()) *url = std::move(link.href);
  }

  void ItemField(const XmlElement& e, std::string_view text) {
    bool rss = out_->kind != Feed::Kind::kAtom;
    if (rss && IsMain(e, "link")) {
      SetLink(text, &item_.link);
    } else if (rss && IsMain(e, "comments")) {
      SetLink(text, &item_.comments_url);
    } else if (rss && IsMain(e, "guid")) {
      SetId(text);
      const std::string* permalink = e.Attribute("isPermaLink");
      guid_is_link_ = permalink == nullptr || Lower(TrimXmlSpace(*permalink)) != "false";
    } else if (!rss && IsMain(e, "id")) {
      SetId(text);
    } else if ((rss && IsMain(e, "pubDate")) || IsAtom(e, "published")) {
      SetDate(text, DateRank::kPublished);
    } else if (e.Is(kDcNs, "dc", "date")) {
      SetDate(text, DateRank::kDcDate);
    } else if (IsAtom(e, "updated")) {
      SetDate(text, DateRank::kUpdated);
    } else if (e.Is(kWfwNs, "wfw", "commentRss") || e.Is(kWfwNs, "wfw", "commentRSS")) {
      SetLink(text, &item_.comment_feed_url);
    } else if (e.Is(kSlashNs, "slash", "comments") || e.Is(kThrNs, "thr", "total")) {
      SetCount(text, CountRank::kElement);
    }
  }

  void SetId(std::string_view id) {
    id = TrimXmlSpace(id);
    if (id.size() <= kMaxFieldBytes) item_.id = id;
  }

  void SetDate(std::string_view date, DateRank rank) {
    date = TrimXmlSpace(date);
    if (rank <= date_rank_ || date.empty() || date.size() > kMaxFieldBytes) return;
    item_.published = date;
    date_rank_ = rank;
  }

  void SetCount(std::string_view value, CountRank rank) {
    std::optional<int> count = ParseCount(value);
    if (rank <= count_rank_ || !count.has_value()) return;
    item_.comment_count = count;
    count_rank_ = rank;
  }

  Feed* out_;
  bool is_feed_ = false;
  std::string main_ns_;  // the namespace of the feed's own elements ("" for RSS 2.0)
  std::vector<Base> bases_;
  int channel_depth_ = -1;
  int item_depth_ = -1;  // >= 0 while inside an item / entry
  FeedItem item_;
  DateRank date_rank_ = DateRank::kNone;
  CountRank count_rank_ = CountRank::kNone;
  bool guid_is_link_ = false;
};

}  // namespace

Status ParseFeed(std::string_view body, std::string_view feed_url, Feed* out) {
  *out = Feed();
  index::Url base;
  Status s = ParseDocumentUrl(feed_url, "feed URL", &base);
  if (!s.ok()) return s;
  std::string_view content = TrimXmlSpace(body.substr(body.starts_with("\xEF\xBB\xBF") ? 3 : 0));
  if (content.empty()) return Status::InvalidArgument("not a feed: the body is empty");
  if (content.front() == '{') {
    return Status::InvalidArgument("not a feed: the body looks like JSON (JSON Feed is not read)");
  }
  FeedHandler handler(base, out);
  XmlOutcome outcome;
  s = ParseXml(body, &handler, &outcome);
  if (!s.ok()) return s;
  if (outcome.root.empty()) {
    std::string why = outcome.first_error.empty() ? "" : " (" + outcome.first_error + ")";
    return Status::InvalidArgument("not a feed: no XML element found" + why);
  }
  if (!handler.is_feed()) {
    *out = Feed();
    return Status::InvalidArgument("not a feed: the root element is " +
                                   text::QuoteForError(outcome.root) +
                                   ", not <rss>, <rdf:RDF> or <feed>");
  }
  if (!outcome.root_closed) out->truncated = true;
  return Status::OK();
}

}  // namespace warcrawl::crawler
