// Fake mode that lasts across processes (FACEBOOK_FAKE_STATE / --state): the emulator's object store, its id counter
// and its fbtrace counter, kept in one JSON file so `facebook-mcp call create_campaign …` then `call get_campaign …`
// (or a server restarted by its host) continue the same world.
//
// The file: {"format": "facebook-mcp/fake-state/1", "next_id": "<decimal>", "fbtrace_counter": <n>,
//            "objects": [{"type": "campaign", "data": {…Graph fields…}}, …]}
// Only the store is saved; the field and enum model always comes from the fixtures of the running build.
//
// Several processes may share one file. Every request the emulator serves runs under an advisory lock (flock on
// "<file>.lock"): it re-reads the file when another process changed it, applies the request, and saves when the
// world changed (a temp file in the same directory, fsync, rename; mode 0600). Requests are therefore serialized
// across processes and the last writer wins per object. A file that is not ours, or is damaged, is never
// overwritten: opening it fails with a message naming the file and `facebook-mcp fake reset`.
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "fake/object_store.hpp"

namespace fbmcp::fake {

inline constexpr const char* kWorldStateFormat = "facebook-mcp/fake-state/1";

// What the file holds besides the model: the store (objects, me, the next id) and the fbtrace counter, so error
// trace ids keep counting up across processes too.
struct SavedWorld {
  ObjectStore store;
  uint64_t fbtrace_counter = 0;
};

nlohmann::json encode_world_state(const ObjectStore& store, uint64_t fbtrace_counter);
// Never throws. The error (Internal) says what is wrong with the document, e.g. "format is
// \"facebook-mcp/fake-state/7\"; this build reads \"facebook-mcp/fake-state/1\"".
core::Result<SavedWorld> decode_world_state(const nlohmann::json& state);

// One state file, as one process sees it.
class WorldStateFile {
 public:
  explicit WorldStateFile(std::string path);
  ~WorldStateFile();
  WorldStateFile(const WorldStateFile&) = delete;
  WorldStateFile& operator=(const WorldStateFile&) = delete;

  const std::string& path() const { return path_; }

  // Holds the advisory lock for one request: sync() → apply → save().
  class Session {
   public:
    Session(Session&& other) noexcept;
    Session& operator=(Session&&) = delete;
    ~Session();

    // Brings the world up to date with the file: replaces it when another process saved since this one last read
    // or wrote, or with `seed` when the file was deleted (`fake reset`) after this process had used it. A file
    // that is absent from the start leaves the world as it is.
    core::Result<void> sync(ObjectStore& store, uint64_t& fbtrace_counter, const ObjectStore& seed);
    // Writes `world` atomically; the file is created when absent.
    core::Result<void> save(const ObjectStore& store, uint64_t fbtrace_counter);

   private:
    friend class WorldStateFile;
    Session(WorldStateFile& file, int lock_fd) : file_(&file), lock_fd_(lock_fd) {}
    WorldStateFile* file_;
    int lock_fd_;
  };

  // Waits (bounded: a few seconds) for the lock; fails when another process holds it longer, or when the lock file
  // cannot be created.
  core::Result<Session> lock();

 private:
  std::string path_;
  bool seen_ = false;      // this process has read or written the file at least once
  std::string last_text_;  // the file's content as this process last read or wrote it
};

// The message and hint every refusal carries: names the file and how to start over.
core::Error state_file_error(const std::string& path, const std::string& problem);

// `facebook-mcp fake reset`: deletes the state file (under its lock) so the next run seeds from the fixtures.
// true = a file was deleted, false = there was none.
core::Result<bool> reset_world_state(const std::string& path);

}  // namespace fbmcp::fake
