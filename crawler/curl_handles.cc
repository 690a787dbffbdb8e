#include "crawler/curl_handles.h"

namespace warcrawl::crawler {

void EnsureCurlGlobalInit() {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)init;
}

}  // namespace warcrawl::crawler
