#include "replay/replies.h"

#include "replay/archive_url.h"

namespace warcrawl::replay {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SafeHref(std::string_view path) {
  // "//host" would leave the replay origin; so would a scheme.
  if (path.empty() || path[0] != '/' || (path.size() > 1 && path[1] == '/')) return "#";
  return EscapeHtml(path);
}

std::string DisplayTimestamp(std::string_view ts) {
  std::string out;
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i == 4 || i == 6) out += '-';
    if (i == 8) out += ' ';
    if (i == 10 || i == 12) out += ':';
    out += ts[i];
  }
  return out;
}

ReplayReply HtmlPageReply(std::string_view title, std::string_view body_html) {
  ReplayReply reply;
  reply.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  reply.body.reserve(body_html.size() + 512);
  reply.body += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  reply.body += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  reply.body += "<title>" + EscapeHtml(title) + " · warcrawl</title>";
  reply.body += "<link rel=\"stylesheet\" href=\"/_static/browse.css\"></head>\n<body>";
  reply.body += "<header class=\"top\"><a class=\"brand\" href=\"/\">warcrawl</a></header>\n";
  reply.body += "<main>";
  reply.body += body_html;
  reply.body += "</main>\n</body></html>\n";
  return reply;
}

ReplayReply ErrorReply(int status, std::string_view title, std::string_view message) {
  ReplayReply reply =
      HtmlPageReply(title, "<h1>" + EscapeHtml(title) + "</h1>\n<p class=\"error\">" +
                               EscapeHtml(message) + "</p>\n");
  reply.status = status;
  return reply;
}

ReplayReply RedirectReply(std::string_view location, int status) {
  ReplayReply reply;
  reply.status = status;
  reply.headers.emplace_back("Location", EncodeUnsafeUrlBytes(location));
  reply.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  reply.body = "<a href=\"" + SafeHref(location) + "\">" + EscapeHtml(location) + "</a>\n";
  return reply;
}

}  // namespace warcrawl::replay
