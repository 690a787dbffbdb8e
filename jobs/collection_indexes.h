// The IndexProvider of a service that replays collections while its jobs crawl into them:
// a job's collection, DATA/collections/NAME, is opened and added to the served set the first
// time a run needs it, and every run then shares that one IndexDb with replay (LevelDB
// allows one opener per process).
//
// Thread-safety: the provider may be called from several run threads at once (the set is
// thread-safe, and the scheduler runs one job per collection at a time).
#ifndef WARCRAWL_JOBS_COLLECTION_INDEXES_H_
#define WARCRAWL_JOBS_COLLECTION_INDEXES_H_

#include <string>

#include "jobs/scheduler.h"
#include "replay/collection.h"

namespace warcrawl::jobs {

// A name that is the data directory's own archive (not DATA/collections/NAME) is refused:
// a job must crawl into a collection of its own.
IndexProvider CollectionIndexes(replay::CollectionSet* collections, std::string data_dir);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_COLLECTION_INDEXES_H_
