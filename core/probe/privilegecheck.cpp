#include "probe/privilegecheck.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QStringList PrivilegeCheck::globalPrivileges(const QStringList &grantLines, bool *all)
{
    *all = false;
    QStringList privileges;
    static const QRegularExpression re(u"^GRANT (.+?) ON \\*\\.\\* TO "_s, QRegularExpression::CaseInsensitiveOption);
    for (const QString &line : grantLines) {
        const auto m = re.match(line);
        if (!m.hasMatch())
            continue;
        for (QString p : m.captured(1).split(u',')) {
            p = p.trimmed().toUpper();
            if (p == u"ALL PRIVILEGES"_s || p == u"ALL"_s)
                *all = true;
            privileges << p;
        }
    }
    return privileges;
}

QString PrivilegeCheck::purpose(const QString &privilege, const Dialect *dialect)
{
    if (dialect && privilege == u"REPLICATION CLIENT"_s)
        return u"%1 and %2"_s.arg(dialect->binlogStatusQuery(), dialect->replicaStatusQuery());
    static const QHash<QString, QString> purposes{
        {u"PROCESS"_s, u"list replica connections in the processlist"_s},
        {u"RELOAD"_s, u"flush logs during refactoring"_s},
        {u"REPLICATION SLAVE"_s, u"read binary logs (and list replicas on older servers)"_s},
        {u"REPLICATION CLIENT"_s, u"SHOW MASTER/SLAVE STATUS"_s},
        {u"BINLOG MONITOR"_s, u"SHOW MASTER STATUS and binary log positions"_s},
        {u"REPLICATION MASTER ADMIN"_s, u"SHOW SLAVE HOSTS (finding replicas)"_s},
        {u"REPLICATION SLAVE ADMIN"_s, u"START/STOP SLAVE and CHANGE MASTER TO (relocation, recovery)"_s},
        {u"SLAVE MONITOR"_s, u"SHOW SLAVE STATUS"_s},
        {u"READ_ONLY ADMIN"_s, u"SET GLOBAL read_only (promotion, demotion)"_s},
        {u"SUPER"_s, u"SET GLOBAL read_only, replica control"_s},
        {u"REPLICATION_SLAVE_ADMIN"_s, u"START/STOP REPLICA and CHANGE REPLICATION SOURCE TO"_s},
        {u"SYSTEM_VARIABLES_ADMIN"_s, u"SET GLOBAL read_only and super_read_only"_s},
    };
    return purposes.value(privilege, u"topology management"_s);
}

Result<PrivilegeCheck::Report> PrivilegeCheck::run(InstanceProbe &probe)
{
    auto rows = probe.query(u"SHOW GRANTS"_s);
    if (!rows.ok())
        return Result<Report>::failure(rows.error());
    if (!probe.dialect())
        return Result<Report>::failure(u"%1: server flavour unknown"_s.arg(probe.key().toString()));
    QStringList lines;
    for (const QVariantMap &row : rows.value()) {
        if (!row.isEmpty())
            lines << row.first().toString();
    }
    Report report;
    const QStringList granted = globalPrivileges(lines, &report.allPrivileges);
    report.required = probe.dialect()->requiredPrivileges();
    if (!report.allPrivileges) {
        for (const QString &p : report.required) {
            // MariaDB 10.5+ shows REPLICATION CLIENT as BINLOG MONITOR.
            const bool has = granted.contains(p)
                             || (p == u"REPLICATION CLIENT"_s && granted.contains(u"BINLOG MONITOR"_s))
                             || (p == u"BINLOG MONITOR"_s && granted.contains(u"REPLICATION CLIENT"_s));
            if (!has)
                report.missing << p;
        }
    }
    return report;
}

} // namespace arbor::core
