// The service config as an operator (or an orchestrator.conf.json) writes it: any bytes give a
// config or a list of errors, never a crash; the hooks in it go through the hook parser too.
#include "config/serviceconfig.h"
#include "fuzzinput.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto check = core::ServiceConfig::check(fuzz::bytes(data, size), QStringLiteral("fuzz.json"));
    if (check.errors.isEmpty()) {
        fuzz::require(check.config.listenPort >= 1 && check.config.listenPort <= 65535);
        fuzz::require(check.config.maxBodyBytes >= 1024);
    }
    return 0;
}
