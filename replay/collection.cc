#include "replay/collection.h"

#include <filesystem>
#include <mutex>
#include <system_error>

#include "replay/archive_url.h"

namespace warcrawl::replay {

namespace fs = std::filesystem;

Status Collection::Open(std::string_view name, const std::string& data_dir,
                        std::unique_ptr<Collection>* out) {
  if (!IsValidCollectionName(name)) {
    return Status::InvalidArgument("collection name \"" + std::string(name) +
                                   "\": use 1-64 letters, digits, '.', '_' or '-'");
  }
  const fs::path index_dir = fs::path(data_dir) / "index";
  std::error_code ec;
  if (!fs::is_directory(index_dir, ec)) {
    return Status::NotFound(data_dir + " holds no index (crawl into it or run `warcrawl index`)");
  }
  std::unique_ptr<index::IndexDb> db;
  if (Status s = index::IndexDb::Open(index_dir.string(), &db); !s.ok()) {
    if (s.message().find("lock") != std::string::npos) {
      return Status::IOError(index_dir.string() +
                             " is in use by another process (a crawl still running?)");
    }
    return s;
  }
  *out = std::make_unique<Collection>(std::string(name), data_dir, std::move(db));
  return Status::OK();
}

Status CollectionSet::Add(std::unique_ptr<Collection> collection) {
  const std::string name = collection->name();
  std::unique_lock lock(mu_);
  if (!collections_.emplace(name, std::move(collection)).second) {
    return Status::InvalidArgument("two collections named " + name);
  }
  return Status::OK();
}

std::shared_ptr<const Collection> CollectionSet::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = collections_.find(name);
  return it == collections_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const Collection>> CollectionSet::All() const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<const Collection>> all;
  for (const auto& [name, collection] : collections_) all.push_back(collection);
  return all;
}

bool CollectionSet::empty() const {
  std::shared_lock lock(mu_);
  return collections_.empty();
}

Status OpenCollections(const std::string& data_dir, std::string_view own_name,
                       CollectionSet* collections) {
  std::vector<std::pair<std::string, std::string>> found;  // name, directory
  std::error_code ec;
  if (fs::is_directory(fs::path(data_dir) / "index", ec)) {
    found.emplace_back(std::string(own_name), data_dir);
  }
  const fs::path jobs_root = fs::path(data_dir) / "collections";
  for (const auto& entry : fs::directory_iterator(jobs_root, ec)) {
    if (fs::is_directory(entry.path() / "index", ec)) {
      found.emplace_back(entry.path().filename().string(), entry.path().string());
    }
  }
  if (found.empty()) {
    return Status::NotFound(data_dir + " holds no archive (no index/, no collections/*/index/)");
  }
  for (const auto& [name, directory] : found) {
    std::unique_ptr<Collection> collection;
    if (Status s = Collection::Open(name, directory, &collection); !s.ok()) return s;
    if (Status s = collections->Add(std::move(collection)); !s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace warcrawl::replay
