#include "replay/collection.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/warc_test_files.h"

namespace warcrawl::replay {
namespace {

using warc::testing::TempDir;

void MakeIndex(const std::string& dir) {
  std::unique_ptr<index::IndexDb> db;
  ASSERT_TRUE(index::IndexDb::Open(dir + "/index", &db).ok());
}

TEST(CollectionTest, ADataDirectoryAndItsJobCollectionsAreFound) {
  TempDir data;
  MakeIndex(data.path());
  std::filesystem::create_directories(data.File("collections/blog"));
  MakeIndex(data.File("collections/blog"));
  std::filesystem::create_directories(data.File("collections/empty"));  // no index: skipped
  CollectionSet set;
  ASSERT_TRUE(OpenCollections(data.path(), "main", &set).ok());
  ASSERT_EQ(set.All().size(), 2u);
  EXPECT_EQ(set.All()[0]->name(), "blog");
  EXPECT_EQ(set.All()[1]->name(), "main");
  EXPECT_EQ(set.Find("blog")->data_dir(), data.File("collections/blog"));
  EXPECT_EQ(set.Find("empty"), nullptr);
}

TEST(CollectionTest, NothingToServeOrBadNamesAreErrors) {
  TempDir data;
  CollectionSet set;
  EXPECT_TRUE(OpenCollections(data.path(), "main", &set).IsNotFound());
  std::filesystem::create_directories(data.File("collections/bad name"));
  MakeIndex(data.File("collections/bad name"));
  Status s = OpenCollections(data.path(), "main", &set);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  std::unique_ptr<Collection> c;
  EXPECT_TRUE(Collection::Open("..", data.path(), &c).IsInvalidArgument());
}

TEST(CollectionTest, AnIndexInUseIsNamedAsSuch) {
  TempDir data;
  std::unique_ptr<index::IndexDb> held;
  ASSERT_TRUE(index::IndexDb::Open(data.File("index"), &held).ok());
  std::unique_ptr<Collection> c;
  Status s = Collection::Open("main", data.path(), &c);
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.message().find("in use"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace warcrawl::replay
