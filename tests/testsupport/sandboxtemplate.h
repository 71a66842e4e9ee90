#pragma once

#include "util/result.h"

#include <QString>

namespace arbor::testsupport {

// The datadir every sandbox server is copied from: built once per MariaDB version in a shared cache
// ($ARBOR_SANDBOX_CACHE or /tmp/arbor-sandbox-cache-<uid>/<version>), with the users already in it.
// Several processes may ask at once: a file lock serialises the build and a rename publishes it.
class SandboxTemplate
{
public:
    static constexpr QLatin1String topologyUser{"arbor"};
    static constexpr QLatin1String topologyPassword{"arbor-sandbox"};
    static constexpr QLatin1String replicationUser{"repl"};
    static constexpr QLatin1String replicationPassword{"repl-sandbox"};

    // Path of the ready template datadir, building it first if needed.
    static core::Result<QString> ensure();
    static QString cacheDirectory();

private:
    static core::Result<void> build(const QString &workDir, const QString &dataDir);
};

} // namespace arbor::testsupport
