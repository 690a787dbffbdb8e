#include "replay/archive_url.h"

#include <gtest/gtest.h>

namespace warcrawl::replay {
namespace {

TEST(ArchiveUrlTest, SpellsPywbUrls) {
  EXPECT_EQ(ArchiveUrl("blog", "20240102030405", "", "http://example.com/a?b=c"),
            "/blog/20240102030405/http://example.com/a?b=c");
  EXPECT_EQ(ArchiveUrl("blog", "2024", kModImage, "https://example.com/x.png"),
            "/blog/2024im_/https://example.com/x.png");
  EXPECT_EQ(CollectionPath("blog"), "/blog/");
}

TEST(ArchiveUrlTest, CollectionNamesCannotEscapeADirectory) {
  EXPECT_TRUE(IsValidCollectionName("my-archive_2.0"));
  EXPECT_TRUE(IsValidCollectionName("A"));
  for (const char* bad :
       {"", "..", "a..b", ".hidden", "-x", "a/b", "a%2fb", "a b", "a\\b", "\xc3\xa9t\xc3\xa9"}) {
    EXPECT_FALSE(IsValidCollectionName(bad)) << bad;
  }
  EXPECT_FALSE(IsValidCollectionName(std::string(65, 'a')));
  EXPECT_TRUE(IsValidCollectionName(std::string(64, 'a')));
}

TEST(ArchiveUrlTest, ModifiersAreTwoLettersAndUnderscore) {
  EXPECT_TRUE(IsValidModifier("id_"));
  EXPECT_TRUE(IsValidModifier(kModFrame));
  for (const char* bad : {"", "id", "ID_", "i_", "idd_", "1d_", "id-"}) {
    EXPECT_FALSE(IsValidModifier(bad)) << bad;
  }
}

}  // namespace
}  // namespace warcrawl::replay
