#include "replay/replay_body.h"

#include "replay/archive_url.h"
#include "replay/css_rewriter.h"
#include "replay/html_rewriter.h"
#include "replay/url_rewriter.h"
#include "warc/content_decoder.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

// Decoded bodies beyond this are served as far as they go (a bomb must not take the server).
constexpr size_t kMaxDecoded = size_t{256} << 20;

std::string ContentType(const ArchivedResponse& response) {
  return std::string(response.headers.Get("Content-Type").value_or(""));
}

// UTF-16 and UTF-32 pages are not ASCII-compatible: inserting or rewriting ASCII would
// corrupt them, so they are served as archived.
bool AsciiCompatible(const std::string& content_type, std::string_view body) {
  const std::string lower = warc::text::LowerAscii(content_type);
  if (lower.find("utf-16") != std::string::npos || lower.find("utf-32") != std::string::npos) {
    return false;
  }
  return !(body.starts_with("\xff\xfe") || body.starts_with("\xfe\xff"));
}

bool AcceptsAll(std::string_view accept_encoding, const std::vector<std::string>& codings) {
  const std::string accepted = warc::text::LowerAscii(accept_encoding);
  for (const std::string& coding : codings) {
    if (accepted.find(coding) == std::string::npos) return false;
  }
  return true;
}

std::string CodingList(const std::vector<std::string>& codings) {
  std::string out;
  for (const std::string& c : codings) out += (out.empty() ? "" : ", ") + c;
  return out;
}

void Rewrite(BodyKind kind, const BodyContext& context, const std::string& url, std::string* body,
             ReplayReply* reply) {
  UrlRewriter rewriter(context.collection, context.timestamp, url);
  if (kind == BodyKind::kCss) {
    *body = RewriteCss(*body, rewriter);
    return;
  }
  HtmlRewriteOptions options;
  options.head_insert = context.head_insert;
  options.banner = context.banner;
  std::string rewritten;
  if (Status s = RewriteHtml(*body, &rewriter, options, &rewritten); !s.ok()) {
    reply->headers.emplace_back("X-Archive-Replay-Note", "not rewritten: " + s.message());
    return;
  }
  body->swap(rewritten);
}

}  // namespace

BodyKind ClassifyBody(const ArchivedResponse& response) {
  std::string type = warc::text::LowerAscii(ContentType(response));
  type = std::string(warc::text::TrimBlanks(type.substr(0, type.find(';'))));
  if (type == "text/html" || type == "application/xhtml+xml") return BodyKind::kHtml;
  if (type == "text/css") return BodyKind::kCss;
  if (!type.empty()) return BodyKind::kOther;
  // No type: sniff only the unambiguous HTML openings, as browsers do.
  std::string start = warc::text::LowerAscii(response.entity_body.substr(0, 64));
  std::string_view trimmed = start;
  while (!trimmed.empty() &&
         (trimmed[0] == ' ' || trimmed[0] == '\n' || trimmed[0] == '\r' || trimmed[0] == '\t')) {
    trimmed.remove_prefix(1);
  }
  return trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") ? BodyKind::kHtml
                                                                               : BodyKind::kOther;
}

void PrepareReplayBody(ArchivedResponse* response, const BodyContext& context, ReplayReply* reply) {
  const std::string content_type = ContentType(*response);
  const BodyKind kind = ClassifyBody(*response);  // before the body moves out
  if (!content_type.empty()) reply->headers.emplace_back("Content-Type", content_type);
  std::string& body = reply->body;
  const bool identity = context.modifier == kModIdentity;
  const auto& codings = response->content_codings;
  if (identity && !codings.empty() && AcceptsAll(context.accept_encoding, codings)) {
    reply->headers.emplace_back("Content-Encoding", CodingList(codings));
    body = std::move(response->entity_body);
    return;
  }
  if (codings.empty()) {
    body = std::move(response->entity_body);
  } else if (Status s = warc::DecodeContent(codings, response->entity_body, kMaxDecoded, &body);
             !s.ok()) {
    reply->headers.emplace_back("X-Archive-Replay-Note", "content decoding: " + s.message());
    return;  // served as far as it decoded, unrewritten
  }
  if (identity) return;
  if (kind == BodyKind::kOther || !AsciiCompatible(content_type, body)) return;
  Rewrite(kind, context, response->capture.url, &body, reply);
}

}  // namespace warcrawl::replay
