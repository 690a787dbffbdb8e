#include "index/post_query.h"

#include <optional>
#include <vector>

#include "index/js_text.h"
#include "index/json_query.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

// btoa over the body's bytes, each taken as one Latin-1 character.
std::string Base64Query(std::string_view body) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "__wb_post_data=";
  for (size_t i = 0; i < body.size(); i += 3) {
    uint32_t group = static_cast<uint8_t>(body[i]) << 16;
    if (i + 1 < body.size()) group |= static_cast<uint8_t>(body[i + 1]) << 8;
    if (i + 2 < body.size()) group |= static_cast<uint8_t>(body[i + 2]);
    out.push_back(kAlphabet[group >> 18]);
    out.push_back(kAlphabet[(group >> 12) & 0x3F]);
    out.push_back(i + 1 < body.size() ? kAlphabet[(group >> 6) & 0x3F] : '=');
    out.push_back(i + 2 < body.size() ? kAlphabet[group & 0x3F] : '=');
  }
  return out;
}

bool IsLineEnd(std::string_view s, size_t i) {
  return s[i] == '\n' || s[i] == '\r' || s.substr(i, 3) == "\xE2\x80\xA8" ||
         s.substr(i, 3) == "\xE2\x80\xA9";
}

// warcio.js splits a multipart body with the regular expression /-*BOUNDARY-*/mi. Boundaries
// are literal text here but for '.', which matches any one character but a line end
// (browsers' boundaries use letters, digits and dashes only).
class BoundarySplitter {
 public:
  BoundarySplitter(std::string_view text, std::string_view boundary)
      : s_(text), boundary_(boundary) {}

  // String.prototype.split's algorithm: the boundary is tried at each position in turn.
  std::vector<std::string_view> Split() const {
    std::vector<std::string_view> parts;
    size_t p = 0, q = 0;
    size_t failed = std::string_view::npos;
    while (q < s_.size()) {
      // Dashes before q were tried from where they began: this position cannot match either.
      if (q > 0 && failed + 1 == q && s_[q - 1] == '-') {
        failed = q++;
        continue;
      }
      std::optional<size_t> end = MatchAt(q);
      if (!end) {
        failed = q++;
      } else if (*end == p) {
        ++q;
      } else {
        parts.push_back(s_.substr(p, q - p));
        p = q = *end;
      }
    }
    parts.push_back(s_.substr(p));
    return parts;
  }

 private:
  size_t Dashes(size_t from) const {
    size_t end = from;
    while (end < s_.size() && s_[end] == '-') ++end;
    return end;
  }

  // Where the boundary, matched case-insensitively at `at`, ends.
  std::optional<size_t> LiteralAt(size_t at) const {
    for (char b : boundary_) {
      if (at >= s_.size()) return std::nullopt;
      if (b == '.') {
        if (IsLineEnd(s_, at)) return std::nullopt;
        js::NextCodePoint(s_, &at);
        continue;
      }
      if (warc::text::LowerAscii(b) != warc::text::LowerAscii(s_[at])) return std::nullopt;
      ++at;
    }
    return at;
  }

  // -*BOUNDARY-* at q: the leading dashes give back one at a time, as a greedy star does.
  std::optional<size_t> MatchAt(size_t q) const {
    for (size_t d = Dashes(q);; --d) {
      if (std::optional<size_t> end = LiteralAt(d)) return Dashes(*end);
      if (d == q) return std::nullopt;
    }
  }

  std::string_view s_;
  std::string_view boundary_;
};

// The first name="..." (any case) directly followed by CRLF CRLF, and the line after it.
void AddPart(std::string_view part, js::SearchParams* params) {
  for (size_t at = 0; at + 6 <= part.size(); ++at) {
    if (warc::text::LowerAscii(part.substr(at, 6)) != "name=\"") continue;
    const size_t close = part.find('"', at + 6);
    if (close == std::string_view::npos || close == at + 6) continue;
    if (part.substr(close + 1, 4) != "\r\n\r\n") continue;
    size_t end = close + 5;
    while (end < part.size() && !IsLineEnd(part, end)) ++end;
    params->Set(std::string(part.substr(at + 6, close - at - 6)),
                part.substr(close + 5, end - close - 5));
    return;
  }
}

std::string MultipartQuery(std::string_view text, std::string_view content_type) {
  constexpr std::string_view kBoundary = "boundary=";
  std::string_view boundary = "undefined";  // what JavaScript makes of a missing one
  if (size_t at = content_type.find(kBoundary); at != std::string_view::npos) {
    boundary = content_type.substr(at + kBoundary.size());
    boundary = boundary.substr(0, boundary.find(kBoundary));
  }
  js::SearchParams params;
  for (std::string_view part : BoundarySplitter(text, boundary).Split()) {
    AddPart(js::Trim(part), &params);
  }
  return params.ToString();
}

}  // namespace

std::string PostBodyToQuery(std::string_view content_type, std::string_view body) {
  const std::string_view mime = content_type.substr(0, content_type.find(';'));
  if (mime == "application/x-www-form-urlencoded") return js::DecodeUtf8(body);
  if (mime == "application/json") return JsonToQuery(js::DecodeUtf8(body)).value_or("");
  if (mime == "text/plain") {
    std::optional<std::string> query = JsonToQuery(js::DecodeUtf8(body));
    return query ? *query : Base64Query(body);
  }
  if (mime == "multipart/form-data") return MultipartQuery(js::DecodeUtf8(body), content_type);
  return Base64Query(body);
}

PostLookup PostToGetUrl(std::string_view url, std::string_view method,
                        std::string_view content_type, std::string_view body) {
  PostLookup out;
  out.request_body = PostBodyToQuery(content_type, body);
  if (js::Utf16Length(out.request_body) > kMaxPostQueryLength) {
    out.request_body = js::Utf16Prefix(out.request_body, kMaxPostQueryLength);
  }
  const size_t question = url.find('?');
  out.url = std::string(url) + (question != std::string_view::npos && question > 0 ? "&" : "?");
  out.url += "__wb_method=" + std::string(method) + "&";
  out.url += js::DecodeUri(out.request_body).value_or("");
  return out;
}

}  // namespace warcrawl::index
