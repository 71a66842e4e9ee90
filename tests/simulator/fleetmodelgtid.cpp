// The GTID statements of a MySQL session, on the simulated MySQL servers: SET GTID_NEXT with an
// empty BEGIN/COMMIT (how an errant transaction is made known to a master), RESET MASTER / RESET
// BINARY LOGS AND GTIDS, and SET GLOBAL gtid_purged. Numbers as in the MySQL reference manual,
// message texts paraphrased.
#include "fleetmodel.h"

#include "sqltext.h"

namespace arbor::simulator {

using core::MysqlGtidSet;

namespace {

// "SET [SESSION|@@SESSION.|@@]GTID_NEXT = value" -> value; nullopt for other statements.
std::optional<QByteArray> gtidNextValue(const QByteArray &sql, const QByteArray &upper)
{
    if (!upper.startsWith("SET "))
        return std::nullopt;
    QByteArray rest = upper.mid(4).trimmed();
    for (const char *prefix : {"SESSION ", "@@SESSION.", "@@"}) {
        if (rest.startsWith(prefix)) {
            rest = rest.mid(int(qstrlen(prefix))).trimmed();
            break;
        }
    }
    if (!rest.startsWith("GTID_NEXT"))
        return std::nullopt;
    rest = rest.mid(int(qstrlen("GTID_NEXT"))).trimmed();
    if (!rest.startsWith('='))
        return std::nullopt;
    // The value keeps its case from the original text (UUIDs are compared in lower case anyway).
    return sql.mid(sql.size() - rest.size() + 1).trimmed();
}

} // namespace

std::optional<Reply> FleetModel::mysqlGtidStatement(int i, const QByteArray &sql, const QByteArray &upper,
                                                    SessionState &session)
{
    GtidFlow::Server &g = m_gtid.server(i);
    if (const auto value = gtidNextValue(sql, upper)) {
        if (session.inTransaction)
            return Reply::error(1768, "HY000", "The system variable @@SESSION.GTID_NEXT cannot change inside a transaction.");
        const QByteArray text = sqltext::unquote(*value).value_or(*value);
        if (text.toUpper() == "AUTOMATIC") {
            session.gtidNext.clear();
            session.gtidNextSpent = false;
            return Reply::ok();
        }
        const auto one = MysqlGtidSet::parse(QString::fromUtf8(text));
        if (!one.ok() || one->count() != 1 || text.contains(','))
            return Reply::error(1231, "42000", "Variable 'gtid_next' can't be set to the value of '" + text + "'");
        session.gtidNext = text;
        session.gtidNextSpent = false;
        return Reply::ok();
    }
    if (upper == "BEGIN" || upper == "START TRANSACTION") {
        if (!session.gtidNext.isEmpty() && session.gtidNextSpent)
            return Reply::error(1837, "HY000", "When @@SESSION.GTID_NEXT is set to a GTID, it must be set again after a "
                                               "COMMIT or ROLLBACK; it is still '" + session.gtidNext + "'.");
        session.inTransaction = true;
        return Reply::ok();
    }
    if (upper == "COMMIT" || upper == "ROLLBACK") {
        const bool commit = upper == "COMMIT";
        session.inTransaction = false;
        if (session.gtidNext.isEmpty() || session.gtidNextSpent)
            return Reply::ok(); // an empty transaction with automatic GTIDs is not logged
        session.gtidNextSpent = true;
        if (!commit)
            return Reply::ok();
        // An empty transaction under the given GTID: it is in gtid_executed from now on and replicates
        // like any other. One that was executed already is skipped, as MySQL does.
        const auto one = MysqlGtidSet::parse(QString::fromUtf8(session.gtidNext));
        g.executed = g.executed.unite(one.value());
        if (const auto own = one->intervals(g.uuid); !own.isEmpty())
            g.nextOwn = std::max(g.nextOwn, own.last().end + 1);
        return Reply::ok();
    }
    const bool resetMaster = upper == "RESET MASTER";
    const bool resetBinaryLogs = upper == "RESET BINARY LOGS AND GTIDS";
    if (resetMaster || resetBinaryLogs) {
        // 8.4 removed RESET MASTER; RESET BINARY LOGS AND GTIDS came with SHOW BINARY LOG STATUS in 8.2.
        if ((resetMaster && m_flavour.removedSlaveSyntax()) || (resetBinaryLogs && !m_flavour.hasBinaryLogStatus()))
            return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(sql.mid(6)));
        g.executed = MysqlGtidSet();
        g.purged = MysqlGtidSet();
        g.nextOwn = 1;
        return Reply::ok();
    }
    return std::nullopt;
}

Reply FleetModel::mysqlSetGtidPurged(int i, const QByteArray &value)
{
    GtidFlow::Server &g = m_gtid.server(i);
    QByteArray text = sqltext::unquote(value).value_or(value).trimmed();
    // '+set' (MySQL 8.0) adds to gtid_purged and gtid_executed; a plain set needs an empty history.
    const bool add = text.startsWith('+');
    if (add && !m_flavour.atLeast(8, 0, 0))
        return Reply::error(1231, "42000", "Variable 'gtid_purged' can't be set to the value of '" + text + "'");
    if (add)
        text = text.mid(1);
    const auto set = MysqlGtidSet::parse(QString::fromUtf8(text));
    if (!set.ok())
        return Reply::error(1772, "HY000", "Malformed GTID set specification '" + text + "'.");
    if (add && !g.executed.subtract(g.executed.subtract(set.value())).isEmpty())
        return Reply::error(3546, "HY000", "@@GLOBAL.GTID_PURGED cannot be changed: the added gtid set must not overlap "
                                           "with @@GLOBAL.GTID_EXECUTED");
    if (!add && !g.executed.isEmpty())
        return Reply::error(1840, "HY000", "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_EXECUTED is empty.");
    g.purged = g.purged.unite(set.value());
    g.executed = g.executed.unite(set.value());
    if (const auto own = set->intervals(g.uuid); !own.isEmpty())
        g.nextOwn = std::max(g.nextOwn, own.last().end + 1);
    return Reply::ok();
}

} // namespace arbor::simulator
