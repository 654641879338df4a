#include "fake/rules/video_rules.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "core/json_read.hpp"
#include "crypto/digest.hpp"
#include "fake/rules/image_rules.hpp"
#include "media/media_type.hpp"

namespace fbmcp::fake {
namespace {

constexpr const char* kVideoNodeType = "advideo";
constexpr const char* kVideoSession = "upload_session";
constexpr const char* kVideoReadsLeft = "processing_reads_left";
// FBD/video-api/reference/error-codes: 1363022 "The minimum size for a video is 1 KB"; resumable uploads take up to
// 10 GB (FBD/graph-api/video-uploads, "Limitations").
constexpr uint64_t kVideoMinBytes = 1024;
constexpr uint64_t kVideoMaxBytes = 10ull * 1024 * 1024 * 1024;

// Upload errors of FBD/video-api/reference/error-codes. That page lists subcodes (1363037 wrong start offset with
// error_data {start_offset, end_offset}; 1363033 partial chunk, retry; 1363031 not a video; 1363022/1363023 too
// small/large) and names error code 6000 ("There was a problem uploading your video file"); the subcode is what
// Meta's SDK keys on (video_uploader.py checks api_error_subcode() == 1363037), and 6000 is sent with each.
GraphError video_upload_error(int subcode, const std::string& user_msg) {
  GraphError e;
  e.code = 6000;
  e.error_subcode = subcode;
  e.message = "There was a problem uploading your video file. Please try again with another file.";
  e.error_user_title = "Video Upload Error";
  e.error_user_msg = user_msg;
  return e;
}

uint64_t video_json_u64(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number_integer()) return 0;
  return found->is_number_unsigned() ? found->get<uint64_t>() : static_cast<uint64_t>(std::max<int64_t>(found->get<int64_t>(), 0));
}

std::optional<uint64_t> video_offset_param(const ParamMap& params, const std::string& key) {
  const auto text = param(params, key);
  if (!text) return std::nullopt;
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// The session's next expected range, as the answer of start and transfer gives it and as 1363037's error_data does.
nlohmann::json video_next_range(const nlohmann::json& session) {
  const uint64_t received = video_json_u64(session, "received");
  const uint64_t end = std::min(received + video_json_u64(session, "chunk_bytes"), video_json_u64(session, "file_size"));
  return {{"start_offset", std::to_string(received)}, {"end_offset", std::to_string(end)}};
}

GraphError video_wrong_offset(const nlohmann::json& session) {
  auto e = video_upload_error(1363037, "There was a problem uploading your video. Please try uploading it again.");
  const auto range = video_next_range(session);
  // The page's example is error_data:{start_offset:0,end_offset:392695}: numbers.
  e.error_data = {{"start_offset", std::stoull(range["start_offset"].get<std::string>())},
                  {"end_offset", std::stoull(range["end_offset"].get<std::string>())}};
  return e;
}

GraphError not_a_video(const std::string& field) {
  auto e = video_upload_error(1363031, "No Video Detected. It looks like you are uploading a file that is not a video.");
  e.error_data = {{"blame_field_specs", {{field}}}};
  return e;
}

// An upload_session_id that is not an open session of this account. No Meta page documents this answer; code 100
// naming the parameter is the emulator's choice.
GraphError unknown_video_session(const std::string& id) {
  return invalid_param("upload_session_id", "upload_session_id " + id + " is not an open upload session of this ad account");
}

// Seconds of an MP4/MOV from its movie header (ISO/IEC 14496-12 §8.2.2: mvhd v0 has 32-bit times, v1 64-bit),
// when `head` holds the moov box; nullopt when it does not (moov is often at the end of a file).
std::optional<double> mp4_duration_seconds(std::string_view head) {
  const auto u32 = [&](size_t at) {
    return (uint32_t(uint8_t(head[at])) << 24) | (uint32_t(uint8_t(head[at + 1])) << 16) |
           (uint32_t(uint8_t(head[at + 2])) << 8) | uint32_t(uint8_t(head[at + 3]));
  };
  const auto u64 = [&](size_t at) { return (uint64_t(u32(at)) << 32) | u32(at + 4); };
  const auto find_box = [&](size_t begin, size_t end, std::string_view type) -> std::optional<std::pair<size_t, size_t>> {
    for (size_t at = begin; at + 8 <= end;) {
      uint64_t size = u32(at);
      size_t header = 8;
      if (size == 1) {
        if (at + 16 > end) return std::nullopt;
        size = u64(at + 8);
        header = 16;
      } else if (size == 0) {
        size = end - at;
      }
      if (size < header || size > end - at) return std::nullopt;
      if (head.substr(at + 4, 4) == type) return std::pair{at + header, at + static_cast<size_t>(size)};
      at += static_cast<size_t>(size);
    }
    return std::nullopt;
  };
  const auto moov = find_box(0, head.size(), "moov");
  if (!moov) return std::nullopt;
  const auto mvhd = find_box(moov->first, moov->second, "mvhd");
  if (!mvhd) return std::nullopt;
  const size_t at = mvhd->first;
  const bool v1 = at < mvhd->second && head[at] == 1;
  const size_t timescale_at = at + (v1 ? 20 : 12);
  if (timescale_at + (v1 ? 12 : 8) > mvhd->second) return std::nullopt;
  const uint32_t timescale = u32(timescale_at);
  const uint64_t duration = v1 ? u64(timescale_at + 4) : u32(timescale_at + 4);
  if (timescale == 0) return std::nullopt;
  return static_cast<double>(duration) / timescale;
}

std::optional<std::string> video_file_part(const ParamMap& params, const std::string& name) {
  const auto found = params.find(std::string(kFilePartPrefix) + name);
  if (found == params.end()) return std::nullopt;
  return found->second;
}

nlohmann::json new_video_node(const WriteContext& ctx, const Node& account, const ParamMap& params) {
  nlohmann::json video = {{"account_id", account.data.value("account_id", "")},
                          {"created_time", ctx.now},
                          {"updated_time", ctx.now},
                          {"status", {{"video_status", "processing"}, {"processing_progress", 0}}}};
  for (const char* key : {"title", "name", "description"}) {
    if (auto value = param(params, key)) video[key] = *value;
  }
  return video;
}

// What a finished upload of `head` (its first bytes) and `size` bytes looks like while Meta processes it.
void finish_video(nlohmann::json& video, std::string_view head, uint64_t size) {
  video["status"] = {{"video_status", "processing"}, {"processing_progress", 0}};
  video[kVideoReadsLeft] = 1;
  video["file_size"] = size;
  if (const auto seconds = mp4_duration_seconds(head)) video["length"] = *seconds;
}

std::optional<GraphError> check_video_bytes(std::string_view head, uint64_t size, const std::string& field) {
  if (size < kVideoMinBytes) {
    return video_upload_error(1363022, "The video you tried to upload is too small. The minimum size for a video is 1 KB.");
  }
  const auto type = media::sniff(head);
  if (type != media::MediaType::Mp4 && type != media::MediaType::Mov) return not_a_video(field);
  return std::nullopt;
}

Node* find_video_session(WriteContext& ctx, const Node& account, const std::string& session_id) {
  const std::string account_id = account.data.value("account_id", "");
  auto found = ctx.store.select_mutable(kVideoNodeType, [&](const Node& n) {
    const auto session = n.data.find(kVideoSession);
    return n.data.value("account_id", "") == account_id && session != n.data.end() &&
           core::string_or_empty(*session, "id") == session_id;
  });
  return found.empty() ? nullptr : found.front();
}

WriteResult start_video_session(WriteContext& ctx, const Node& account, const ParamMap& params) {
  if (!param(params, "file_size")) return std::unexpected(missing_param("file_size"));
  const auto size = video_offset_param(params, "file_size");
  if (!size) return std::unexpected(invalid_param("file_size", "file_size must be the video's size in bytes"));
  if (*size < kVideoMinBytes) {
    return std::unexpected(
        video_upload_error(1363022, "The video you tried to upload is too small. The minimum size for a video is 1 KB."));
  }
  if (*size > kVideoMaxBytes) {
    return std::unexpected(video_upload_error(1363023, "The video you tried to upload is too large."));
  }
  auto video = new_video_node(ctx, account, params);
  const std::string video_id = ctx.store.allocate_id();
  const std::string session_id = ctx.store.allocate_id();
  video["id"] = video_id;
  video[kVideoSession] = {{"id", session_id},
                          {"file_size", *size},
                          {"chunk_bytes", emulator_video_chunk_bytes(static_cast<size_t>(*size))},
                          {"received", 0},
                          {"sha256_chain", ""},
                          {"transfer_offsets", nlohmann::json::array()},
                          {"finished", false}};
  auto answer = video_next_range(video[kVideoSession]);
  ctx.store.insert(kVideoNodeType, std::move(video));
  // FBD/graph-api/video-uploads, start phase sample: ids as strings; PSDK video_uploader.py int()s the offsets.
  answer["video_id"] = video_id;
  answer["upload_session_id"] = session_id;
  return answer;
}

WriteResult transfer_video_chunk(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto session_id = param(params, "upload_session_id");
  if (!session_id) return std::unexpected(missing_param("upload_session_id"));
  Node* video = find_video_session(ctx, account, *session_id);
  if (!video || video->data[kVideoSession].value("finished", false)) {
    return std::unexpected(unknown_video_session(*session_id));
  }
  auto& session = video->data[kVideoSession];
  const auto chunk = video_file_part(params, "video_file_chunk");
  if (!chunk) return std::unexpected(missing_param("video_file_chunk"));
  if (!param(params, "start_offset")) return std::unexpected(missing_param("start_offset"));
  const auto start = video_offset_param(params, "start_offset");
  if (!start) return std::unexpected(invalid_param("start_offset", "start_offset must be a byte offset"));
  session["transfer_offsets"].push_back(*start);
  const uint64_t received = video_json_u64(session, "received");
  const std::string chunk_digest = crypto::sha256_hex(*chunk);
  // The chunk just acknowledged, sent again (its answer was lost on the way): answered again, counted once. Meta's
  // SDK re-sends a chunk on a transient error at the same start_offset (video_uploader.py).
  if (session.contains("last_start") && video_json_u64(session, "last_start") == *start &&
      core::string_or_empty(session, "last_sha256") == chunk_digest && received > *start) {
    return video_next_range(session);
  }
  if (*start != received) return std::unexpected(video_wrong_offset(session));
  const uint64_t file_size = video_json_u64(session, "file_size");
  const uint64_t expected = std::min(video_json_u64(session, "chunk_bytes"), file_size - received);
  if (chunk->size() != expected) {
    // "Typically caused by connection issue, which causes server to receive partial file. Need to retry."
    auto e = video_upload_error(1363033, "There was a problem uploading your video. Please try uploading it again.");
    e.message += " (video_file_chunk holds " + std::to_string(chunk->size()) + " bytes; this session expects " +
                 std::to_string(expected) + " from start_offset " + std::to_string(received) + ")";
    return std::unexpected(e);
  }
  if (received == 0) {
    if (auto refused = check_video_bytes(*chunk, file_size, "video_file_chunk")) return std::unexpected(*refused);
    if (const auto seconds = mp4_duration_seconds(*chunk)) video->data["length"] = *seconds;
  }
  session["received"] = received + chunk->size();
  session["sha256_chain"] = crypto::sha256_hex(core::string_or_empty(session, "sha256_chain") + chunk_digest);
  session["last_start"] = *start;
  session["last_sha256"] = chunk_digest;
  video->data["updated_time"] = ctx.now;
  return video_next_range(session);
}

WriteResult finish_video_session(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto session_id = param(params, "upload_session_id");
  if (!session_id) return std::unexpected(missing_param("upload_session_id"));
  Node* video = find_video_session(ctx, account, *session_id);
  if (!video) return std::unexpected(unknown_video_session(*session_id));
  auto& session = video->data[kVideoSession];
  // Finishing twice (the first answer lost) finishes once.
  if (session.value("finished", false)) return nlohmann::json{{"success", true}};
  const uint64_t received = video_json_u64(session, "received");
  const uint64_t file_size = video_json_u64(session, "file_size");
  if (received != file_size) {
    // No Meta page documents finishing early; code 100 naming upload_phase, with where to go on, is the emulator's.
    auto e = invalid_param("upload_phase", "the upload is not complete: " + std::to_string(received) + " of " +
                                               std::to_string(file_size) + " bytes received");
    e.error_data["start_offset"] = received;
    return std::unexpected(e);
  }
  session["finished"] = true;
  const auto length = video->data.find("length");
  const std::optional<double> seconds =
      length != video->data.end() && length->is_number() ? std::optional(length->get<double>()) : std::nullopt;
  finish_video(video->data, {}, file_size);
  if (seconds) video->data["length"] = *seconds;
  if (auto title = param(params, "title")) video->data["title"] = *title;
  video->data["updated_time"] = ctx.now;
  return nlohmann::json{{"success", true}};
}

WriteResult single_video_upload(WriteContext& ctx, const Node& account, const ParamMap& params) {
  auto video = new_video_node(ctx, account, params);
  if (const auto source = video_file_part(params, "source")) {
    if (auto refused = check_video_bytes(*source, source->size(), "source")) return std::unexpected(*refused);
    if (source->size() > kVideoMaxBytes) {
      return std::unexpected(video_upload_error(1363023, "The video you tried to upload is too large."));
    }
    if (is_validate_only(params)) return nlohmann::json{{"success", true}};
    finish_video(video, *source, source->size());
    // The bytes are not kept; their digest is, as for a chunked upload.
    video["sha256"] = crypto::sha256_hex(*source);
  } else if (const auto url = param(params, "file_url")) {
    // Graph downloads file_url itself ("within 5 minutes", FBD/graph-api/video-uploads); the emulator has no network,
    // so the video is taken as what the URL names, with no size or length.
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
      return std::unexpected(invalid_param("file_url", "file_url must be an http(s) URL"));
    }
    if (is_validate_only(params)) return nlohmann::json{{"success", true}};
    finish_video(video, {}, 0);
    video.erase("file_size");
    video["file_url"] = *url;
  } else {
    return std::unexpected(video_upload_error(1363020, "No Video Selected. Please select the video you want to upload."));
  }
  const std::string id = ctx.store.allocate_id();
  video["id"] = id;
  ctx.store.insert(kVideoNodeType, std::move(video));
  return nlohmann::json{{"id", id}};
}

}  // namespace

size_t emulator_video_chunk_bytes(size_t file_size) {
  constexpr size_t kMin = 4u << 20;
  constexpr size_t kMax = 128u << 20;
  return std::clamp((file_size + 7) / 8, kMin, kMax);
}

WriteResult upload_ad_video(WriteContext& ctx, const Node& account, const ParamMap& params) {
  const auto phase = param(params, "upload_phase");
  if (!phase) return single_video_upload(ctx, account, params);
  if (*phase == "start") return start_video_session(ctx, account, params);
  if (*phase == "transfer") return transfer_video_chunk(ctx, account, params);
  if (*phase == "finish") return finish_video_session(ctx, account, params);
  // AdVideo.UploadPhase also lists `cancel` (PSDK advideo.py); the emulator does not model it.
  return std::unexpected(invalid_enum("upload_phase", *phase, nlohmann::json::array({"start", "transfer", "finish"})));
}

bool advance_video_processing(Node& node) {
  auto& d = node.data;
  if (node.type != kVideoNodeType || !d.contains(kVideoReadsLeft)) return false;
  const int left = d[kVideoReadsLeft].is_number_integer() ? d[kVideoReadsLeft].get<int>() : 0;
  if (left > 0) {
    d[kVideoReadsLeft] = left - 1;
    d["status"] = {{"video_status", "processing"}, {"processing_progress", 50}};
    return true;
  }
  d.erase(kVideoReadsLeft);
  d["status"] = {{"video_status", "ready"}, {"processing_progress", 100}};
  const std::string id = d.value("id", "");
  d["picture"] = "https://scontent.example.invalid/advideo/" + id + "/picture.jpg";
  return true;
}

std::optional<GraphError> video_ready_for_creative(const WriteContext& ctx, const std::string& account_id,
                                                   const std::string& video_id, const std::string& field) {
  const Node* video = ctx.store.find(video_id);
  if (!video || video->type != kVideoNodeType || video->data.value("account_id", "") != account_id) {
    return invalid_param(field, "", "Video not found",
                         "video_id " + video_id + " is not a video of ad account act_" + account_id +
                             "; list them with GET /act_" + account_id + "/advideos or upload one first.");
  }
  const auto& status = video->data.value("status", nlohmann::json::object());
  const std::string state = status.is_object() ? core::string_or_empty(status, "video_status") : std::string();
  if (state == "ready") return std::nullopt;
  // No Meta page documents the answer for a video still processing; code 100 blaming video_id is the emulator's.
  return invalid_param(field, "", "Video not ready",
                       "video " + video_id + " is " + (state.empty() ? std::string("not uploaded completely") : state) +
                           "; wait until GET /" + video_id + "?fields=status shows video_status ready.");
}

}  // namespace fbmcp::fake
