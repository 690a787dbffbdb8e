// RAII owners for libcurl's C handles (easy, multi, header lists) and the process-wide
// curl_global_init that must precede them. Nothing here knows about crawling.
//
// Thread-safety: the handles follow libcurl's rules (one thread per handle at a time);
// EnsureCurlGlobalInit may be called from any thread.
#ifndef WARCRAWL_CRAWLER_CURL_HANDLES_H_
#define WARCRAWL_CRAWLER_CURL_HANDLES_H_

#include <curl/curl.h>

#include <memory>

namespace warcrawl::crawler {

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init is not thread-safe on every build; a function-local static runs it once.
void EnsureCurlGlobalInit();

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CURL_HANDLES_H_
