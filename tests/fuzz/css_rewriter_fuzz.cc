// Fuzzes the replay's CSS rewriter, and the srcset, refresh and single-URL rewriting that the
// HTML rewriter applies to attribute values, on input of any bytes. The first line is also
// tried as a <base href>. Checked too: CSS stays within its growth budget.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "replay/css_rewriter.h"
#include "replay/url_rewriter.h"

namespace warcrawl::replay {
namespace {

void Rewrite(std::string_view in) {
  UrlRewriter rewriter("coll", "20240102030405", "http://example.com/css/site.css",
                       "http://localhost:8080");
  const std::string css = RewriteCss(in, rewriter);
  if (css.size() > in.size() + 4 * in.size() + (size_t{1} << 20)) std::abort();
  (void)RewriteSrcset(in, rewriter, "im_");
  (void)RewriteRefresh(in, rewriter);
  const std::string_view first_line = in.substr(0, in.find('\n'));
  (void)rewriter.Rewrite(first_line, "cs_");
  rewriter.SetBase(first_line);
  (void)rewriter.base();
  (void)RewriteCss(in, rewriter);
}

}  // namespace
}  // namespace warcrawl::replay

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warcrawl::replay::Rewrite(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
