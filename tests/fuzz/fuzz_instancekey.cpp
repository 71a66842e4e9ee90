// host:port as a caller, a config or a server gives it: parse never crashes, and what it accepts
// prints as text that parses back to the same key.
#include "fuzzinput.h"
#include "model/instancekey.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto key = core::InstanceKey::parse(fuzz::text(data, size));
    if (key) {
        fuzz::require(key.value().isValid());
        const auto again = core::InstanceKey::parse(key.value().toString());
        fuzz::require(again.ok() && again.value() == key.value());
        fuzz::require(core::InstanceKey::isValidHost(key.value().host()));
    }
    return 0;
}
