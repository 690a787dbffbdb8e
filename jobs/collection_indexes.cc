#include "jobs/collection_indexes.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include "jobs/job_runner.h"

namespace warcrawl::jobs {

IndexProvider CollectionIndexes(replay::CollectionSet* collections, std::string data_dir) {
  return [collections, data_dir = std::move(data_dir)](const std::string& name,
                                                       std::shared_ptr<index::IndexDb>* db) {
    const std::string dir = CollectionDir(data_dir, name);
    if (auto found = collections->Find(name)) {
      if (found->data_dir() != dir) {
        return Status::InvalidArgument("collection " + name +
                                       " is the data directory's own archive: give the job "
                                       "another collection name");
      }
      *db = found->shared_db();
      return Status::OK();
    }
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dir) / "index", ec);
    if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
    std::unique_ptr<replay::Collection> collection;
    if (Status s = replay::Collection::Open(name, dir, &collection); !s.ok()) return s;
    *db = collection->shared_db();
    return collections->Add(std::move(collection));
  };
}

}  // namespace warcrawl::jobs
