// How an op is declared: one OpSpec in the registry plus schemas/ops/<name>.json (DESIGN §2).
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/change_journal.hpp"

namespace fbmcp::tool {

class OpContext;

enum class Effect { Read, Write, Spend, Destructive };
std::string to_string(Effect effect);

// A picture in a result (MCP image content beside the text), e.g. a KPI chart. structuredContent describes it in
// data, so a host that reads only structuredContent still has the numbers behind it.
struct ImageBlock {
  std::string mime_type;  // "image/png"
  std::string bytes;      // raw; base64 only on the wire
};

// What a handler returns; the router wraps it into {ok, op, mode, data, paging?, warnings?} plus a text summary.
struct OpOutput {
  nlohmann::json data;
  std::optional<nlohmann::json> paging;  // {"after": "<cursor>", "has_more": true} when a list was cut
  std::vector<std::string> warnings;
  std::string summary;                   // one or two lines for the text block
  std::vector<std::string> table_columns;  // when data holds a list under "items": columns for the text table
  // Lists: row_cursors[i] continues right after items[i] (GraphClient's ListPage::resume_after), so the router can
  // cut a list at any row to fit the result budget and still hand back the right cursor.
  std::vector<std::string> row_cursors;
  // What to call next ({op, args, why}) when the answer is a step of a longer task (an upload still processing).
  std::optional<nlohmann::json> next;
  std::vector<ImageBlock> images;
  // What a write changed at Meta, described by the op (the shared write paths in ops/common/ fill it): the router
  // journals it once for every op (store/change_journal.hpp). A write op that reached Meta and leaves it unset is
  // a bug the journal contract test catches.
  std::optional<store::ChangeSet> change;
};

// A change that would spend money (activate, raise a budget) or destroy something, described so a human can say
// yes or no to it before anything happens.
struct ChangePreview {
  std::string question;      // "Activate campaign 'Spring Sale' (daily budget 25.00 USD)?"
  nlohmann::json details;    // structured before/after
  // What the change acts on that the args only name (a CSV file's rows, say): the confirmation token binds it too,
  // so a file edited between the preview and the confirmed call is refused, not acted on. Usually empty.
  std::string binding = {};
};

using Handler = std::function<core::Result<OpOutput>(const nlohmann::json& args, OpContext& ctx)>;
// Returns a preview when this particular call needs confirmation, nullopt when it does not.
using ConfirmationCheck =
    std::function<core::Result<std::optional<ChangePreview>>(const nlohmann::json& args, OpContext& ctx)>;

struct OpSpec {
  std::string name;
  std::string family;   // accounts, campaigns, …
  std::string summary;  // one line
  Effect effect = Effect::Read;
  bool idempotent = true;
  Handler handler;
  ConfirmationCheck needs_confirmation;  // required for spend and destructive ops, optional for writes
  // A write whose effect is purely local (storing, choosing or forgetting a token): nothing at Meta changes, so it
  // describes no change and the journal has no row for it. Every other non-read op must describe its change.
  bool local_only = false;
};

}  // namespace fbmcp::tool
