#include "ops/audiences/customer_upload.hpp"

#include <algorithm>
#include <future>
#include <map>

#include "crypto/digest.hpp"

namespace fbmcp::ops {
namespace {

struct BatchSlice {
  size_t begin = 0;
  size_t end = 0;
  int seq = 0;
};

std::string mode_edge(UploadMode mode) { return mode == UploadMode::Replace ? "/usersreplace" : "/users"; }

// One batch's request and its outcome, with Graph's invalid samples mapped to the user's row numbers.
nlohmann::json send_batch(tool::OpContext& ctx, const UploadPlan& plan, const PreparedRows& rows, const BatchSlice& slice,
                          int64_t session_id, bool last) {
  auto data = nlohmann::json::array();
  for (size_t i = slice.begin; i < slice.end; ++i) data.push_back(rows.data[i]);
  graph::Params params{{"payload", {{"schema", rows.schema}, {"data", std::move(data)}}},
                       {"session", {{"session_id", session_id},
                                    {"batch_seq", slice.seq},
                                    {"last_batch_flag", last},
                                    {"estimated_num_total", rows.data.size()}}}};
  const std::string path = plan.audience_id + mode_edge(plan.mode);
  // Adding or removing the same people twice leaves the audience as once (Meta matches people, not rows), so a
  // batch whose answer was lost may be sent again.
  auto answer = plan.mode == UploadMode::Remove ? ctx.graph.del(path, params)
                                                : ctx.graph.post(path, params, graph::Idempotent::Yes);
  nlohmann::json outcome = {{"batch_seq", slice.seq}, {"rows", slice.end - slice.begin}};
  if (!answer) {
    outcome["error"] = {{"message", answer.error().message}, {"hint", answer.error().hint}};
    if (answer.error().graph) outcome["error"]["graph_code"] = answer.error().graph->code;
    return outcome;
  }
  const auto number = [&](const char* key) -> int64_t {
    const auto it = answer->find(key);
    if (it == answer->end()) return 0;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (it->is_string()) return std::atoll(it->get<std::string>().c_str());
    return 0;
  };
  outcome["num_received"] = number("num_received");
  outcome["num_invalid_entries"] = number("num_invalid_entries");
  auto invalid_rows = nlohmann::json::array();
  if (const auto samples = answer->find("invalid_entry_samples"); samples != answer->end() && samples->is_object()) {
    for (const auto& [value, why] : samples->items()) {
      for (size_t i = slice.begin; i < slice.end; ++i) {
        const auto& row = rows.data[i];
        if (std::any_of(row.begin(), row.end(), [&](const auto& v) { return v == value; })) {
          invalid_rows.push_back(rows.row_numbers[i]);
          break;
        }
      }
    }
  }
  outcome["invalid_rows"] = std::move(invalid_rows);
  return outcome;
}

}  // namespace

int64_t upload_session_id(const UploadPlan& plan, const PreparedRows& rows) {
  std::string material = plan.audience_id + "|" + mode_edge(plan.mode) + "|" + std::to_string(static_cast<int>(plan.mode)) +
                         "|" + rows.schema.dump();
  for (const auto& row : rows.data) material += row.dump();
  const std::string digest = crypto::sha256_hex(material);
  return static_cast<int64_t>(std::stoull(digest.substr(0, 15), nullptr, 16));
}

nlohmann::json upload_customer_rows(tool::OpContext& ctx, const UploadPlan& plan, const PreparedRows& rows) {
  const int64_t session_id = upload_session_id(plan, rows);
  std::vector<BatchSlice> slices;
  for (size_t begin = 0; begin < rows.data.size(); begin += plan.rows_per_batch) {
    slices.push_back({begin, std::min(rows.data.size(), begin + plan.rows_per_batch), static_cast<int>(slices.size()) + 1});
  }
  std::vector<nlohmann::json> outcomes(slices.size());
  const size_t before_last = slices.empty() ? 0 : slices.size() - 1;
  size_t done = 0;
  for (size_t wave = 0; wave < before_last && !ctx.is_cancelled(); wave += plan.parallel) {
    std::vector<std::future<nlohmann::json>> inflight;
    const size_t end = std::min(before_last, wave + plan.parallel);
    for (size_t b = wave; b < end; ++b) {
      inflight.push_back(std::async(std::launch::async, [&, b] { return send_batch(ctx, plan, rows, slices[b], session_id, false); }));
    }
    for (size_t b = wave; b < end; ++b) outcomes[b] = inflight[b - wave].get();
    done = end;
    ctx.report("sent " + std::to_string(done) + " of " + std::to_string(slices.size()) + " batches (" +
               std::to_string(slices[end - 1].end) + " of " + std::to_string(rows.data.size()) + " rows)");
  }
  bool cancelled = false;
  if (!slices.empty()) {
    if (ctx.is_cancelled()) {
      cancelled = true;
    } else {
      // Earlier batches that failed leave the session incomplete; the last one still closes it, so Meta applies
      // what did arrive (and the failed batches are named for a retry).
      outcomes.back() = send_batch(ctx, plan, rows, slices.back(), session_id, true);
      ctx.report("sent " + std::to_string(slices.size()) + " of " + std::to_string(slices.size()) + " batches");
    }
  }
  int64_t received = 0, graph_invalid = 0;
  size_t failed = 0;
  auto batches = nlohmann::json::array();
  for (auto& outcome : outcomes) {
    if (outcome.is_null()) continue;
    if (outcome.contains("error")) ++failed;
    received += outcome.value("num_received", int64_t{0});
    graph_invalid += outcome.value("num_invalid_entries", int64_t{0});
    batches.push_back(std::move(outcome));
  }
  nlohmann::json result = {{"session_id", session_id},
                           {"batches_total", slices.size()},
                           {"batches_failed", failed},
                           {"rows_sent", rows.data.size()},
                           {"num_received", received},
                           {"num_invalid_entries", graph_invalid},
                           {"batches", std::move(batches)}};
  if (cancelled) result["cancelled"] = true;
  return result;
}

}  // namespace fbmcp::ops
