// Opening a SQLite file that holds a user's data (webhook events, deletion records, cached answers, the change
// journal, client pages): its directory 0700 and the file 0600 from the moment it exists, so no other local user can
// read what Meta sent about this user.
#pragma once
#include <sqlite3.h>

#include <string>

#include "core/error.hpp"

namespace fbmcp::store {

// `path` is a file or ":memory:". The caller owns the handle (sqlite3_close). `own_directory` = false leaves the
// directory's mode alone: a file kept beside one the user named (fake mode's journal next to its --state file, which
// may sit in /tmp) must not make that directory private.
core::Result<sqlite3*> open_private_sqlite(const std::string& path, bool own_directory = true);

// The same, then `schema` (CREATE … IF NOT EXISTS statements) run on it; when that fails the handle is closed and
// the error names `store_name` ("the response cache") and the file.
core::Result<sqlite3*> open_private_sqlite(const std::string& path, const char* schema, const std::string& store_name,
                                           bool own_directory = true);

}  // namespace fbmcp::store
