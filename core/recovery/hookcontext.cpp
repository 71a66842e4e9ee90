#include "core/recovery/hookcontext.h"

#include "util/secretvalues.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

QString keys(const QList<InstanceKey> &list)
{
    QStringList out;
    for (const InstanceKey &k : list)
        out << k.toString();
    return out.join(u',');
}

QString flag(bool b)
{
    return b ? u"true"_s : u"false"_s;
}

} // namespace

QHash<QString, QString> HookContext::placeholders() const
{
    const bool isMaster = instanceType == u"master"_s;
    QHash<QString, QString> v{
        {u"failureType"_s, failureType},
        {u"instanceType"_s, instanceType},
        {u"isMaster"_s, flag(isMaster)},
        {u"isCoMaster"_s, flag(false)},
        {u"failureDescription"_s, failureDescription},
        {u"command"_s, command},
        {u"failedHost"_s, failed.host()},
        {u"failedPort"_s, QString::number(failed.port())},
        {u"failureCluster"_s, clusterName},
        {u"failureClusterAlias"_s, clusterAlias},
        {u"failureClusterDomain"_s, clusterDomain},
        {u"countReplicas"_s, QString::number(replicas.size())},
        {u"countSlaves"_s, QString::number(replicas.size())},
        {u"isDowntimed"_s, flag(isDowntimed)},
        {u"autoMasterRecovery"_s, flag(autoMasterRecovery)},
        {u"autoIntermediateMasterRecovery"_s, flag(autoIntermediateMasterRecovery)},
        {u"orchestratorHost"_s, arborHost},
        {u"recoveryUID"_s, recoveryUid},
        {u"isSuccessful"_s, flag(isSuccessful)},
        {u"lostReplicas"_s, keys(lostReplicas)},
        {u"lostSlaves"_s, keys(lostReplicas)},
        {u"countLostReplicas"_s, QString::number(lostReplicas.size())},
        {u"replicaHosts"_s, keys(replicas)},
        {u"slaveHosts"_s, keys(replicas)},
    };
    if (successor.isValid()) {
        v.insert(u"successorHost"_s, successor.host());
        v.insert(u"successorPort"_s, QString::number(successor.port()));
        v.insert(u"successorBinlogCoordinates"_s, successorBinlogCoordinates);
        v.insert(u"successorAlias"_s, successorAlias);
    }
    return v;
}

QProcessEnvironment HookContext::scrubbed(const QProcessEnvironment &base)
{
    // Arbor's own credentials (ARBOR_TOPOLOGY_PASSWORD, ARBOR_BACKEND_PASSWORD, ARBOR_API_PASSWORD, ...)
    // and anything named like a secret stay with Arbor; so do inherited ORC_* / ARBOR_* values, which
    // a hook would take for this recovery's; so does any variable holding a password Arbor knows.
    static const QRegularExpression secretName(u"PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|^MYSQL_PWD$|_PWD$"_s,
                                               QRegularExpression::CaseInsensitiveOption);
    const QStringList known = SecretValues::all();
    QProcessEnvironment env;
    for (const QString &name : base.keys()) {
        const QString value = base.value(name);
        if (name.startsWith(u"ORC_"_s) || name.startsWith(u"ARBOR_"_s) || secretName.match(name).hasMatch()
            || known.contains(value))
            continue;
        env.insert(name, value);
    }
    return env;
}

QProcessEnvironment HookContext::environment(QProcessEnvironment env) const
{
    static const QList<std::pair<QString, QString>> names{
        {u"FAILURE_TYPE"_s, u"failureType"_s},
        {u"INSTANCE_TYPE"_s, u"instanceType"_s},
        {u"IS_MASTER"_s, u"isMaster"_s},
        {u"IS_CO_MASTER"_s, u"isCoMaster"_s},
        {u"FAILURE_DESCRIPTION"_s, u"failureDescription"_s},
        {u"COMMAND"_s, u"command"_s},
        {u"FAILED_HOST"_s, u"failedHost"_s},
        {u"FAILED_PORT"_s, u"failedPort"_s},
        {u"FAILURE_CLUSTER"_s, u"failureCluster"_s},
        {u"FAILURE_CLUSTER_ALIAS"_s, u"failureClusterAlias"_s},
        {u"FAILURE_CLUSTER_DOMAIN"_s, u"failureClusterDomain"_s},
        {u"COUNT_REPLICAS"_s, u"countReplicas"_s},
        {u"IS_DOWNTIMED"_s, u"isDowntimed"_s},
        {u"AUTO_MASTER_RECOVERY"_s, u"autoMasterRecovery"_s},
        {u"AUTO_INTERMEDIATE_MASTER_RECOVERY"_s, u"autoIntermediateMasterRecovery"_s},
        {u"ORCHESTRATOR_HOST"_s, u"orchestratorHost"_s},
        {u"IS_SUCCESSFUL"_s, u"isSuccessful"_s},
        {u"LOST_REPLICAS"_s, u"lostReplicas"_s},
        {u"REPLICA_HOSTS"_s, u"replicaHosts"_s},
        {u"RECOVERY_UID"_s, u"recoveryUID"_s},
        {u"SUCCESSOR_HOST"_s, u"successorHost"_s},
        {u"SUCCESSOR_PORT"_s, u"successorPort"_s},
        {u"SUCCESSOR_BINLOG_COORDINATES"_s, u"successorBinlogCoordinates"_s},
        {u"SUCCESSOR_ALIAS"_s, u"successorAlias"_s},
    };
    env = scrubbed(env);
    const QHash<QString, QString> values = placeholders();
    for (const auto &[env_, placeholder] : names) {
        const auto it = values.constFind(placeholder);
        if (it == values.constEnd())
            continue;
        env.insert(u"ORC_"_s + env_, *it);
        env.insert(u"ARBOR_"_s + env_, *it);
    }
    env.insert(u"ARBOR_ARBOR_HOST"_s, arborHost);
    return env;
}

} // namespace arbor::core
