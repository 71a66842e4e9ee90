// What API callers put in paths and bodies: the first byte picks the reader (instance key from
// :host/:port, page number, bulk-instances JSON list), the rest is the input.
#include "api/apiinput.h"
#include "fuzzinput.h"
#include "util/duration.h"

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray rest = fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0: {
        const QString text = QString::fromUtf8(rest);
        const qsizetype slash = text.indexOf(u'/');
        const auto key = core::ApiInput::key(text.left(slash), slash < 0 ? QString() : text.mid(slash + 1));
        fuzz::require(!key || (key.value().port() >= 1 && key.value().port() <= 65535));
        break;
    }
    case 1: {
        const auto page = core::ApiInput::page(QString::fromUtf8(rest));
        fuzz::require(!page || (page.value() >= 0 && page.value() <= core::ApiInput::kMaxPage));
        break;
    }
    case 2: {
        const auto keys = core::ApiInput::instanceList(rest, 50);
        fuzz::require(!keys || keys.value().size() <= 50);
        break;
    }
    case 3: {
        const auto seconds = core::Duration::parseSeconds(QString::fromUtf8(rest));
        fuzz::require(!seconds || (seconds.value() > 0 && seconds.value() <= core::Duration::kMaxSeconds));
        break;
    }
    }
    return 0;
}
