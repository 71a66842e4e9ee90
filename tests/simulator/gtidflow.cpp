#include "gtidflow.h"

#include <cmath>

namespace arbor::simulator {

using core::MysqlGtidSet;

GtidFlow::GtidFlow(int servers, int firstTransactions)
{
    m_servers.resize(size_t(std::max(0, servers)));
    for (int i = 0; i < servers; ++i) {
        Server &s = m_servers[size_t(i)];
        s.uuid = QStringLiteral("3e11fa47-71ca-11ee-8000-%1").arg(i + 1, 12, 16, QLatin1Char('0'));
        s.nextOwn = 1;
        (void)firstTransactions;
    }
}

QByteArray GtidFlow::text(const MysqlGtidSet &set)
{
    // MySQL prints a newline after each comma of a multi-UUID set.
    return set.toString().replace(QLatin1Char(','), QStringLiteral(",\n")).toUtf8();
}

void GtidFlow::inject(int i, qint64 count)
{
    Server &s = server(i);
    if (count <= 0)
        return;
    s.executed.addInterval(s.uuid, QString(), s.nextOwn, s.nextOwn + count - 1);
    s.nextOwn += count;
}

std::vector<int> GtidFlow::advance(int first, int last, const std::vector<Link> &links, double t, int transactionsPerSecond)
{
    std::vector<int> refused;
    const double tps = std::max(1, transactionsPerSecond);
    for (int i = first; i < last; ++i) {
        Server &s = server(i);
        const Link &l = links[size_t(i - first)];
        if (!l.writes) {
            s.writtenUntil = t;
            continue;
        }
        const qint64 n = qint64(std::floor((t - s.writtenUntil) * tps));
        if (n > 0) {
            s.executed.addInterval(s.uuid, QString(), s.nextOwn, s.nextOwn + n - 1);
            s.nextOwn += n;
            s.writtenUntil += double(n) / tps;
        }
    }
    // Trees are shallow; a few passes carry a new transaction from the top to every leaf, and a
    // cycle (co-masters) settles too.
    for (int pass = 0; pass < 8; ++pass) {
        bool changed = false;
        for (int i = first; i < last; ++i) {
            const Link &l = links[size_t(i - first)];
            Server &s = server(i);
            if (l.source < 0) {
                s.ioWasUp = false;
                continue;
            }
            const Server &source = server(l.source);
            if (l.ioUp && !s.ioWasUp && s.autoPosition && s.ioErrno == 0) {
                // The auto-position handshake: the source compares the replica's GTID set with its own.
                const MysqlGtidSet extra = s.executed.subtract(source.executed);
                const MysqlGtidSet lost = source.purged.subtract(s.executed);
                if (extra.uuids().contains(source.uuid)) {
                    s.ioErrno = 1236;
                    s.ioError = "Got fatal error 1236 from source when reading data from binary log: 'The replica has more "
                                "GTIDs than the source has, using the source's SERVER_UUID.'";
                } else if (!lost.isEmpty()) {
                    s.ioErrno = 1236;
                    s.ioError = "Got fatal error 1236 from source when reading data from binary log: 'Cannot replicate "
                                "because the source purged required binary logs. Replicate the missing transactions from "
                                "elsewhere, or provision a new replica from backup. Consider increasing the source's "
                                "binary log expiration period. The GTID set sent by the replica is '"
                                + s.executed.toString().toUtf8() + "', and the missing transactions are '"
                                + lost.toString().toUtf8() + "'.'";
                }
                if (s.ioErrno != 0) {
                    refused.push_back(i);
                    s.ioWasUp = false;
                    continue;
                }
            }
            s.ioWasUp = l.ioUp && s.ioErrno == 0;
            if (s.ioWasUp && !s.retrieved.contains(source.executed)) {
                // The IO thread has received everything the source has (its relay log, in GTIDs).
                s.retrieved = s.retrieved.unite(source.executed);
                changed = true;
            }
            if (!l.sqlUp)
                continue;
            MysqlGtidSet apply = s.retrieved;
            if (s.ioWasUp && l.lagTransactions > 0 && l.top >= 0) {
                // Lag holds back the newest transactions of the tree's writer; with the source gone the
                // SQL thread catches up on its relay log.
                const QString &writer = server(l.top).uuid;
                const auto intervals = apply.intervals(writer);
                if (!intervals.isEmpty()) {
                    const qint64 end = intervals.last().end;
                    MysqlGtidSet newest;
                    newest.addInterval(writer, QString(), std::max<qint64>(1, end - l.lagTransactions + 1), end);
                    apply = apply.subtract(newest);
                }
            }
            if (!s.executed.contains(apply)) {
                s.executed = s.executed.unite(apply);
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return refused;
}

} // namespace arbor::simulator
