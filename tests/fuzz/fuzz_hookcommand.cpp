// A hook line from the config: it parses into an argv or is refused; no argument of an accepted
// line is empty-by-accident, and expanding placeholders with hostile values keeps an argv line's length.
#include "fuzzinput.h"
#include "core/recovery/hookcommand.h"

#include <QHash>

using namespace arbor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto hook = core::HookCommand::parse(fuzz::text(data, size));
    if (hook) {
        fuzz::require(!hook.value().argv().isEmpty());
        QHash<QString, QString> values;
        for (const QString &name : core::HookCommand::placeholderNames())
            values.insert(name, QStringLiteral("x; rm -rf / $(id) `id` \" ' {failedHost}"));
        // An argv line keeps its length; a shell line (one /bin/sh -c script, every placeholder one
        // quoted word) is checked by tst_hookrunner's hostile-values test, which runs it.
        if (!hook.value().usesShell())
            fuzz::require(hook.value().expand(values).size() == hook.value().argv().size());
    }
    return 0;
}
