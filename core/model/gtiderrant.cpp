#include "model/gtiderrant.h"

#include "model/mariadbgtidlist.h"
#include "model/mysqlgtidset.h"

namespace arbor::core {

QString GtidErrant::of(const Instance &replica, const Instance &source)
{
    if (!replica.isReplica() || replica.sourceKey() != source.key || replica.flavour != source.flavour)
        return {};
    if (replica.flavour == Flavour::MariaDB) {
        // A replica without its own binary log has no GTIDs of its own to be errant.
        if (!replica.logBin || replica.gtidBinlogPos.isEmpty())
            return {};
        const auto mine = MariadbGtidList::parse(replica.gtidBinlogPos);
        const auto theirs = MariadbGtidList::parse(source.gtidBinlogPos);
        if (!mine.ok() || !theirs.ok())
            return {};
        // Entries with the source's server id came from it (the source may simply have been polled
        // before its latest writes reached the replica): only other servers' entries can be errant.
        MariadbGtidList errant;
        for (const MariadbGtidList::Entry &e : mine->subtract(theirs.value()).entries()) {
            if (qint64(e.serverId) != source.serverId)
                errant.setEntry(e);
        }
        return errant.toString();
    }
    if (replica.executedGtidSet.isEmpty())
        return {};
    const auto mine = MysqlGtidSet::parse(replica.executedGtidSet);
    const auto theirs = MysqlGtidSet::parse(source.executedGtidSet);
    if (!mine.ok() || !theirs.ok())
        return {};
    // As orchestrator does: the source's own UUID is left out, since its newest transactions may
    // reach the replica after the source was polled; they are not errant.
    const QString sourceUuid = (replica.replication->sourceUuid.isEmpty() ? source.serverUuid
                                                                          : replica.replication->sourceUuid).toLower();
    MysqlGtidSet known = theirs.value();
    if (!sourceUuid.isEmpty())
        known.addInterval(sourceUuid, QString(), 1, MysqlGtidSet::maxTransactionNumber());
    return mine->subtract(known).toString();
}

} // namespace arbor::core
