#include "app/token_command.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <iterator>
#include <optional>

#include "core/redact.hpp"
#include "core/text.hpp"
#include "crypto/aead.hpp"
#include "crypto/hmac.hpp"
#include "store/idempotency_store.hpp"
#include "store/store_key.hpp"
#include "store/token_store.hpp"
#include "app/token_store_access.hpp"

namespace fbmcp::app {
namespace {

constexpr const char* kTokenUsage = R"(usage:
  facebook-mcp token add --label NAME     read a token from stdin and store it encrypted under NAME
  facebook-mcp token list [--json]        labels, status, default, user and expiry (never the token)
  facebook-mcp token remove --label NAME  delete a stored token
  facebook-mcp token rotate-key           re-encrypt every stored token under a new key
)";

constexpr const char* kNewKeyVariable = "FACEBOOK_MCP_NEW_KEY";

int fail_with(const std::string& what, const core::Error& error) {
  std::cerr << "facebook-mcp token " << what << ": " << core::redact(error.message) << "\n";
  if (!error.hint.empty()) std::cerr << "  " << core::redact(error.hint) << "\n";
  return 1;
}

struct Parsed {
  std::string action;
  std::optional<std::string> label;
  std::vector<std::string> extra;
};

std::optional<Parsed> parse(const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  Parsed parsed{args[0], std::nullopt, {}};
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--label") {
      if (i + 1 >= args.size()) return std::nullopt;
      parsed.label = args[++i];
    } else if (args[i].rfind("--label=", 0) == 0) {
      parsed.label = args[i].substr(8);
    } else {
      parsed.extra.push_back(args[i]);
    }
  }
  return parsed;
}

// All of stdin, with terminal echo off when stdin is a terminal, so the token is not shown as it is pasted.
std::string read_secret_from_stdin() {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (terminal) {
    std::cerr << "paste the token, then press Enter: " << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string text;
  if (terminal) {
    std::getline(std::cin, text);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  } else {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  const size_t first = text.find_first_not_of(" \t\r\n");
  const size_t last = text.find_last_not_of(" \t\r\n");
  std::string token = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  crypto::wipe(text);
  return token;
}


std::string pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

void print_table(const std::vector<store::TokenInfo>& rows) {
  if (rows.empty()) {
    std::cout << "no stored tokens; add one with: facebook-mcp token add --label NAME < token.txt\n";
    return;
  }
  size_t label_width = 5;
  for (const auto& row : rows) label_width = std::max(label_width, row.label.size());
  std::cout << pad("LABEL", label_width) << "  STATUS   DEFAULT  EXPIRES     USER\n";
  for (const auto& row : rows) {
    std::string user = row.metadata.user_name;
    if (!row.metadata.user_id.empty()) user += (user.empty() ? "" : " ") + ("(" + row.metadata.user_id + ")");
    if (user.empty()) user = "unknown";
    std::cout << pad(row.label, label_width) << "  " << pad(row.status, 7) << "  " << pad(row.is_default ? "yes" : "", 7)
              << "  " << pad(core::utc_day(row.metadata.expires_at, "unknown"), 10) << "  " << user << "\n";
  }
}

int add(const Parsed& parsed, OpenedStore& opened) {
  if (!parsed.label) {
    std::cerr << "facebook-mcp token add: name it with --label NAME\n" << kTokenUsage;
    return 2;
  }
  std::string token = read_secret_from_stdin();
  if (token.empty()) {
    std::cerr << "facebook-mcp token add: no token on stdin, e.g. facebook-mcp token add --label "
              << *parsed.label << " < token.txt\n";
    return 2;
  }
  if (token.find_first_of(" \t\r\n") != std::string::npos) {
    crypto::wipe(token);
    std::cerr << "facebook-mcp token add: stdin holds more than one word; give exactly one token\n";
    return 2;
  }
  core::register_secret(token);
  auto stored = opened.tokens->put(*parsed.label, token, {});
  crypto::wipe(token);
  if (!stored) return fail_with("add", stored.error());
  std::cout << "stored token '" << *parsed.label << "' (encrypted) in " << opened.data_dir << "/tokens.db\n";
  return 0;
}

int list(OpenedStore& opened, bool json_output) {
  auto rows = opened.tokens->list();
  if (!rows) return fail_with("list", rows.error());
  if (json_output) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& row : *rows) items.push_back(store::to_json(row));
    std::cout << nlohmann::json{{"tokens", items}, {"key_matches", opened.tokens->key_matches()}}.dump(2) << "\n";
    return 0;
  }
  print_table(*rows);
  if (!opened.tokens->key_matches()) {
    std::cerr << "facebook-mcp: warning: these tokens were stored with another key (FACEBOOK_MCP_KEY or store.key "
                 "changed?); they cannot be decrypted with the current one\n";
  }
  return 0;
}

int remove(const Parsed& parsed, OpenedStore& opened) {
  if (!parsed.label) {
    std::cerr << "facebook-mcp token remove: name it with --label NAME\n" << kTokenUsage;
    return 2;
  }
  if (auto removed = opened.tokens->remove(*parsed.label); !removed) return fail_with("remove", removed.error());
  std::cout << "removed token '" << *parsed.label << "'\n";
  return 0;
}

// A key file key is replaced by a fresh random one. A key from FACEBOOK_MCP_KEY belongs to whoever set it, so
// the new key comes from FACEBOOK_MCP_NEW_KEY and is never printed.
int rotate_key(OpenedStore& opened) {
  if (opened.key.source == store::KeySource::Environment) {
    const char* variable = std::getenv(kNewKeyVariable);
    if (!variable || !*variable) {
      std::cerr << "facebook-mcp token rotate-key: the key comes from FACEBOOK_MCP_KEY, so the new one must too:\n"
                   "  1. export FACEBOOK_MCP_NEW_KEY=\"$(openssl rand -base64 32)\"\n"
                   "  2. facebook-mcp token rotate-key\n"
                   "  3. set FACEBOOK_MCP_KEY to the value of FACEBOOK_MCP_NEW_KEY wherever it is kept, and unset "
                   "FACEBOOK_MCP_NEW_KEY\n";
      return 2;
    }
    core::register_secret(variable);
    auto new_key = store::decode_key_variable(variable);
    if (!new_key) {
      auto error = new_key.error();
      error.message.replace(0, std::string(store::kKeyVariable).size(), kNewKeyVariable);
      return fail_with("rotate-key", error);
    }
    auto rotated = opened.tokens->rotate_key(*new_key);
    crypto::wipe(*new_key);
    if (!rotated) return fail_with("rotate-key", rotated.error());
    std::cout << "re-encrypted every stored token under FACEBOOK_MCP_NEW_KEY; now set FACEBOOK_MCP_KEY to that "
                 "value and unset FACEBOOK_MCP_NEW_KEY\n";
    return 0;
  }
  // The new key is on disk (store.key.new) before the transaction commits and moved over store.key after it, so
  // no moment exists where the committed tokens have no saved key.
  std::string new_key = crypto::random_bytes(crypto::kAeadKeySize);
  const std::string pending = opened.key.file + ".new";
  auto rotated = opened.tokens->rotate_key(new_key, [&]() { return store::write_key_file(pending, new_key); });
  crypto::wipe(new_key);
  if (!rotated) {
    ::unlink(pending.c_str());
    return fail_with("rotate-key", rotated.error());
  }
  if (::rename(pending.c_str(), opened.key.file.c_str()) != 0) {
    std::cerr << "facebook-mcp token rotate-key: the tokens are re-encrypted but " << pending
              << " could not be renamed to " << opened.key.file << "; rename it by hand (mv " << pending << " "
              << opened.key.file << ")\n";
    return 1;
  }
  std::cout << "re-encrypted every stored token under a new key, saved in " << opened.key.file << "\n";
  return 0;
}

}  // namespace

int token_command(const std::vector<std::string>& args, bool json_output) {
  const auto parsed = parse(args);
  if (!parsed) {
    std::cerr << kTokenUsage;
    return 2;
  }
  const std::string& action = parsed->action;
  if (action != "add" && action != "list" && action != "remove" && action != "rotate-key") {
    std::cerr << "facebook-mcp token: unknown action '" << action << "'\n" << kTokenUsage;
    return 2;
  }
  if (!parsed->extra.empty()) {
    // Anything else on the line may be a pasted token: refuse it without echoing it.
    std::cerr << "facebook-mcp token " << action << ": unexpected argument"
              << (action == "add" ? "; the token is read from stdin, never from the command line (ps and shell "
                                    "history would keep it): facebook-mcp token add --label NAME < token.txt"
                                  : "")
              << "\n";
    return 2;
  }
  auto opened = open_store(store::default_data_dir());
  if (!opened) return fail_with(action, opened.error());
  if (action == "add") return add(*parsed, *opened);
  if (action == "list") return list(*opened, json_output);
  if (action == "remove") return remove(*parsed, *opened);
  return rotate_key(*opened);
}

}  // namespace fbmcp::app
