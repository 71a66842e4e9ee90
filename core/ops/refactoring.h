#pragma once

#include "ops/operationoptions.h"
#include "ops/operationrequest.h"
#include "ops/opssession.h"

#include <optional>

namespace arbor::core {

// Operations that change who replicates from whom: relocate and its classic forms (move-up,
// move-below, repoint), the multi-replica forms, take-master, make-co-master. Each move picks a
// method: GTID when the replica uses it and the target can serve it, else binlog coordinates
// aligned with START SLAVE UNTIL (below a sibling, or up to the grandparent). Every move first
// passes the legality rules, then registers how to undo itself before each step that changes state.
class Refactoring
{
public:
    enum class Method { Repoint, Gtid, CoordinatesBelowSibling, CoordinatesUp };
    struct Decision
    {
        Method method = Method::Gtid;
        std::optional<Refusal> refusal;
        QString warning;
    };

    Refactoring(OpsSession &session, OperationOptions options);

    static bool handles(OperationKind kind);
    Result<void> run(const OperationRequest &request);

    // The method a relocate of @p replica below @p target would use, or why it is refused: pure,
    // from the session's facts; what drag feedback shows.
    Decision decide(const InstanceKey &replica, const InstanceKey &target) const;
    // From now on decide() only accepts GTID moves (move-gtid, move-replicas-gtid).
    void requireGtid() { m_gtidOnly = true; }
    static QString methodName(Method method, const Instance &replica);

private:
    Decision decideAnyMethod(const InstanceKey &replica, const InstanceKey &target) const;
    Result<void> relocate(const InstanceKey &replica, const InstanceKey &target);
    Result<void> relocateMany(const QList<InstanceKey> &replicas, const InstanceKey &target,
                              const std::function<InstanceKey(const InstanceKey &)> &targetFor = {});
    Result<void> moveUp(const InstanceKey &replica);
    Result<void> moveBelow(const InstanceKey &replica, const InstanceKey &sibling);
    Result<void> repoint(const InstanceKey &replica, const InstanceKey &target);
    Result<void> takeMaster(const InstanceKey &replica);
    Result<void> makeCoMaster(const InstanceKey &replica);
    Result<void> regroup(const InstanceKey &source);

    Result<void> execute(const Decision &decision, const InstanceKey &replica, const InstanceKey &target);
    Result<void> moveViaGtid(const InstanceKey &replica, const InstanceKey &target);
    Result<void> moveBelowViaCoordinates(const InstanceKey &replica, const InstanceKey &sibling);
    Result<void> moveUpViaCoordinates(const InstanceKey &replica);
    Result<void> repointSame(const InstanceKey &replica);

    // The CHANGE MASTER options; credentials as OperationOptions::applyCredentials() decides (none
    // in a rollback, so the replica keeps what it had).
    Dialect::ChangeSource changeTo(const InstanceKey &replica, const InstanceKey &source,
                                   Dialect::ChangeSource::Positioning positioning, const BinlogCoordinates &at = {},
                                   bool forRollback = false) const;
    std::optional<Refusal> refusalFor(const InstanceKey &key, const QString &role) const;
    // Undo for a replica whose source changed by coordinates: back to @p original at @p originalAt,
    // only if it has applied nothing from @p newSource past @p newAt (otherwise it would repeat events).
    OpsSession::RollbackFn coordinateRollback(const InstanceKey &replica, const InstanceKey &original,
                                              const BinlogCoordinates &originalAt, const InstanceKey &newSource,
                                              const BinlogCoordinates &newAt, const QList<InstanceKey> &alsoStart);
    OpsSession::RollbackFn startAgain(const QList<std::pair<InstanceKey, InstanceKey>> &replicasAndSources);

    OpsSession &m_session;
    OperationOptions m_options;
    bool m_gtidOnly = false;
};

} // namespace arbor::core
