#include "replay/capture_selection.h"

#include <gtest/gtest.h>

namespace warcrawl::replay {
namespace {

index::CaptureEntry At(const std::string& ts) {
  index::CaptureEntry e;
  e.timestamp = ts;
  e.url = "http://example.test/";
  e.status = 200;
  return e;
}

TEST(CaptureSelectionTest, NearestFirstWalksOutFromTheTime) {
  std::vector<index::CaptureEntry> captures = {At("20200101000000"), At("20210101000000"),
                                               At("20220101000000"), At("20230101000000")};
  EXPECT_EQ(NearestFirst(captures, "20211001"), (std::vector<size_t>{2, 1, 3, 0}));
  EXPECT_EQ(NearestFirst(captures, ""), (std::vector<size_t>{3, 2, 1, 0})) << "newest first";
  EXPECT_EQ(NearestFirst(captures, "1990"), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(NearestFirst(captures, "2030"), (std::vector<size_t>{3, 2, 1, 0}));
  // Equally far: the earlier one first.
  std::vector<index::CaptureEntry> two = {At("20200101000000"), At("20200101000010")};
  EXPECT_EQ(NearestFirst(two, "20200101000005"), (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(NearestFirst({}, "2020").empty());
}

TEST(CaptureSelectionTest, SelfRedirectsAreRecognisedInEverySpelling) {
  index::CaptureEntry redirect = At("20200101000000");
  redirect.status = 301;
  redirect.url = "http://example.test/post";
  for (const char* to : {"https://example.test/post", "http://www.example.test/post", "/post/",
                         "https://WWW.Example.test:443/post/", "post"}) {
    redirect.redirect = to;
    EXPECT_TRUE(IsSelfRedirect(redirect, "http://example.test/post")) << to;
  }
  for (const char* to : {"https://example.test/other", "http://example.test/post?x=1",
                         "http://example.test:8080/post", "http://blog.example.test/post"}) {
    redirect.redirect = to;
    EXPECT_FALSE(IsSelfRedirect(redirect, "http://example.test/post")) << to;
  }
  redirect.redirect = "https://example.test/post";
  redirect.status = 200;
  EXPECT_FALSE(IsSelfRedirect(redirect, "http://example.test/post")) << "not a redirect";
}

}  // namespace
}  // namespace warcrawl::replay
