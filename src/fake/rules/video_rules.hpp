// Ad videos: POST /act_<id>/advideos — one request with the file as a multipart `source` part (or a `file_url`), or
// Graph's resumable upload: upload_phase=start (+file_size) → {video_id, upload_session_id, start_offset,
// end_offset}; upload_phase=transfer (+upload_session_id, start_offset, a `video_file_chunk` part) answered with the
// next offsets until start_offset == end_offset; upload_phase=finish (+upload_session_id, title)
// (facebook-python-business-sdk video_uploader.py; FBD/graph-api/video-uploads). A finished video is `processing`
// and becomes `ready` on a later read of its node (AdVideo.status = {video_status, processing_progress}).
//
// The emulator never keeps a video's bytes: a session holds the size received and a running SHA-256 over the
// chunks, so a 1 GB upload costs one chunk of memory at a time.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "fake/write_context.hpp"

namespace fbmcp::fake {

// POST /act_<id>/advideos, every form of it. `chunk_bytes` is how much each transfer asks for (Graph picks its own
// chunk size per session; clients must follow the offsets it answers).
WriteResult upload_ad_video(WriteContext& ctx, const Node& account, const ParamMap& params);

// Called on each direct read (GET /<video id>): a finished video moves processing → ready over reads, so tests see
// both states deterministically. True when the node changed.
bool advance_video_processing(Node& node);

// The check create_creative's video_data.video_id needs: nullopt when `video_id` is a video of the account and
// ready, else the Graph error to answer (blaming `field`).
std::optional<GraphError> video_ready_for_creative(const WriteContext& ctx, const std::string& account_id,
                                                   const std::string& video_id, const std::string& field);

// The chunk size the emulator asks for: an eighth of the file, between 4 MiB and 128 MiB, so a 1 GiB upload takes
// 8 transfers and a 30 MB one 8 as well.
size_t emulator_video_chunk_bytes(size_t file_size);

}  // namespace fbmcp::fake
