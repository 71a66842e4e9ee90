#include "ops/refactoring.h"

#include "model/mariadbgtidlist.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
using Positioning = Dialect::ChangeSource::Positioning;

QString k(const InstanceKey &key)
{
    return key.toString();
}

Positioning gtidPositioningOf(const Instance &replica)
{
    return replica.isReplica() && replica.replication->gtidPositioning.compare(u"Current_Pos"_s, Qt::CaseInsensitive) == 0
               ? Positioning::CurrentPos
               : Positioning::Gtid;
}

Refusal unknownServer(const InstanceKey &key)
{
    return Refusal{u"unknown-server"_s,
                   u"%1 is not among the servers Arbor knows in this cluster: discover it first"_s.arg(k(key))};
}
} // namespace

Refactoring::Refactoring(OpsSession &session, OperationOptions options) : m_session(session), m_options(std::move(options))
{
}

bool Refactoring::handles(OperationKind kind)
{
    switch (kind) {
    case OperationKind::Relocate:
    case OperationKind::RelocateReplicas:
    case OperationKind::MoveUp:
    case OperationKind::MoveUpReplicas:
    case OperationKind::MoveBelow:
    case OperationKind::Repoint:
    case OperationKind::TakeSiblings:
    case OperationKind::TakeMaster:
    case OperationKind::MakeCoMaster:
    case OperationKind::RegroupReplicas:
    case OperationKind::MoveGtid:
    case OperationKind::MoveReplicasGtid:
    case OperationKind::RepointReplicas:
        return true;
    default:
        return false;
    }
}

QString Refactoring::methodName(Method method, const Instance &replica)
{
    switch (method) {
    case Method::Gtid:
        if (replica.flavour == Flavour::MariaDB)
            return gtidPositioningOf(replica) == Positioning::CurrentPos ? u"MariaDB GTID (current_pos)"_s
                                                                          : u"MariaDB GTID (slave_pos)"_s;
        return u"MySQL GTID (auto-position)"_s;
    case Method::CoordinatesBelowSibling:
        return u"binlog coordinates (%1 UNTIL, below a sibling)"_s.arg(
            Dialect::forServer(replica.version, replica.versionComment).startReplicaStatement());
    case Method::CoordinatesUp:
        return u"binlog coordinates (%1 UNTIL, up to the source's source)"_s.arg(
            Dialect::forServer(replica.version, replica.versionComment).startReplicaStatement());
    case Method::Repoint:
        return replica.usesGtid() ? u"repoint by GTID"_s : u"repoint at the executed binlog coordinates"_s;
    }
    return {};
}

std::optional<Refusal> Refactoring::refusalFor(const InstanceKey &key, const QString &role) const
{
    const Instance *i = m_session.fact(key);
    if (!i)
        return unknownServer(key);
    return Legality::checkReachable(*i, role);
}

Refactoring::Decision Refactoring::decide(const InstanceKey &replica, const InstanceKey &target) const
{
    Decision d = decideAnyMethod(replica, target);
    if (!m_gtidOnly || d.refusal || d.method == Method::Gtid)
        return d;
    const Instance *r = m_session.fact(replica);
    if (d.method == Method::Repoint && r && r->usesGtid())
        return d;
    const Instance *t = m_session.fact(target);
    std::optional<Refusal> why = r && t ? Legality::canMoveByGtid(*r, *t) : std::nullopt;
    if (r && !r->usesGtid())
        why = Refusal{u"gtid-off"_s, u"%1 replicates by file and position, not GTID (enable-gtid first)"_s.arg(k(replica))};
    d.refusal = Refusal{u"gtid-required"_s,
                        u"a GTID move of %1 below %2 is not possible%3; relocate picks another method"_s.arg(
                            k(replica), k(target), why ? u": "_s + why->message : QString())};
    return d;
}

Refactoring::Decision Refactoring::decideAnyMethod(const InstanceKey &replica, const InstanceKey &target) const
{
    Decision d;
    if ((d.refusal = refusalFor(replica, u"replica"_s)))
        return d;
    if ((d.refusal = refusalFor(target, u"new source"_s)))
        return d;
    const Instance &r = *m_session.fact(replica);
    const Instance &t = *m_session.fact(target);
    if (!r.isReplica()) {
        d.refusal = Refusal{u"not-a-replica"_s,
                            u"%1 is not a replica: Arbor does not move a master below another server (that would merge "
                            "clusters)"_s.arg(k(replica))};
        return d;
    }
    if ((d.refusal = Legality::checkNoCycle(m_session.topology(), replica, target)))
        return d;
    const InstanceKey source = r.sourceKey();
    if (target == source) {
        d.method = Method::Repoint;
        return d;
    }
    if ((d.refusal = Legality::canReplicateFrom(r, t, m_options.legality)))
        return d;
    std::optional<Refusal> gtidRefusal;
    if (r.usesGtid()) {
        gtidRefusal = Legality::canMoveByGtid(r, t);
        if (!gtidRefusal) {
            d.method = Method::Gtid;
            return d;
        }
    }
    const Instance *s = m_session.fact(source);
    const bool sibling = t.isReplica() && t.sourceKey() == source;
    const bool grandparent = s && s->isReplica() && s->sourceKey() == target;
    if (!sibling && !grandparent) {
        d.refusal = gtidRefusal ? gtidRefusal
                                : Refusal{u"needs-gtid"_s,
                                          u"%1 does not replicate by GTID, and by binlog coordinates it can move only below "
                                          "a sibling or up to its source's source; %2 is neither: enable GTID positioning "
                                          "(enable-gtid) or move it in steps"_s.arg(k(replica), k(target))};
        return d;
    }
    if ((d.refusal = Legality::canMoveByCoordinates(r, m_options.legality)))
        return d;
    if (sibling) {
        if ((d.refusal = Legality::canMoveByCoordinates(t, m_options.legality)))
            return d;
        d.method = Method::CoordinatesBelowSibling;
    } else {
        if ((d.refusal = Legality::canMoveByCoordinates(*s, m_options.legality)))
            return d;
        if (!s->logReplicaUpdates) {
            d.refusal = Refusal{u"source-no-log-slave-updates"_s,
                                u"%1 cannot move up by binlog coordinates: its source %2 has no log_slave_updates, so "
                                "%2's binary log does not map onto %3's"_s.arg(k(replica), k(source), k(target))};
            return d;
        }
        d.method = Method::CoordinatesUp;
    }
    if (gtidRefusal)
        d.warning = u"%1 cannot use GTID from %2 (%3); it moves by binlog coordinates and replicates by file and position "
                    "afterwards"_s.arg(k(replica), k(target), gtidRefusal->message);
    return d;
}

Dialect::ChangeSource Refactoring::changeTo(const InstanceKey &replica, const InstanceKey &source, Positioning positioning,
                                            const BinlogCoordinates &at, bool forRollback) const
{
    Dialect::ChangeSource c;
    c.source = source;
    c.positioning = positioning;
    c.coordinates = at;
    const Instance *r = m_session.fact(replica);
    if (m_options.applyCredentials(c, r, forRollback))
        m_session.warn(u"%1's replication user and password are replaced by the configured ones, as asked; a rollback "
                       "keeps the new ones (a server never shows a password to put back)"_s.arg(k(replica)));
    if (r && r->replication && r->replication->connectRetry > 0)
        c.connectRetry = std::clamp(r->replication->connectRetry, 1, 86400);
    return c;
}

Result<void> Refactoring::run(const OperationRequest &request)
{
    const InstanceKey &i = request.instance;
    if (auto r = refusalFor(i, u"server to operate on"_s))
        return m_session.refuse(*r);
    switch (request.kind) {
    case OperationKind::Relocate:
        if (!request.target.isValid())
            return m_session.refuse({u"needs-target"_s, u"relocate needs a target: the server to move %1 below"_s.arg(k(i))});
        return relocate(i, request.target);
    case OperationKind::MoveUp:
        return moveUp(i);
    case OperationKind::MoveBelow:
        if (!request.target.isValid())
            return m_session.refuse({u"needs-target"_s, u"move-below needs the sibling to move %1 below"_s.arg(k(i))});
        return moveBelow(i, request.target);
    case OperationKind::Repoint:
        return repoint(i, request.target);
    case OperationKind::RelocateReplicas: {
        if (!request.target.isValid())
            return m_session.refuse({u"needs-target"_s, u"relocate-replicas needs a target"_s});
        QRegularExpression pattern(request.pattern);
        if (!request.pattern.isEmpty() && !pattern.isValid())
            return m_session.refuse({u"bad-pattern"_s, u"the pattern '%1' is not a valid regular expression: %2"_s.arg(
                                                           request.pattern, pattern.errorString())});
        QList<InstanceKey> replicas;
        for (const InstanceKey &r : m_session.topology().childrenOf(i)) {
            if (r != request.target && (request.pattern.isEmpty() || pattern.match(k(r)).hasMatch()))
                replicas << r;
        }
        return relocateMany(replicas, request.target);
    }
    case OperationKind::MoveUpReplicas: {
        const Instance *f = m_session.fact(i);
        if (!f->isReplica())
            return m_session.refuse({u"source-is-master"_s,
                                     u"%1 is a master: its replicas have nowhere further up to go"_s.arg(k(i))});
        return relocateMany(m_session.topology().childrenOf(i), f->sourceKey());
    }
    case OperationKind::TakeSiblings: {
        const Instance *f = m_session.fact(i);
        if (!f->isReplica())
            return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica: it has no siblings"_s.arg(k(i))});
        QList<InstanceKey> siblings = m_session.topology().childrenOf(f->sourceKey());
        siblings.removeAll(i);
        return relocateMany(siblings, i);
    }
    case OperationKind::TakeMaster:
        return takeMaster(i);
    case OperationKind::MakeCoMaster:
        return makeCoMaster(i);
    case OperationKind::RegroupReplicas:
        return regroup(i);
    case OperationKind::MoveGtid:
        if (!request.target.isValid())
            return m_session.refuse({u"needs-target"_s, u"move-gtid needs a target: the server to move %1 below"_s.arg(k(i))});
        requireGtid();
        return relocate(i, request.target);
    case OperationKind::MoveReplicasGtid: {
        if (!request.target.isValid())
            return m_session.refuse({u"needs-target"_s, u"move-replicas-gtid needs a target"_s});
        requireGtid();
        QList<InstanceKey> replicas = m_session.topology().childrenOf(i);
        replicas.removeAll(request.target);
        return relocateMany(replicas, request.target);
    }
    case OperationKind::RepointReplicas:
        // Each replica's target is its current source (i): decide() picks the repoint.
        return relocateMany(m_session.topology().childrenOf(i), i);
    default:
        return Result<void>::failure(u"%1 is not a refactoring"_s.arg(OperationKinds::name(request.kind)));
    }
}

Result<void> Refactoring::relocate(const InstanceKey &replica, const InstanceKey &target)
{
    const Decision d = decide(replica, target);
    if (d.refusal)
        return m_session.refuse(*d.refusal);
    return execute(d, replica, target);
}

Result<void> Refactoring::execute(const Decision &decision, const InstanceKey &replica, const InstanceKey &target)
{
    if (!decision.warning.isEmpty())
        m_session.warn(decision.warning);
    m_session.setMethod(methodName(decision.method, *m_session.fact(replica)));
    switch (decision.method) {
    case Method::Repoint:
        return repointSame(replica);
    case Method::Gtid:
        return moveViaGtid(replica, target);
    case Method::CoordinatesBelowSibling:
        return moveBelowViaCoordinates(replica, target);
    case Method::CoordinatesUp:
        return moveUpViaCoordinates(replica);
    }
    return Result<void>::failure(u"unknown method"_s);
}

Result<void> Refactoring::relocateMany(const QList<InstanceKey> &replicas, const InstanceKey &target,
                                       const std::function<InstanceKey(const InstanceKey &)> &targetFor)
{
    struct Todo
    {
        InstanceKey replica;
        InstanceKey target;
    };
    QList<Todo> todo;
    std::optional<Refusal> first;
    for (const InstanceKey &r : replicas) {
        const InstanceKey t = targetFor ? targetFor(r) : target;
        const Decision d = decide(r, t);
        if (d.refusal) {
            if (!first)
                first = d.refusal;
            m_session.warn(u"%1 stays where it is: %2"_s.arg(k(r), d.refusal->toString()));
            continue;
        }
        todo << Todo{r, t};
    }
    if (todo.isEmpty())
        return m_session.refuse(first ? *first
                                      : Refusal{u"no-replicas"_s, u"there are no replicas to move here"_s});
    QStringList moved;
    for (const Todo &t : todo) {
        if (!m_session.isPlanning() && !moved.isEmpty()) {
            // Earlier moves changed positions and shapes: decide on fresh facts.
            if (auto r = m_session.refresh(t.replica); !r.ok())
                return Result<void>::failure(u"moved %1; then could not check %2: %3"_s.arg(moved.join(u", "_s), k(t.replica), r.error()));
            if (auto r = m_session.refresh(t.target); !r.ok())
                return Result<void>::failure(u"moved %1; then could not check %2: %3"_s.arg(moved.join(u", "_s), k(t.target), r.error()));
        }
        const Decision d = decide(t.replica, t.target);
        Result<void> r = d.refusal ? m_session.refuse(*d.refusal) : execute(d, t.replica, t.target);
        if (!r.ok()) {
            if (moved.isEmpty())
                return r;
            return Result<void>::failure(u"moved %1 (they stay moved); then %2 failed: %3"_s.arg(moved.join(u", "_s), k(t.replica), r.error()));
        }
        moved << k(t.replica);
    }
    return Result<void>::success();
}

Result<void> Refactoring::moveUp(const InstanceKey &replica)
{
    const Instance *r = m_session.fact(replica);
    if (!r->isReplica())
        return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica: there is nothing to move up"_s.arg(k(replica))});
    const Instance *s = m_session.fact(r->sourceKey());
    if (!s)
        return m_session.refuse(unknownServer(r->sourceKey()));
    if (!s->isReplica())
        return m_session.refuse({u"source-is-master"_s,
                                 u"%1 replicates from %2, which is a master: there is nothing above it to move up to"_s.arg(
                                     k(replica), k(s->key))});
    return relocate(replica, s->sourceKey());
}

Result<void> Refactoring::moveBelow(const InstanceKey &replica, const InstanceKey &sibling)
{
    if (auto r = refusalFor(sibling, u"sibling"_s))
        return m_session.refuse(*r);
    const Instance *r = m_session.fact(replica);
    const Instance *s = m_session.fact(sibling);
    if (replica == sibling || !r->isReplica() || !s->isReplica() || r->sourceKey() != s->sourceKey())
        return m_session.refuse({u"not-siblings"_s,
                                 u"%1 and %2 are not siblings (they replicate from %3 and %4): move-below moves a replica "
                                 "below a sibling; use relocate for other targets"_s.arg(
                                     k(replica), k(sibling), r->isReplica() ? k(r->sourceKey()) : u"nothing"_s,
                                     s->isReplica() ? k(s->sourceKey()) : u"nothing"_s)});
    return relocate(replica, sibling);
}

Result<void> Refactoring::repoint(const InstanceKey &replica, const InstanceKey &target)
{
    const Instance *r = m_session.fact(replica);
    if (!r->isReplica())
        return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica: there is nothing to repoint"_s.arg(k(replica))});
    const InstanceKey t = target.isValid() ? target : r->sourceKey();
    const Decision d = decide(replica, t);
    if (d.refusal && (r->usesGtid() || t == r->sourceKey()))
        return m_session.refuse(*d.refusal);
    if (d.refusal || (d.method != Method::Repoint && d.method != Method::Gtid))
        return m_session.refuse({u"repoint-needs-gtid"_s,
                                 u"%1 does not replicate by GTID, so it can only be repointed at its own source (its "
                                 "coordinates mean nothing on %2); use relocate"_s.arg(k(replica), k(t))});
    return execute(d, replica, t);
}

OpsSession::RollbackFn Refactoring::startAgain(const QList<std::pair<InstanceKey, InstanceKey>> &replicasAndSources)
{
    return [this, replicasAndSources]() -> Result<QString> {
        QStringList done;
        QStringList errors;
        for (const auto &[replica, source] : replicasAndSources) {
            if (auto r = m_session.execute(replica, m_session.dialectOf(replica).startReplicaStatement(),
                                           u"rollback: start replication again"_s);
                !r.ok())
                errors << r.error();
        }
        for (const auto &[replica, source] : replicasAndSources) {
            if (auto r = m_session.waitReplicating(replica, source, u"rollback: check it replicates again"_s); r.ok())
                done << u"%1 replicates from %2 again"_s.arg(k(replica), k(source));
            else
                errors << r.error();
        }
        if (!errors.isEmpty())
            return Result<QString>::failure(
                u"rollback incomplete: %1%2"_s.arg(errors.join(u"; "_s), done.isEmpty() ? QString() : u" ("_s + done.join(u", "_s) + u")"_s));
        return done.join(u"; "_s);
    };
}

OpsSession::RollbackFn Refactoring::coordinateRollback(const InstanceKey &replica, const InstanceKey &original,
                                                       const BinlogCoordinates &originalAt, const InstanceKey &newSource,
                                                       const BinlogCoordinates &newAt, const QList<InstanceKey> &alsoStart)
{
    return [=, this]() -> Result<QString> {
        const Dialect d = m_session.dialectOf(replica);
        // In the replica's own words; the statement names no credentials (the replica keeps its own).
        const QString manual = u"To finish by hand once the servers answer: on %1 run %2; %3; %4"_s.arg(
            k(replica), d.stopReplicaStatement(),
            d.changeSourceStatement(changeTo(replica, original, Positioning::File, originalAt, true)).toString(),
            d.startReplicaStatement());
        (void)m_session.execute(replica, d.stopReplicaStatement(), u"rollback: stop replication"_s);
        auto status = m_session.replicaStatus(replica);
        if (!status.ok())
            return Result<QString>::failure(u"rollback failed: cannot read the state of %1 (%2). It points at %3 from %4. %5"_s.arg(
                k(replica), status.error(), k(newSource), newAt.toString(), manual));
        if (status->sourceKey == newSource && !(status->execCoordinates == newAt))
            return Result<QString>::failure(
                u"rollback not attempted: %1 already applied events from %2 past %3 (it is at %4), so pointing it back "
                "at %5 would apply them twice. %1 is stopped and points at %2; when %2 answers, %6 on %1 "
                "finishes the move"_s.arg(k(replica), k(newSource), newAt.toString(), status->execCoordinates.toString(), k(original),
                                          d.startReplicaStatement()));
        QList<std::pair<InstanceKey, InstanceKey>> restart;
        if (status->sourceKey != original) {
            if (auto r = m_session.execute(replica, d.changeSourceStatement(changeTo(replica, original, Positioning::File, originalAt, true)),
                                           u"rollback: point it back where it was"_s);
                !r.ok())
                return Result<QString>::failure(u"rollback failed: %1. %2"_s.arg(r.error(), manual));
        }
        restart.append({replica, original});
        auto started = startAgain(restart)();
        if (!started.ok())
            return Result<QString>::failure(started.error() + u". "_s + manual);
        // The other servers this move stopped: restarted on a best-effort basis, each failure named.
        QString text = started.value();
        for (const InstanceKey &other : alsoStart) {
            const Instance *f = m_session.fact(other);
            auto again = startAgain({{other, f ? f->sourceKey() : InstanceKey()}})();
            text += again.ok() ? u"; "_s + again.value()
                               : u"; %1 could not be restarted (%2): run %3 on it once it answers"_s.arg(
                                     k(other), again.error(), m_session.dialectOf(other).startReplicaStatement());
        }
        return text;
    };
}

Result<void> Refactoring::moveViaGtid(const InstanceKey &replica, const InstanceKey &target)
{
    const Instance r = *m_session.fact(replica);
    const Instance t = *m_session.fact(target);
    const InstanceKey source = r.sourceKey();
    const Dialect d = m_session.dialectOf(replica);
    const Positioning positioning = gtidPositioningOf(r);

    if (auto s = m_session.execute(replica, d.stopReplicaStatement(), u"stop replication so the source can change"_s); !s.ok())
        return s;
    m_session.setRollback(u"if it fails before the change: start replication on %1 again (still from %2)"_s.arg(k(replica), k(source)),
                          startAgain({{replica, source}}));

    if (r.flavour == Flavour::MariaDB) {
        // MariaDB asks the new source for events after the replica's position; a target behind in a
        // shared domain must first catch up, or the replica would wait on (or be refused) a GTID the
        // target has not logged yet.
        auto mine = m_session.globalVariable(replica, positioning == Positioning::CurrentPos ? u"gtid_current_pos"_s : u"gtid_slave_pos"_s);
        auto theirs = m_session.globalVariable(target, u"gtid_binlog_pos"_s);
        if (!mine.ok() || !theirs.ok())
            return Result<void>::failure(mine.ok() ? theirs.error() : mine.error());
        auto a = MariadbGtidList::parse(mine.value());
        auto b = MariadbGtidList::parse(theirs.value());
        if (!a.ok() || !b.ok())
            return Result<void>::failure(a.ok() ? b.error() : a.error());
        MariadbGtidList behind;
        for (const MariadbGtidList::Entry &e : a->entries()) {
            const auto have = b->entry(e.domain);
            if (have && have->seqNo < e.seqNo)
                behind.setEntry(e);
        }
        if (!behind.isEmpty()) {
            if (!t.isReplica())
                return Result<void>::failure(
                    u"%1 has applied %2, which its new source %3 never logged (%3 is at %4 and replicates from no one): "
                    "%1 has transactions of its own; resolve them before moving it"_s.arg(k(replica), behind.toString(),
                                                                                          k(target), theirs.value()));
            if (auto w = m_session.waitGtid(target, behind.toString(),
                                            u"let %1 catch up with what %2 already applied"_s.arg(k(target), k(replica)));
                !w.ok())
                return w;
        }
    }

    const SqlStatement change = d.changeSourceStatement(changeTo(replica, target, positioning));
    if (auto c = m_session.execute(replica, change, u"replicate from %1 by GTID"_s.arg(k(target))); !c.ok())
        return c;
    m_session.setRollback(
        u"if it fails after the change: point %1 back at %2 by GTID and start it"_s.arg(k(replica), k(source)),
        [this, replica, source, positioning, d]() -> Result<QString> {
            (void)m_session.execute(replica, d.stopReplicaStatement(), u"rollback: stop replication"_s);
            if (auto c = m_session.execute(replica, d.changeSourceStatement(changeTo(replica, source, positioning, {}, true)),
                                           u"rollback: replicate from %1 again"_s.arg(k(source)));
                !c.ok())
                return Result<QString>::failure(u"rollback failed: %1. To finish by hand: on %2 run %3; %4; %5"_s.arg(
                    c.error(), k(replica), d.stopReplicaStatement(),
                    d.changeSourceStatement(changeTo(replica, source, positioning, {}, true)).toString(), d.startReplicaStatement()));
            return startAgain({{replica, source}})();
        });
    m_session.noteMove(replica, target);
    if (auto s = m_session.execute(replica, d.startReplicaStatement(), u"start replicating from %1"_s.arg(k(target))); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(replica, target, {}); !w.ok())
        return w;
    m_session.clearRollback();
    return Result<void>::success();
}

Result<void> Refactoring::moveBelowViaCoordinates(const InstanceKey &replica, const InstanceKey &sibling)
{
    const InstanceKey source = m_session.fact(replica)->sourceKey();
    const Dialect dr = m_session.dialectOf(replica);
    const Dialect ds = m_session.dialectOf(sibling);

    if (auto s = m_session.execute(replica, dr.stopReplicaStatement(), u"stop %1 so its position holds still"_s.arg(k(replica))); !s.ok())
        return s;
    m_session.setRollback(u"before the change: start replication on %1 (and %2) again, both still from %3"_s.arg(k(replica), k(sibling), k(source)),
                          startAgain({{replica, source}}));
    if (auto s = m_session.execute(sibling, ds.stopReplicaStatement(), u"stop %1 so its position holds still"_s.arg(k(sibling))); !s.ok())
        return s;
    m_session.setRollback({}, startAgain({{replica, source}, {sibling, source}}));

    auto rs = m_session.replicaStatus(replica);
    auto ss = m_session.replicaStatus(sibling);
    if (!rs.ok() || !ss.ok())
        return Result<void>::failure(rs.ok() ? ss.error() : rs.error());
    if (rs->sourceKey != source || ss->sourceKey != source)
        return Result<void>::failure(u"%1 and %2 no longer both replicate from %3: someone changed the topology meanwhile"_s.arg(
            k(replica), k(sibling), k(source)));
    BinlogCoordinates at = rs->execCoordinates;
    if (rs->execCoordinates < ss->execCoordinates) {
        at = ss->execCoordinates;
        if (auto u = m_session.execute(replica, dr.startReplicaUntilStatement(at), u"let %1 catch up to where %2 stopped"_s.arg(k(replica), k(sibling))); !u.ok())
            return u;
        if (auto w = m_session.waitExecuted(replica, at, u"until %1 has applied %2's events up to %3"_s.arg(k(replica), k(source), at.toString())); !w.ok())
            return w;
        if (auto s = m_session.execute(replica, dr.stopReplicaStatement(), u"hold %1 at %2"_s.arg(k(replica), at.toString())); !s.ok())
            return s;
    } else if (ss->execCoordinates < rs->execCoordinates) {
        if (auto u = m_session.execute(sibling, ds.startReplicaUntilStatement(at), u"let %1 catch up to where %2 stopped"_s.arg(k(sibling), k(replica))); !u.ok())
            return u;
        if (auto w = m_session.waitExecuted(sibling, at, u"until %1 has applied %2's events up to %3"_s.arg(k(sibling), k(source), at.toString())); !w.ok())
            return w;
        if (auto s = m_session.execute(sibling, ds.stopReplicaStatement(), u"hold %1 at %2"_s.arg(k(sibling), at.toString())); !s.ok())
            return s;
    }
    if (!m_session.isPlanning()) {
        auto r2 = m_session.replicaStatus(replica);
        auto s2 = m_session.replicaStatus(sibling);
        if (!r2.ok() || !s2.ok())
            return Result<void>::failure(r2.ok() ? s2.error() : r2.error());
        if (!(r2->execCoordinates == at) || !(s2->execCoordinates == at))
            return Result<void>::failure(u"%1 and %2 did not stop at the same position of %3 (%4 and %5): not moving"_s.arg(
                k(replica), k(sibling), k(source), r2->execCoordinates.toString(), s2->execCoordinates.toString()));
    }
    auto equivalent = m_session.binlogStatus(sibling);
    if (!equivalent.ok())
        return Result<void>::failure(equivalent.error());
    const SqlStatement change = dr.changeSourceStatement(changeTo(replica, sibling, Positioning::File, equivalent.value()));
    if (auto c = m_session.execute(replica, change,
                                   u"%1's binary log at %2 holds exactly what %3 has applied"_s.arg(k(sibling), equivalent->toString(), k(replica)));
        !c.ok())
        return c;
    m_session.setRollback(u"after the change: if %1 has applied nothing from %2 yet, point it back at %3 at %4"_s.arg(
                              k(replica), k(sibling), k(source), at.toString()),
                          coordinateRollback(replica, source, at, sibling, equivalent.value(), {sibling}));
    m_session.noteMove(replica, sibling);
    if (auto s = m_session.execute(replica, dr.startReplicaStatement(), u"start replicating from %1"_s.arg(k(sibling))); !s.ok())
        return s;
    if (auto s = m_session.execute(sibling, ds.startReplicaStatement(), u"resume %1"_s.arg(k(sibling))); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(replica, sibling, {}); !w.ok())
        return w;
    if (auto w = m_session.waitReplicating(sibling, source, {}); !w.ok())
        return w;
    m_session.clearRollback();
    return Result<void>::success();
}

Result<void> Refactoring::moveUpViaCoordinates(const InstanceKey &replica)
{
    const InstanceKey source = m_session.fact(replica)->sourceKey();
    const InstanceKey grand = m_session.fact(source)->sourceKey();
    const Dialect dr = m_session.dialectOf(replica);
    const Dialect ds = m_session.dialectOf(source);

    if (auto s = m_session.execute(source, ds.stopReplicaStatement(), u"stop %1 so its binary log holds still"_s.arg(k(source))); !s.ok())
        return s;
    m_session.setRollback(u"before the change: start replication on %1 and %2 again, where they were"_s.arg(k(source), k(replica)),
                          startAgain({{source, grand}}));
    if (auto s = m_session.execute(replica, dr.stopReplicaStatement(), u"stop %1"_s.arg(k(replica))); !s.ok())
        return s;
    m_session.setRollback({}, startAgain({{replica, source}, {source, grand}}));

    auto ss = m_session.replicaStatus(source);
    if (!ss.ok())
        return Result<void>::failure(ss.error());
    const BinlogCoordinates sourceAt = ss->execCoordinates; // in the grandparent's binary log
    auto sourceSelf = m_session.binlogStatus(source);       // the same point in the source's own binary log
    if (!sourceSelf.ok())
        return Result<void>::failure(sourceSelf.error());
    auto rs = m_session.replicaStatus(replica);
    if (!rs.ok())
        return Result<void>::failure(rs.error());
    if (rs->sourceKey != source)
        return Result<void>::failure(u"%1 no longer replicates from %2: someone changed the topology meanwhile"_s.arg(k(replica), k(source)));
    if (sourceSelf.value() < rs->execCoordinates)
        return Result<void>::failure(u"%1 is at %2, past the end of its source's binary log (%3): not moving"_s.arg(
            k(replica), rs->execCoordinates.toString(), sourceSelf->toString()));
    if (rs->execCoordinates < sourceSelf.value()) {
        if (auto u = m_session.execute(replica, dr.startReplicaUntilStatement(sourceSelf.value()),
                                       u"let %1 apply all of %2's binary log"_s.arg(k(replica), k(source)));
            !u.ok())
            return u;
        if (auto w = m_session.waitExecuted(replica, sourceSelf.value(), u"until %1 reaches %2"_s.arg(k(replica), sourceSelf->toString())); !w.ok())
            return w;
        if (auto s = m_session.execute(replica, dr.stopReplicaStatement(), u"hold %1 there"_s.arg(k(replica))); !s.ok())
            return s;
    }
    if (!m_session.isPlanning()) {
        auto r2 = m_session.replicaStatus(replica);
        if (!r2.ok())
            return Result<void>::failure(r2.error());
        if (!(r2->execCoordinates == sourceSelf.value()))
            return Result<void>::failure(u"%1 stopped at %2, not at %3 as asked: not moving"_s.arg(
                k(replica), r2->execCoordinates.toString(), sourceSelf->toString()));
    }
    const SqlStatement change = dr.changeSourceStatement(changeTo(replica, grand, Positioning::File, sourceAt));
    if (auto c = m_session.execute(replica, change,
                                   u"%1 is at %2's %3, which is %4's %5"_s.arg(k(replica), k(source), sourceSelf->toString(),
                                                                              k(grand), sourceAt.toString()));
        !c.ok())
        return c;
    m_session.setRollback(u"after the change: if %1 has applied nothing from %2 yet, point it back at %3 at %4"_s.arg(
                              k(replica), k(grand), k(source), sourceSelf->toString()),
                          coordinateRollback(replica, source, sourceSelf.value(), grand, sourceAt, {source}));
    m_session.noteMove(replica, grand);
    if (auto s = m_session.execute(replica, dr.startReplicaStatement(), u"start replicating from %1"_s.arg(k(grand))); !s.ok())
        return s;
    if (auto s = m_session.execute(source, ds.startReplicaStatement(), u"resume %1"_s.arg(k(source))); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(replica, grand, {}); !w.ok())
        return w;
    if (auto w = m_session.waitReplicating(source, grand, {}); !w.ok())
        return w;
    m_session.clearRollback();
    return Result<void>::success();
}

Result<void> Refactoring::repointSame(const InstanceKey &replica)
{
    const Instance r = *m_session.fact(replica);
    const InstanceKey source = r.sourceKey();
    const Dialect d = m_session.dialectOf(replica);
    if (auto s = m_session.execute(replica, d.stopReplicaStatement(), u"stop replication"_s); !s.ok())
        return s;
    m_session.setRollback(u"start replication on %1 again"_s.arg(k(replica)), startAgain({{replica, source}}));
    Dialect::ChangeSource change;
    if (r.usesGtid()) {
        change = changeTo(replica, source, gtidPositioningOf(r));
    } else {
        auto status = m_session.replicaStatus(replica);
        if (!status.ok())
            return Result<void>::failure(status.error());
        change = changeTo(replica, source, Positioning::File, status->execCoordinates);
    }
    if (auto c = m_session.execute(replica, d.changeSourceStatement(change),
                                   r.usesGtid() ? u"point it at %1 again by GTID"_s.arg(k(source))
                                                : u"point it at %1 again where it has executed (relay logs are fetched afresh)"_s.arg(k(source)));
        !c.ok())
        return c;
    m_session.noteMove(replica, source);
    if (auto s = m_session.execute(replica, d.startReplicaStatement(), u"start replication"_s); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(replica, source, {}); !w.ok())
        return w;
    m_session.clearRollback();
    return Result<void>::success();
}

Result<void> Refactoring::takeMaster(const InstanceKey &replica)
{
    const Instance *r = m_session.fact(replica);
    if (!r->isReplica())
        return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica: it has no source to take over"_s.arg(k(replica))});
    const InstanceKey source = r->sourceKey();
    const Instance *s = m_session.fact(source);
    if (!s)
        return m_session.refuse(unknownServer(source));
    if (!s->isReplica())
        return m_session.refuse({u"source-is-master"_s,
                                 u"%1's source %2 is the cluster's master: taking it over is a master takeover, not a "
                                 "refactoring"_s.arg(k(replica), k(source))});
    const InstanceKey grand = s->sourceKey();
    if (const Instance *g = m_session.fact(grand); g && g->isReplica() && g->sourceKey() == source)
        return m_session.refuse({u"co-master"_s, u"%1 and %2 are co-masters: take-master does not split co-masters"_s.arg(k(source), k(grand))});
    // Check the second half before the first runs, so a refusal leaves nothing half done.
    if (auto refusal = Legality::canReplicateFrom(*s, *r, m_options.legality))
        return m_session.refuse(*refusal);
    if (!(s->usesGtid() && Legality::gtidUsable(*s, *r))) {
        if (auto refusal = Legality::canMoveByCoordinates(*s, m_options.legality))
            return m_session.refuse(*refusal);
    }
    if (auto up = relocate(replica, grand); !up.ok())
        return up;
    if (!m_session.isPlanning()) {
        for (const InstanceKey &key : {replica, source}) {
            if (auto f = m_session.refresh(key); !f.ok())
                return Result<void>::failure(u"%1 moved below %2, then could not be checked: %3"_s.arg(k(replica), k(grand), f.error()));
        }
    }
    if (auto down = relocate(source, replica); !down.ok())
        return Result<void>::failure(u"%1 now replicates from %2, but moving %3 below it failed: %4"_s.arg(
            k(replica), k(grand), k(source), down.error()));
    return Result<void>::success();
}

Result<void> Refactoring::makeCoMaster(const InstanceKey &replica)
{
    const Instance r = *m_session.fact(replica);
    if (!r.isReplica())
        return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica of a master"_s.arg(k(replica))});
    const InstanceKey master = r.sourceKey();
    if (auto refusal = refusalFor(master, u"master"_s))
        return m_session.refuse(*refusal);
    const Instance m = *m_session.fact(master);
    if (m.isReplica())
        return m_session.refuse({u"master-is-replica"_s,
                                 u"%1's source %2 is itself a replica (of %3): only a top master can become a co-master"_s.arg(
                                     k(replica), k(master), k(m.sourceKey()))});
    if (!r.readOnly)
        return m_session.refuse({u"co-master-writable"_s,
                                 u"%1 is writeable: set it read-only first, so that the co-masters are not both written to"_s.arg(k(replica))});
    if (!r.logBin || !r.logReplicaUpdates)
        return m_session.refuse({u"source-no-log-slave-updates"_s,
                                 u"%1 needs log_bin and log_slave_updates to serve %2"_s.arg(k(replica), k(master))});
    Instance asSource = r;
    asSource.replication.reset(); // the designed cycle: judge the pair as if the replica were a plain source
    if (auto refusal = Legality::canReplicateFrom(m, asSource, m_options.legality))
        return m_session.refuse(*refusal);
    const Dialect d = m_session.dialectOf(master);
    Dialect::ChangeSource change;
    if (r.usesGtid() && !Legality::canMoveByGtid(m, r)) {
        // The master never replicated: its own binary log position is where to start.
        change = changeTo(master, replica, Positioning::CurrentPos);
        m_session.setMethod(m.flavour == Flavour::MariaDB ? u"MariaDB GTID (current_pos)"_s : u"MySQL GTID (auto-position)"_s);
    } else {
        auto at = m_session.binlogStatus(replica);
        if (!at.ok())
            return Result<void>::failure(at.error());
        change = changeTo(master, replica, Positioning::File, at.value());
        m_session.setMethod(u"binlog coordinates (the replica's current position)"_s);
    }
    change.connectRetry = 1;
    // A master that never replicated has no replication user to keep, and a password cannot be read
    // back from a server: it has to come from the configuration (changeTo() set it).
    if ((!m.replication || m.replication->sourceUser.isEmpty()) && m_options.replicationUser.isEmpty())
        return m_session.refuse({u"needs-replication-credentials"_s,
                                 u"%1 has never replicated, so it has no replication user to keep: configure the "
                                 "replication user and password (--replication-credentials) for make-co-master"_s.arg(k(master))});
    if (auto c = m_session.execute(master, d.changeSourceStatement(change), u"%1 replicates from %2 too"_s.arg(k(master), k(replica))); !c.ok())
        return c;
    m_session.setRollback(u"remove the replication just configured on %1"_s.arg(k(master)), [this, master, d]() -> Result<QString> {
        (void)m_session.execute(master, d.stopReplicaStatement(), u"rollback: stop replication"_s);
        if (auto reset = m_session.execute(master, d.resetReplicaAllStatement(), u"rollback: forget the co-master link"_s); !reset.ok())
            return Result<QString>::failure(u"rollback failed: %1. To finish by hand: on %2 run %3; %4"_s.arg(
                reset.error(), k(master), d.stopReplicaStatement(), d.resetReplicaAllStatement()));
        return u"%1 is a plain master again"_s.arg(k(master));
    });
    m_session.noteMove(master, replica);
    if (auto s = m_session.execute(master, d.startReplicaStatement(), u"start replicating"_s); !s.ok())
        return s;
    if (auto w = m_session.waitReplicating(master, replica, {}); !w.ok())
        return w;
    m_session.clearRollback();
    return Result<void>::success();
}

Result<void> Refactoring::regroup(const InstanceKey &source)
{
    const QList<InstanceKey> replicas = m_session.topology().childrenOf(source);
    if (replicas.size() < 2)
        return m_session.refuse({u"no-replicas"_s, u"%1 has %2 replica(s): regrouping needs at least two"_s.arg(k(source)).arg(replicas.size())});
    // The candidate: a replica that can serve others and has applied the most of the source's log.
    const Instance *best = nullptr;
    for (const InstanceKey &key : replicas) {
        const Instance *i = m_session.fact(key);
        if (!i || !i->lastCheckValid || !i->logBin || !i->logReplicaUpdates || !i->isReplica() || i->replication->sqlDelay > 0
            || !i->replication->filters.isEmpty())
            continue;
        if (!best || best->replication->execCoordinates < i->replication->execCoordinates)
            best = i;
    }
    if (!best)
        return m_session.refuse({u"no-candidate"_s,
                                 u"none of %1's replicas can serve the others (each needs to answer, log_bin, "
                                 "log_slave_updates, no delay and no filters)"_s.arg(k(source))});
    QList<InstanceKey> others = replicas;
    others.removeAll(best->key);
    m_session.warn(u"%1 is the candidate: it has applied the most of %2's binary log"_s.arg(k(best->key), k(source)));
    return relocateMany(others, best->key);
}

} // namespace arbor::core
