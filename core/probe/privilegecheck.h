#pragma once

#include "probe/instanceprobe.h"

#include <QStringList>

namespace arbor::core {

// What Arbor's user may do on one server compared with what it needs there (per flavour and
// version, Dialect::requiredPrivileges), with the reason each privilege is needed.
class PrivilegeCheck
{
public:
    struct Report
    {
        QStringList required;
        QStringList missing;
        bool allPrivileges = false; // GRANT ALL ON *.*
    };

    static Result<Report> run(InstanceProbe &probe);
    // Parses the global privileges from SHOW GRANTS lines (those "ON *.*").
    static QStringList globalPrivileges(const QStringList &grantLines, bool *all);
    // @p dialect, when known, words the statements as that server does (SHOW REPLICA STATUS on MySQL 8.0.22+).
    static QString purpose(const QString &privilege, const Dialect *dialect = nullptr);
};

} // namespace arbor::core
