#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/settings.hpp"

using namespace fbmcp;

namespace {

// Sets an environment variable for one scope, restoring what was there.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) setenv(name.c_str(), value, 1);
    else unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    if (old) setenv(name.c_str(), old->c_str(), 1);
    else unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("an unexpanded ${VAR} from the host is refused, naming the variable", "[settings]") {
  ScopedEnv token("FACEBOOK_ACCESS_TOKEN", "${FACEBOOK_ACCESS_TOKEN}");
  ScopedEnv mode("FACEBOOK_MODE", nullptr);
  const auto settings = core::load_settings(false);
  CHECK(settings.settings_error.find("FACEBOOK_ACCESS_TOKEN holds an unexpanded placeholder") != std::string::npos);
  CHECK(settings.settings_error.find("${FACEBOOK_ACCESS_TOKEN:-}") != std::string::npos);
}

TEST_CASE("an empty token from ${VAR:-} means fake mode, and a real one live mode", "[settings]") {
  ScopedEnv mode("FACEBOOK_MODE", nullptr);
  {
    ScopedEnv token("FACEBOOK_ACCESS_TOKEN", "");
    const auto settings = core::load_settings(false);
    CHECK(settings.settings_error.empty());
    CHECK(settings.mode == core::Mode::Fake);
  }
  ScopedEnv token("FACEBOOK_ACCESS_TOKEN", "EAAG-settings-test-token");
  CHECK(core::load_settings(false).mode == core::Mode::Live);
  ScopedEnv secret("FACEBOOK_APP_SECRET", "${FACEBOOK_APP_SECRET}");
  CHECK(core::load_settings(false).settings_error.find("FACEBOOK_APP_SECRET") != std::string::npos);
}

TEST_CASE("FACEBOOK_FAKE_STATE names the fake state file; a placeholder there is refused", "[settings][state]") {
  {
    ScopedEnv state("FACEBOOK_FAKE_STATE", "/tmp/some-world.json");
    CHECK(core::load_settings(true).fake_state == "/tmp/some-world.json");
  }
  {
    ScopedEnv state("FACEBOOK_FAKE_STATE", nullptr);
    CHECK(core::load_settings(true).fake_state.empty());  // nothing is written without it
  }
  ScopedEnv state("FACEBOOK_FAKE_STATE", "${FACEBOOK_FAKE_STATE}");
  CHECK(core::load_settings(true).settings_error.find("FACEBOOK_FAKE_STATE holds an unexpanded placeholder") !=
        std::string::npos);
}
