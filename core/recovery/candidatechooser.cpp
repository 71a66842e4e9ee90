#include "core/recovery/candidatechooser.h"

#include "model/mariadbgtidlist.h"
#include "model/mysqlgtidset.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

int formatLevel(const QString &format)
{
    const QString f = format.toUpper();
    return f == u"STATEMENT"_s ? 0 : f == u"MIXED"_s ? 1 : 2;
}

int versionLevel(const Instance &i)
{
    const ServerVersion v = i.serverVersion();
    return v.major * 100 + v.minor;
}

// The most common value (ties: the lowest), as orchestrator picks the reference version and format.
int mostCommon(const QList<int> &values)
{
    QHash<int, int> counts;
    for (int v : values)
        ++counts[v];
    int best = 0, bestCount = 0;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        if (it.value() > bestCount || (it.value() == bestCount && it.key() < best)) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return best;
}

int compareGtid(const Instance &a, const Instance &b)
{
    if (a.flavour == Flavour::MariaDB && b.flavour == Flavour::MariaDB) {
        const QString ta = a.gtidSlavePos.isEmpty() ? a.executedGtidSet : a.gtidSlavePos;
        const QString tb = b.gtidSlavePos.isEmpty() ? b.executedGtidSet : b.gtidSlavePos;
        const auto pa = MariadbGtidList::parse(ta), pb = MariadbGtidList::parse(tb);
        if (!pa.ok() || !pb.ok())
            return 2;
        switch (pa->compare(*pb)) {
        case MariadbGtidList::Order::Equal: return 0;
        case MariadbGtidList::Order::Ahead: return 1;
        case MariadbGtidList::Order::Behind: return -1;
        case MariadbGtidList::Order::Diverged: return 2;
        }
        return 2;
    }
    if (a.flavour != Flavour::MariaDB && b.flavour != Flavour::MariaDB && !a.executedGtidSet.isEmpty()
        && !b.executedGtidSet.isEmpty()) {
        const auto sa = MysqlGtidSet::parse(a.executedGtidSet), sb = MysqlGtidSet::parse(b.executedGtidSet);
        if (!sa.ok() || !sb.ok())
            return 2;
        const bool aHasB = sa->contains(*sb), bHasA = sb->contains(*sa);
        return aHasB && bHasA ? 0 : aHasB ? 1 : bHasA ? -1 : 2;
    }
    return 2;
}

} // namespace

bool CandidateChooser::isConnectionError(int ioErrno)
{
    // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST, ER_NET_READ_ERROR,
    // ER_NET_READ_INTERRUPTED, ER_SERVER_SHUTDOWN, ER_CON_COUNT_ERROR, ER_NET_ERROR_ON_WRITE.
    static const QList<int> kLost{0, 2002, 2003, 2005, 2006, 2013, 1158, 1159, 1053, 1040, 1160, 1161, 1129};
    return kLost.contains(ioErrno);
}

int CandidateChooser::compareProgress(const Instance &a, const Instance &b)
{
    // What each received from the one source they shared is the truest measure (relay logs get applied
    // before promotion); executed GTIDs break ties and cover replicas of different sources.
    if (a.replication && b.replication && a.replication->readCoordinates.isValid()
        && b.replication->readCoordinates.isValid()
        && a.replication->sourceKey == b.replication->sourceKey) {
        const BinlogCoordinates &ra = a.replication->readCoordinates, &rb = b.replication->readCoordinates;
        if (rb < ra)
            return 1;
        if (ra < rb)
            return -1;
        if (ra == rb) {
            const int g = compareGtid(a, b);
            return g == 2 ? 0 : g;
        }
    }
    return compareGtid(a, b);
}

QString CandidateChooser::positionText(const Instance &r)
{
    QStringList parts;
    if (r.replication && r.replication->readCoordinates.isValid())
        parts << u"read %1"_s.arg(r.replication->readCoordinates.toString());
    const QString gtid = r.flavour == Flavour::MariaDB ? (r.gtidSlavePos.isEmpty() ? r.executedGtidSet : r.gtidSlavePos)
                                                       : r.executedGtidSet;
    if (!gtid.isEmpty())
        parts << u"gtid %1"_s.arg(gtid.simplified());
    return parts.join(u", "_s);
}

CandidateChoice CandidateChooser::choose(const Input &in, const RecoveryOptions &options)
{
    CandidateChoice out;
    const Topology &t = *in.topology;
    const Instance *failed = t.instance(in.failed);
    const QList<InstanceKey> replicas = t.childrenOf(in.failed);
    if (replicas.isEmpty()) {
        out.error = u"%1 has no replicas"_s.arg(in.failed.toString());
        return out;
    }

    QList<const Instance *> reachable;
    QList<int> versions, formats;
    for (const InstanceKey &k : replicas) {
        const Instance *r = t.instance(k);
        if (r && r->lastCheckValid) {
            reachable.append(r);
            if (r->logBin) {
                versions.append(versionLevel(*r));
                formats.append(formatLevel(r->binlogFormat));
            }
        }
    }
    const int commonVersion = mostCommon(versions);
    const int commonFormat = mostCommon(formats);
    QList<QRegularExpression> banned;
    for (const QString &pattern : options.promotionIgnoreHostnameFilters)
        banned.append(QRegularExpression(pattern));

    // 1. Safety checks: who may be promoted at all.
    QList<CandidateChoice::Entry> entries;
    QHash<InstanceKey, const Instance *> byKey;
    for (const InstanceKey &k : replicas) {
        CandidateChoice::Entry e;
        e.key = k;
        e.rule = in.rules.value(k, PromotionRule::Neutral);
        const Instance *r = t.instance(k);
        byKey.insert(k, r);
        if (r)
            e.position = positionText(*r);
        auto refuse = [&e](const QString &why) {
            if (e.reason.isEmpty())
                e.reason = why;
        };
        if (in.excluded.contains(k))
            refuse(u"excluded: it stopped answering during an earlier attempt at this recovery"_s);
        if (!r || !r->lastCheckValid)
            refuse(u"excluded: unreachable"_s);
        if (e.rule == PromotionRule::MustNot)
            refuse(u"excluded: promotion rule must_not"_s);
        for (const QRegularExpression &re : banned) {
            if (re.isValid() && re.match(k.host()).hasMatch())
                refuse(u"excluded: host matches PromotionIgnoreHostnameFilters '%1'"_s.arg(re.pattern()));
        }
        if (r && r->lastCheckValid) {
            const ReplicationState *rep = r->replication ? &*r->replication : nullptr;
            const ReplicaHistory h = in.history.value(k);
            if (!r->logBin)
                refuse(u"excluded: binary log off, no replica could follow it"_s);
            else if (!r->logReplicaUpdates && reachable.size() > 1)
                refuse(u"excluded: log_slave_updates off, its binary log lacks replicated transactions"_s);
            if (!rep) {
                refuse(u"excluded: not replicating from %1"_s.arg(in.failed.toString()));
            } else {
                if (rep->lastSqlErrno != 0)
                    refuse(u"excluded: replication was broken (SQL error %1: %2)"_s.arg(rep->lastSqlErrno)
                               .arg(rep->lastSqlError.left(120)));
                else if (rep->sqlThread != ReplicationState::ThreadState::Running)
                    refuse(u"excluded: its SQL thread was stopped"_s);
                if (!isConnectionError(rep->lastIoErrno))
                    refuse(u"excluded: replication was broken (IO error %1: %2)"_s.arg(rep->lastIoErrno)
                               .arg(rep->lastIoError.left(120)));
                if (in.failedStillReplicates && !rep->isHealthy())
                    refuse(u"excluded: not replicating (IO %1, SQL %2)"_s.arg(
                        ReplicationState::threadStateName(rep->ioThread),
                        ReplicationState::threadStateName(rep->sqlThread)));
                const auto lagNow = r->lagSeconds();
                if (lagNow && *lagNow > options.failMasterPromotionOnLagSeconds)
                    refuse(u"excluded: %1 s behind (bound %2 s)"_s.arg(*lagNow).arg(options.failMasterPromotionOnLagSeconds));
                if (h.lagAtLastReplicating && *h.lagAtLastReplicating > options.failMasterPromotionOnLagSeconds)
                    refuse(u"excluded: was %1 s behind before the failure (bound %2 s)"_s.arg(*h.lagAtLastReplicating)
                               .arg(options.failMasterPromotionOnLagSeconds));
                if (in.failureTime.isValid() && !in.history.isEmpty()
                    && (!h.lastReplicatingAt.isValid()
                        || h.lastReplicatingAt.secsTo(in.failureTime) > options.replicationHistorySeconds))
                    refuse(u"excluded: was not replicating before the failure"_s);
                if (h.sqlBrokenSince.isValid() && in.failureTime.isValid() && h.sqlBrokenSince < in.failureTime
                    && rep->sqlThread != ReplicationState::ThreadState::Running)
                    refuse(u"excluded: its SQL thread was down before the failure"_s);
            }
            if (r->logBin && versionLevel(*r) > commonVersion)
                refuse(u"excluded: version %1 is newer than most replicas', they may not replicate from it"_s.arg(
                    r->serverVersion().toString()));
            if (r->logBin && formatLevel(r->binlogFormat) > commonFormat)
                refuse(u"excluded: binlog_format %1 is above most replicas'"_s.arg(r->binlogFormat));
            if (failed && options.preventCrossDataCenterMasterFailover && r->dataCenter != failed->dataCenter)
                refuse(u"excluded: data centre '%1' differs from the master's '%2' (PreventCrossDataCenterMasterFailover)"_s
                           .arg(r->dataCenter, failed->dataCenter));
            if (failed && options.preventCrossRegionMasterFailover && r->region != failed->region)
                refuse(u"excluded: region '%1' differs from the master's '%2' (PreventCrossRegionMasterFailover)"_s.arg(
                    r->region, failed->region));
        }
        e.eligible = e.reason.isEmpty();
        entries.append(e);
    }

    // 2. Progress: the most up to date eligible replicas. A replica behind another eligible one is not
    // in the top group; incomparable ones (diverged, unknown) stay in it and are ordered by the rest.
    for (CandidateChoice::Entry &e : entries) {
        if (!e.eligible)
            continue;
        e.mostAdvanced = true;
        for (const CandidateChoice::Entry &o : std::as_const(entries)) {
            if (o.eligible && o.key != e.key && compareProgress(*byKey.value(e.key), *byKey.value(o.key)) == -1) {
                e.mostAdvanced = false;
                e.reason = u"behind %1"_s.arg(o.key.toString());
                break;
            }
        }
    }

    // 3. Tie-breakers among equals: rule, data centre, region, lower version, lower binlog format.
    auto sameDc = [&](const Instance *r) { return failed && !failed->dataCenter.isEmpty() && r->dataCenter == failed->dataCenter; };
    auto sameRegion = [&](const Instance *r) { return failed && !failed->region.isEmpty() && r->region == failed->region; };
    auto better = [&](const CandidateChoice::Entry &a, const CandidateChoice::Entry &b) {
        if (a.eligible != b.eligible)
            return a.eligible;
        if (a.mostAdvanced != b.mostAdvanced)
            return a.mostAdvanced;
        if (!a.eligible)
            return a.key < b.key;
        const Instance *ra = byKey.value(a.key), *rb = byKey.value(b.key);
        if (!a.mostAdvanced) {
            const int c = compareProgress(*ra, *rb);
            if (c == 1 || c == -1)
                return c == 1;
        }
        if (a.rule != b.rule)
            return a.rule < b.rule;
        if (sameDc(ra) != sameDc(rb))
            return sameDc(ra);
        if (sameRegion(ra) != sameRegion(rb))
            return sameRegion(ra);
        if (versionLevel(*ra) != versionLevel(*rb))
            return versionLevel(*ra) < versionLevel(*rb);
        if (formatLevel(ra->binlogFormat) != formatLevel(rb->binlogFormat))
            return formatLevel(ra->binlogFormat) < formatLevel(rb->binlogFormat);
        return a.key < b.key;
    };
    std::stable_sort(entries.begin(), entries.end(), better);

    // 4. Pick: an explicit request, else a healthy `must`, else the best of the top group.
    int pick = -1;
    const auto mustIt = std::find_if(entries.cbegin(), entries.cend(),
                                     [](const CandidateChoice::Entry &e) { return e.rule == PromotionRule::Must; });
    if (in.requested.isValid()) {
        for (int i = 0; i < entries.size(); ++i) {
            if (entries[i].key != in.requested)
                continue;
            if (!entries[i].eligible)
                out.error = u"the requested candidate %1 cannot be promoted: %2"_s.arg(in.requested.toString(),
                                                                                     entries[i].reason);
            else if (!entries[i].mostAdvanced && !in.failedStillReplicates) // a live master: it catches up first
                out.error = u"the requested candidate %1 is %2: promoting it would lose transactions"_s.arg(
                    in.requested.toString(), entries[i].reason);
            else
                pick = i;
        }
        if (pick < 0 && out.error.isEmpty())
            out.error = u"the requested candidate %1 is not a replica of %2"_s.arg(in.requested.toString(),
                                                                                 in.failed.toString());
    } else if (mustIt != entries.cend()) {
        const int i = int(mustIt - entries.cbegin());
        if (!mustIt->eligible)
            out.error = u"%1 has promotion rule must but cannot be promoted (%2); Arbor promotes no other server. "
                        "Fix it or change its rule, then run `arbor recover`"_s.arg(mustIt->key.toString(), mustIt->reason);
        else if (!mustIt->mostAdvanced)
            out.error = u"%1 has promotion rule must but is %2; promoting it would lose transactions. "
                        "Let it catch up or change its rule, then run `arbor recover`"_s.arg(mustIt->key.toString(),
                                                                                         mustIt->reason);
        else
            pick = i;
    } else if (!entries.isEmpty() && entries.first().eligible) {
        pick = 0;
    } else {
        out.error = u"none of the %1 replicas of %2 passes the safety checks"_s.arg(entries.size()).arg(in.failed.toString());
    }

    if (pick > 0)
        entries.move(pick, 0);
    int rank = 0;
    for (CandidateChoice::Entry &e : entries) {
        if (!e.eligible)
            continue;
        e.rank = ++rank;
    }
    if (pick >= 0) {
        CandidateChoice::Entry &c = entries.first();
        out.chosen = c.key;
        const Instance *r = byKey.value(c.key);
        QStringList why{u"chosen"_s};
        why << (in.requested.isValid() ? u"requested explicitly"_s : u"most up to date"_s);
        if (c.rule != PromotionRule::Neutral)
            why << u"rule %1"_s.arg(promotionRuleName(c.rule));
        if (sameDc(r))
            why << u"same data centre as the master"_s;
        c.reason = why.join(u", "_s);
        for (int i = 1; i < entries.size(); ++i) {
            CandidateChoice::Entry &e = entries[i];
            if (!e.eligible || !e.reason.isEmpty())
                continue;
            const Instance *o = byKey.value(e.key);
            if (e.rule != c.rule)
                e.reason = u"rule %1 ranks below %2"_s.arg(promotionRuleName(e.rule), promotionRuleName(c.rule));
            else if (sameDc(r) && !sameDc(o))
                e.reason = u"other data centre than the master"_s;
            else if (versionLevel(*o) != versionLevel(*r))
                e.reason = u"version %1 ranks below %2"_s.arg(o->serverVersion().toString(), r->serverVersion().toString());
            else if (formatLevel(o->binlogFormat) != formatLevel(r->binlogFormat))
                e.reason = u"binlog_format %1 ranks below %2"_s.arg(o->binlogFormat, r->binlogFormat);
            else
                e.reason = u"equal; ordered by name"_s;
        }
        // Who can follow the new master: reachable, not ahead of it, and with GTID or the same position.
        out.usesGtid = r->usesGtid();
        for (const CandidateChoice::Entry &e : std::as_const(entries)) {
            if (e.key == c.key)
                continue;
            const Instance *o = byKey.value(e.key);
            if (!o || !o->lastCheckValid || in.excluded.contains(e.key)) {
                out.lost.append(e.key);
                continue;
            }
            const int cmp = compareProgress(*o, *r);
            const bool gtid = o->usesGtid() && r->usesGtid();
            // With the master alive (a takeover) the candidate first catches up with it: one ahead now follows by GTID.
            const bool aheadButFollows = cmp == 1 && gtid && in.failedStillReplicates;
            if ((cmp == 1 && !aheadButFollows) || (cmp == 2 && !gtid) || (!gtid && cmp != 0))
                out.lost.append(e.key);
            else
                out.repointable.append(e.key);
        }
    }
    out.ranking = entries;
    return out;
}

} // namespace arbor::core
