// upload_video: POST /act_<id>/advideos on graph-video.facebook.com (FBD/graph-api/video-uploads: "Videos must be
// published to graph-video.facebook.com"). Up to kSingleRequestBytes in one multipart request with the file as
// `source` (FBD/marketing-api/reference/ad-account/advideos: "source: The video, encoded as form data"); larger
// videos with Graph's resumable upload, as facebook-python-business-sdk video_uploader.py does it:
//   start    upload_phase=start, file_size              → video_id, upload_session_id, start_offset, end_offset
//   transfer upload_phase=transfer, upload_session_id, start_offset, multipart `video_file_chunk` = bytes
//            [start_offset, end_offset) of the file     → the next start_offset, end_offset; until they are equal
//   finish   upload_phase=finish, upload_session_id, title → success
// Chunks are read from the file at the offsets Graph answers, one at a time. A transfer is safe to send again for
// the same start_offset (Meta's SDK does so on transient errors), so a chunk whose answer was lost — network error,
// transient Graph error, 1363033 partial file — is re-sent from the last acknowledged offset, and a 1363037 answer
// moves to the offsets in its error_data (FBD/video-api/reference/error-codes). The start phase is never re-sent:
// it would open a second video.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "core/json_read.hpp"
#include "graph/error_table.hpp"
#include "ops/all_ops.hpp"
#include "ops/videos/video_source.hpp"
#include "ops/videos/videos_ops.hpp"
#include "tool/op_context.hpp"

namespace fbmcp::ops {
namespace {

using tool::OpContext;
using tool::OpOutput;

// One request holds the whole video up to this size. Graph would take up to 1 GB that way (FBD/graph-api/
// video-uploads, "Non-Resumable upload supports video uploads that are up to 1GB"), but a single request cannot be
// resumed and is held in memory: above 20 MB the resumable upload is used.
constexpr uint64_t kSingleRequestBytes = 20ull * 1024 * 1024;
// Re-sends and offset corrections allowed over a whole upload before giving up.
constexpr int kMaxVideoResumes = 8;
// A throttle (code 4, 17, 80004, …) on a chunk is waited out when Meta asks for at most this long.
constexpr int64_t kMaxVideoThrottleWaitSeconds = 15;

std::string video_size_text(uint64_t bytes) {
  char text[32];
  if (bytes < 10 * 1024) {
    std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024ull * 1024) {
    std::snprintf(text, sizeof text, "%llu KB", static_cast<unsigned long long>(bytes / 1024));
  } else if (bytes < 1024ull * 1024 * 1024) {
    std::snprintf(text, sizeof text, "%llu MB", static_cast<unsigned long long>(bytes / (1024 * 1024)));
  } else {
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  }
  return text;
}

// Graph answers offsets as strings ("start_offset":"0"; PSDK int()s them); numbers are taken too.
std::optional<uint64_t> video_offset_of(const nlohmann::json& holder, const char* key) {
  const auto found = holder.is_object() ? holder.find(key) : holder.end();
  if (found == holder.end()) return std::nullopt;
  if (found->is_number_unsigned()) return found->get<uint64_t>();
  if (found->is_number_integer() && found->get<int64_t>() >= 0) return static_cast<uint64_t>(found->get<int64_t>());
  if (!found->is_string()) return std::nullopt;
  const std::string text = found->get<std::string>();
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoull(text);
}

std::string video_text_of(const nlohmann::json& holder, const char* key) {
  const auto found = holder.is_object() ? holder.find(key) : holder.end();
  if (found == holder.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number_integer()) return std::to_string(found->get<int64_t>());
  return {};
}

std::unexpected<core::Error> video_answer_unreadable(const std::string& phase, const nlohmann::json& answer) {
  auto error = core::fail(core::ErrorKind::GraphApi, "Graph's answer to the " + phase + " phase of the video upload "
                                                         "is missing its offsets or ids",
                          "try the upload again; if it repeats, report it with this answer");
  error.error().detail = {{"answer", answer.dump().substr(0, 300)}};
  return error;
}

struct VideoTransfer {
  graph::GraphClient& graph;
  const OpContext& ctx;
  const VideoSource& video;
  std::string path;  // act_<id>/advideos
  std::string session_id;
  int chunks = 0;
  int resumes = 0;
  int corrections = 0;
  uint64_t chunk_bytes = 0;
  std::vector<uint64_t> resumed_at;
};

graph::GraphRequest video_post(const std::string& path, graph::Params params, bool idempotent) {
  graph::GraphRequest request{"POST", path, std::move(params), {}, idempotent};
  request.host = graph::Host::Video;
  return request;
}

std::string video_progress_line(uint64_t done, uint64_t total) {
  const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  return "uploading video: " + std::to_string(percent) + "% (" + video_size_text(done) + " of " +
         video_size_text(total) + ")";
}

// The transfer loop: from the offsets `start` answered until Graph says start == end.
core::Result<void> transfer_chunks(VideoTransfer& t, uint64_t start, uint64_t end) {
  const uint64_t total = t.video.size();
  int failures_in_a_row = 0;
  std::string buffer;  // one chunk's memory, reused for every chunk
  while (start != end) {
    if (t.ctx.is_cancelled()) {
      auto error = core::fail(core::ErrorKind::Internal,
                              "upload_video cancelled at " + video_size_text(start) + " of " + video_size_text(total),
                              "call upload_video again to upload the video from the start");
      error.error().detail = {{"upload_session_id", t.session_id}, {"acknowledged_bytes", start}};
      return std::unexpected(error.error());
    }
    if (end < start || end > total) {
      return core::fail(core::ErrorKind::GraphApi,
                        "Graph asked for bytes " + std::to_string(start) + "-" + std::to_string(end) + " of a " +
                            std::to_string(total) + "-byte video",
                        "try the upload again");
    }
    if (auto read = t.video.read(start, static_cast<size_t>(end - start), buffer); !read) {
      return std::unexpected(read.error());
    }
    if (buffer.size() != end - start) {
      return core::fail(core::ErrorKind::InvalidArgs, t.video.source + " became shorter while it was uploaded",
                        "leave the file unchanged during the upload and try again");
    }
    auto request = video_post(t.path,
                              {{"upload_phase", "transfer"},
                               {"upload_session_id", t.session_id},
                               {"start_offset", std::to_string(start)}},
                              true);
    request.files.push_back({"video_file_chunk", t.video.source_name.empty() ? "video.mp4" : t.video.source_name,
                             "application/octet-stream", std::move(buffer)});
    t.chunk_bytes = std::max(t.chunk_bytes, end - start);
    auto answer = t.graph.send_once(request);
    buffer = std::move(request.files.front().bytes);
    if (answer) {
      const auto next_start = video_offset_of(*answer, "start_offset");
      const auto next_end = video_offset_of(*answer, "end_offset");
      if (!next_start || !next_end) return std::unexpected(video_answer_unreadable("transfer", *answer).error());
      ++t.chunks;
      failures_in_a_row = 0;
      start = *next_start;
      end = *next_end;
      t.ctx.report(video_progress_line(start, total));
      continue;
    }
    const auto& error = answer.error();
    const int subcode = error.graph ? error.graph->error_subcode : 0;
    const bool correction = subcode == 1363037 && error.graph->error_data.is_object() &&
                            video_offset_of(error.graph->error_data, "start_offset") &&
                            video_offset_of(error.graph->error_data, "end_offset");
    // A throttled chunk was not taken; when Meta's wait is short it is waited out, as GraphClient does for reads.
    const auto* wait = error.kind == core::ErrorKind::RateLimited && error.detail.is_object()
                           ? core::find_field(error.detail, "retry_after_seconds")
                           : nullptr;
    const int throttle_wait_s = wait && wait->is_number_integer() && wait->get<int64_t>() >= 0 &&
                                        wait->get<int64_t>() <= kMaxVideoThrottleWaitSeconds
                                    ? static_cast<int>(wait->get<int64_t>())
                                    : -1;
    const bool resend =
        !correction && (graph::is_retryable(error) || subcode == 1363033 || throttle_wait_s >= 0);
    if ((!correction && !resend) || t.resumes + t.corrections >= kMaxVideoResumes) {
      auto stopped = error;
      stopped.message = "the video upload stopped at " + video_size_text(start) + " of " + video_size_text(total) +
                        " (" + std::to_string(t.resumes + t.corrections) + " resume(s) tried): " + error.message;
      if (stopped.hint.empty()) stopped.hint = "call upload_video again to upload the video from the start";
      return std::unexpected(stopped);
    }
    if (correction) {
      // Graph says where it stands; go on from there (PSDK video_uploader.py does the same).
      ++t.corrections;
      start = *video_offset_of(error.graph->error_data, "start_offset");
      end = *video_offset_of(error.graph->error_data, "end_offset");
    } else {
      // The last acknowledged offset is still `start`: the same chunk goes again, after a short pause.
      ++t.resumes;
      t.resumed_at.push_back(start);
      const int pause_ms = throttle_wait_s > 0 ? throttle_wait_s * 1000 : std::min(200 << failures_in_a_row, 5000);
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
      ++failures_in_a_row;
    }
    t.ctx.report("video upload interrupted at " + video_size_text(start) + " (" + error.message + "); resuming");
  }
  return {};
}

struct VideoUploaded {
  std::string id;
  nlohmann::json how;
};

core::Result<VideoUploaded> upload_in_one_request(OpContext& ctx, const VideoSource& video, const std::string& path,
                                                  graph::Params params) {
  std::string bytes;
  if (auto read = video.read(0, static_cast<size_t>(video.size()), bytes); !read) return std::unexpected(read.error());
  ctx.report("uploading video: " + video_size_text(video.size()) + " in one request");
  auto request = video_post(path, std::move(params), false);
  request.files.push_back({"source", video.source_name.empty() ? "video.mp4" : video.source_name,
                           std::string(media::mime_type(video.type)), std::move(bytes)});
  auto answer = ctx.graph.send_once(request);
  if (!answer) return std::unexpected(answer.error());
  const std::string id = video_text_of(*answer, "id");
  if (id.empty()) return std::unexpected(video_answer_unreadable("single-request", *answer).error());
  ctx.report(video_progress_line(video.size(), video.size()));
  return VideoUploaded{id, {{"method", "single_request"}, {"requests", 1}}};
}

core::Result<VideoUploaded> upload_resumable(OpContext& ctx, const VideoSource& video, const std::string& path,
                                             graph::Params finish_params) {
  ctx.report(video_progress_line(0, video.size()));
  auto started = ctx.graph.send_once(
      video_post(path, {{"upload_phase", "start"}, {"file_size", std::to_string(video.size())}}, false));
  if (!started) return std::unexpected(started.error());
  const std::string video_id = video_text_of(*started, "video_id");
  const std::string session_id = video_text_of(*started, "upload_session_id");
  const auto start = video_offset_of(*started, "start_offset");
  const auto end = video_offset_of(*started, "end_offset");
  if (video_id.empty() || session_id.empty() || !start || !end) {
    return std::unexpected(video_answer_unreadable("start", *started).error());
  }
  VideoTransfer transfer{ctx.graph, ctx, video, path, session_id};
  if (auto sent = transfer_chunks(transfer, *start, *end); !sent) {
    auto error = sent.error();
    if (!error.detail.is_object()) error.detail = nlohmann::json::object();
    error.detail["video_id"] = video_id;
    return std::unexpected(error);
  }
  finish_params.set("upload_phase", "finish");
  finish_params.set("upload_session_id", session_id);
  // Finishing is safe to repeat (the same session finishes once), so a lost answer is retried by GraphClient.
  auto finish = video_post(path, std::move(finish_params), true);
  core::Result<nlohmann::json> finished = ctx.graph.send_once(finish);
  for (int attempt = 1; !finished && attempt < 3 && graph::is_retryable(finished.error()); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
    finished = ctx.graph.send_once(finish);
  }
  if (!finished) {
    auto error = finished.error();
    error.message = "the video's bytes were all sent, but finishing the upload failed: " + error.message;
    error.detail = {{"video_id", video_id}};
    return std::unexpected(error);
  }
  nlohmann::json how = {{"method", "resumable"},
                        {"requests", transfer.chunks + transfer.resumes + transfer.corrections + 2},
                        {"chunks", transfer.chunks},
                        {"chunk_bytes", transfer.chunk_bytes},
                        {"resumes", transfer.resumes}};
  if (!transfer.resumed_at.empty()) how["resumed_at_offsets"] = transfer.resumed_at;
  if (transfer.corrections > 0) how["offset_corrections"] = transfer.corrections;
  return VideoUploaded{video_id, how};
}

core::Result<OpOutput> upload_video(const nlohmann::json& args, OpContext& ctx) {
  auto act_id = tool::normalize_account_id(args["ad_account_id"].get<std::string>());
  if (!act_id) return std::unexpected(act_id.error());
  auto video = read_video_source(args);
  if (!video) return std::unexpected(video.error());
  // The account is checked before a byte of the video goes out.
  auto account = ctx.accounts.get(*act_id);
  if (!account) return std::unexpected(account.error());

  const std::string type(media::type_name(video->type));
  const std::string label = video->source_name.empty() ? "the video" : "'" + video->source_name + "'";
  const bool one_request = video->size() <= kSingleRequestBytes;
  const std::string title = args.contains("title") ? args["title"].get<std::string>() : video->source_name;
  nlohmann::json shown = {{"type", type}, {"size_bytes", video->size()}, {"source", video->source}};
  if (!video->source_name.empty()) shown["source_name"] = video->source_name;
  if (!title.empty()) shown["title"] = title;

  OpOutput out;
  if (args.value("dry_run", false)) {
    out.data = {{"dry_run", true},
                {"ad_account_id", *act_id},
                {"video", shown},
                {"upload", {{"method", one_request ? "single_request" : "resumable"}}}};
    out.summary = "Dry run: " + label + (video->type == media::MediaType::Mp4 ? " is an " : " is a ") + type +
                  " video (" + video_size_text(video->size()) +
                  "); it would go to " + *act_id + (one_request ? " in one request" : " in resumable chunks") +
                  ". Nothing was uploaded.";
    return out;
  }

  graph::Params params;
  if (!title.empty()) params.set("title", title);
  if (args.contains("name")) params.set("name", args["name"]);
  const std::string path = *act_id + "/advideos";
  auto uploaded = one_request ? upload_in_one_request(ctx, *video, path, std::move(params))
                              : upload_resumable(ctx, *video, path, std::move(params));
  if (!uploaded) return std::unexpected(uploaded.error());

  nlohmann::json with_id = {{"id", uploaded->id}};
  with_id.update(shown);
  out.data = {{"ad_account_id", *act_id},
              {"video", with_id},
              {"upload", uploaded->how},
              {"status", "processing"}};
  const int resumes = uploaded->how.value("resumes", 0);
  out.change = store::ChangeSet{{store::ChangeItem{"video", uploaded->id, *act_id, "create",
                                                   {{"title", {{"before", nullptr}, {"after", label}}}}}},
                                {uploaded->id}};
  out.summary = "Uploaded " + label + " (" + type + ", " + video_size_text(video->size()) + ") to " + account->name +
                " (" + *act_id + ")" +
                (one_request ? " in one request"
                             : " in " + std::to_string(uploaded->how.value("chunks", 0)) + " chunks" +
                                   (resumes > 0 ? ", resumed " + std::to_string(resumes) + " time(s)" : "")) +
                ": video id " + uploaded->id +
                ". Meta is processing it; get_video shows when it is ready, then use video_id in create_creative.";
  out.next = nlohmann::json{{"op", "get_video"},
                            {"args", {{"video_id", uploaded->id}}},
                            {"why", "the video is processing; a creative can use it once its status is ready"}};
  return out;
}

}  // namespace

void register_upload_video_op(tool::OpRegistry& registry) {
  registry.add({"upload_video", "creatives",
                "Upload an ad video (MP4 or MOV, checked by content) from a file (up to 10 GB, resumable chunks above "
                "20 MB) or an http(s) URL; returns its video id",
                tool::Effect::Write, false, upload_video, {}});
}

}  // namespace fbmcp::ops
