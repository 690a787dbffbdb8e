// The fetcher over TLS: a self-signed certificate is accepted by default (an archive keeps
// what a site serves) and refused when the job asks for verified TLS.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "crawler/fetcher.h"
#include "tests/warc_test_files.h"

namespace warcrawl::crawler {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Writes a self-signed certificate for 127.0.0.1 and its key as PEM files.
bool MakeSelfSigned(const std::string& cert_path, const std::string& key_path) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_RSA_gen(2048));
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!key || !cert) return false;
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return false;
  std::unique_ptr<std::FILE, FileClose> c(std::fopen(cert_path.c_str(), "w"));
  std::unique_ptr<std::FILE, FileClose> k(std::fopen(key_path.c_str(), "w"));
  return c && k && PEM_write_X509(c.get(), cert.get()) == 1 &&
         PEM_write_PrivateKey(k.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
}

FetchResult FetchOnce(FetchRequest request) {
  std::vector<FetchResult> done;
  Fetcher fetcher([&](FetchResult&& r) { done.push_back(std::move(r)); });
  EXPECT_TRUE(fetcher.Start(request).ok());
  while (done.empty()) EXPECT_TRUE(fetcher.Poll(std::chrono::milliseconds(100)).ok());
  return std::move(done.front());
}

TEST(FetcherTlsTest, SelfSignedIsArchivedUnlessVerificationIsAsked) {
  warc::testing::TempDir dir;
  ASSERT_TRUE(MakeSelfSigned(dir.File("cert.pem"), dir.File("key.pem")));
  httplib::SSLServer server(dir.File("cert.pem").c_str(), dir.File("key.pem").c_str());
  ASSERT_TRUE(server.is_valid());
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("secret garden", "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  FetchRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(port) + "/";
  request.user_agent = "warcrawl-test";
  request.accept_encoding = "";
  FetchResult lax = FetchOnce(request);
  EXPECT_TRUE(lax.error.ok()) << lax.error.ToString();
  EXPECT_EQ(lax.response_body, "secret garden");

  request.verify_tls = true;
  FetchResult strict = FetchOnce(request);
  EXPECT_FALSE(strict.has_response());
  EXPECT_EQ(strict.failure, FetchFailure::kConnect) << strict.error.ToString();

  server.stop();
  thread.join();
}

}  // namespace
}  // namespace warcrawl::crawler
