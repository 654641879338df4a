#include "graph/curl_transport.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include "core/redact.hpp"
#include "crypto/hmac.hpp"
#include "graph/form_encoding.hpp"

namespace fbmcp::graph {

struct CurlTransport::Exchange {
  std::string url;
  std::string body;
  size_t body_sent = 0;  // how much of `body` the read callback has handed to libcurl
  curl_slist* headers = nullptr;
  curl_mime* mime = nullptr;
  // One per file part: the bytes libcurl reads from (they belong to the request) and how far it got.
  struct FileCursor {
    const std::string* bytes = nullptr;
    size_t at = 0;
    bool may_rewind = false;
  };
  std::vector<FileCursor> file_cursors;
  HttpResponse response;
  Exchange() = default;
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;
  ~Exchange() {
    curl_slist_free_all(headers);
    curl_mime_free(mime);
  }
};

namespace {

size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

// The body of a POST that must not be re-sent, handed to libcurl piece by piece.
size_t read_body(char* buffer, size_t size, size_t count, void* exchange) {
  auto& body = static_cast<CurlTransport::Exchange*>(exchange)->body;
  auto& sent = static_cast<CurlTransport::Exchange*>(exchange)->body_sent;
  const size_t n = std::min(size * count, body.size() - sent);
  body.copy(buffer, n, sent);
  sent += n;
  return n;
}

// libcurl re-sends a request by itself when a reused kept-alive connection dies before any byte of the answer
// arrives (lib/transfer.c, Curl_retry_request: "Connection died, retrying a fresh connect"). The server may have
// acted on the first copy. When body bytes were already sent, that retry first rewinds the body
// (Curl_readrewind): with CURLOPT_POSTFIELDS the rewind is free and the POST goes out twice; with a read callback
// libcurl must call CURLOPT_SEEKFUNCTION, and CURL_SEEKFUNC_FAIL ends the transfer with CURLE_SEND_FAIL_REWIND
// instead (libcurl 7.88 lib/transfer.c; docs: CURLOPT_SEEKFUNCTION(3)). The caller then sees a network failure
// whose outcome is unknown, and reconciles it through the create's idempotency key.
int refuse_rewind(void*, curl_off_t, int) { return CURL_SEEKFUNC_FAIL; }

// A file part's bytes, handed to libcurl without a copy (curl_mime_data would copy a whole video chunk).
size_t read_file_part(char* buffer, size_t size, size_t count, void* cursor) {
  auto& file = *static_cast<CurlTransport::Exchange::FileCursor*>(cursor);
  const size_t n = std::min(size * count, file.bytes->size() - file.at);
  file.bytes->copy(buffer, n, file.at);
  file.at += n;
  return n;
}

// The same rule as refuse_rewind for multipart bodies: libcurl rewinds every part before re-sending a request on its
// own, and a part that cannot seek makes that a CURLE_SEND_FAIL_REWIND (curl_mime_data_cb(3)).
int seek_file_part(void* cursor, curl_off_t offset, int origin) {
  auto& file = *static_cast<CurlTransport::Exchange::FileCursor*>(cursor);
  if (!file.may_rewind || origin != SEEK_SET || offset < 0 || static_cast<size_t>(offset) > file.bytes->size()) {
    return CURL_SEEKFUNC_FAIL;
  }
  file.at = static_cast<size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

// A POST with file parts as multipart/form-data (as Meta's SDKs send video uploads: `files=` in PSDK
// video_uploader.py): every param a text part, then the files.
void attach_multipart(CURL* curl, const GraphRequest& request,
                      const std::vector<std::pair<std::string, std::string>>& items, CurlTransport::Exchange& exchange) {
  exchange.mime = curl_mime_init(curl);
  for (const auto& [key, value] : items) {
    curl_mimepart* part = curl_mime_addpart(exchange.mime);
    curl_mime_name(part, key.c_str());
    curl_mime_data(part, value.data(), value.size());
  }
  exchange.file_cursors.resize(request.files.size());
  for (size_t i = 0; i < request.files.size(); ++i) {
    const auto& file = request.files[i];
    auto& cursor = exchange.file_cursors[i];
    cursor = {&file.bytes, 0, request.may_resend()};
    curl_mimepart* part = curl_mime_addpart(exchange.mime);
    curl_mime_name(part, file.name.c_str());
    curl_mime_filename(part, file.filename.empty() ? "upload" : file.filename.c_str());
    curl_mime_type(part, file.content_type.empty() ? "application/octet-stream" : file.content_type.c_str());
    curl_mime_data_cb(part, static_cast<curl_off_t>(file.bytes.size()), read_file_part, seek_file_part, nullptr,
                      &cursor);
  }
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, exchange.mime);
  // No "Expect: 100-continue" round trip before a large body.
  exchange.headers = curl_slist_append(exchange.headers, "Expect:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, exchange.headers);
}

}  // namespace

std::string appsecret_proof(const std::string& app_secret, const std::string& access_token) {
  return crypto::hmac_sha256_hex(app_secret, access_token);
}

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!options_.app_secret.empty() && !options_.access_token.empty()) {
    appsecret_proof_ = appsecret_proof(options_.app_secret, options_.access_token);
    core::register_secret(appsecret_proof_);
  }
  share_ = curl_share_init();
  curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, lock_share);
  curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, unlock_share);
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlTransport::~CurlTransport() {
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
  curl_share_cleanup(share_);  // closes the pooled connections
}

void CurlTransport::lock_share(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CurlTransport*>(self)->share_locks_[data].lock();
}

void CurlTransport::unlock_share(CURL*, curl_lock_data data, void* self) {
  static_cast<CurlTransport*>(self)->share_locks_[data].unlock();
}

CURL* CurlTransport::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlTransport::release(CURL* handle) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(handle);
}

void CurlTransport::prepare(CURL* curl, const GraphRequest& request, Exchange& exchange) const {
  curl_easy_reset(curl);
  auto items = request.params.items();
  if (!options_.access_token.empty()) items.emplace_back("access_token", options_.access_token);
  if (!appsecret_proof_.empty()) items.emplace_back("appsecret_proof", appsecret_proof_);
  const std::string encoded = form_encode(items);
  const std::string& base = request.host == Host::Video ? options_.video_base_url : options_.base_url;
  exchange.url = base + "/" + options_.api_version + "/" + request.path;
  if (request.method == "POST" && !request.files.empty()) {
    attach_multipart(curl, request, items, exchange);
  } else if (request.method == "POST") {
    exchange.body = encoded;
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    if (request.may_resend()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, exchange.body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(exchange.body.size()));
    } else {
      curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_body);
      curl_easy_setopt(curl, CURLOPT_READDATA, &exchange);
      curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, refuse_rewind);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(exchange.body.size()));
      // A known-size body is sent right after the headers; no "Expect: 100-continue" round trip for large ones.
      exchange.headers = curl_slist_append(exchange.headers, "Expect:");
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, exchange.headers);
    }
  } else if (request.method == "DELETE") {
    // In the body, form-encoded, as Meta's Python SDK sends DELETE params (graph-api-facts.md §1): a removal of
    // 10,000 audience members is ~700 KB, far beyond what a URL may carry.
    exchange.body = encoded;
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, exchange.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(exchange.body.size()));
  } else {
    exchange.url += "?" + encoded;
  }
  curl_easy_setopt(curl, CURLOPT_SHARE, share_);
  curl_easy_setopt(curl, CURLOPT_URL, exchange.url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange.response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange.response.headers);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl supports, gzip included
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
}

core::Result<HttpResponse> CurlTransport::finish(CURL* curl, CURLcode code, Exchange& exchange) {
  if (code == CURLE_SEND_FAIL_REWIND) {
    return core::fail(core::ErrorKind::Network,
                      "outcome unknown: the connection to Graph closed after the request was sent and before any "
                      "answer",
                      "the change may or may not have been applied; read the objects before trying again");
  }
  if (code != CURLE_OK) {
    // curl's messages name no URL, so no token can leak through them; redact anyway.
    const bool timed_out = code == CURLE_OPERATION_TIMEDOUT;
    return core::fail(core::ErrorKind::Network,
                      core::redact(std::string_view(std::string(timed_out ? "Graph did not answer in time: "
                                                                          : "could not reach Graph: ") +
                                                    curl_easy_strerror(code))),
                      "check the network and FACEBOOK_GRAPH_URL; reads are retried automatically");
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  exchange.response.status = static_cast<int>(status);
  return std::move(exchange.response);
}

core::Result<HttpResponse> CurlTransport::send(const GraphRequest& request) {
  CURL* curl = acquire();
  if (!curl) return core::fail(core::ErrorKind::Internal, "libcurl could not start");
  Exchange exchange;
  prepare(curl, request, exchange);
  auto result = finish(curl, curl_easy_perform(curl), exchange);
  release(curl);
  return result;
}

std::vector<core::Result<HttpResponse>> CurlTransport::send_all(const std::vector<GraphRequest>& requests) {
  if (requests.size() <= 1) return Transport::send_all(requests);
  CURLM* multi = curl_multi_init();
  std::vector<CURL*> handles(requests.size());
  std::vector<Exchange> exchanges(requests.size());
  std::vector<std::optional<core::Result<HttpResponse>>> results(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    handles[i] = acquire();
    prepare(handles[i], requests[i], exchanges[i]);
    curl_easy_setopt(handles[i], CURLOPT_PRIVATE, reinterpret_cast<void*>(i));
    curl_multi_add_handle(multi, handles[i]);
  }
  int running = 0;
  do {
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      void* index = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &index);
      const auto i = reinterpret_cast<size_t>(index);
      results[i] = finish(message->easy_handle, message->data.result, exchanges[i]);
    }
    // Each handle carries its own total timeout, so this loop ends when they do.
    if (running > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  } while (running > 0);
  std::vector<core::Result<HttpResponse>> out;
  for (size_t i = 0; i < requests.size(); ++i) {
    curl_multi_remove_handle(multi, handles[i]);
    release(handles[i]);
    out.push_back(results[i] ? std::move(*results[i])
                             : core::Result<HttpResponse>(core::fail(core::ErrorKind::Network, "request did not complete")));
  }
  curl_multi_cleanup(multi);
  return out;
}

}  // namespace fbmcp::graph
