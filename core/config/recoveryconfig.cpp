#include "config/recoveryconfig.h"

#include "config/configreader.h"
#include "config/credentials.h"
#include "core/recovery/hookcommand.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

constexpr int kMaxBlockSeconds = 7 * 86400;
// orchestrator's FailMasterPromotionOnLagMinutes=0 means "no bound".
constexpr int kNoLagBound = 365 * 86400;

struct HookKey
{
    QString name;
    QStringList RecoveryOptions::*list;
};

const QList<HookKey> &hookKeys()
{
    static const QList<HookKey> keys{
        {u"OnFailureDetectionProcesses"_s, &RecoveryOptions::onFailureDetectionProcesses},
        {u"PreFailoverProcesses"_s, &RecoveryOptions::preFailoverProcesses},
        {u"PostMasterFailoverProcesses"_s, &RecoveryOptions::postMasterFailoverProcesses},
        {u"PostIntermediateMasterFailoverProcesses"_s, &RecoveryOptions::postIntermediateMasterFailoverProcesses},
        {u"PostFailoverProcesses"_s, &RecoveryOptions::postFailoverProcesses},
        {u"PostUnsuccessfulFailoverProcesses"_s, &RecoveryOptions::postUnsuccessfulFailoverProcesses},
        {u"PreGracefulTakeoverProcesses"_s, &RecoveryOptions::preGracefulTakeoverProcesses},
        {u"PostGracefulTakeoverProcesses"_s, &RecoveryOptions::postGracefulTakeoverProcesses},
    };
    return keys;
}

void readHooks(ConfigReader &r, const QJsonObject &o, const QString &path, RecoveryOptions &options)
{
    for (const HookKey &h : hookKeys()) {
        QStringList lines;
        if (!r.strings(o, h.name, path, &lines))
            continue;
        bool ok = true;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (const auto parsed = HookCommand::parse(lines.at(i)); !parsed.ok()) {
                r.fail(u"%1[%2]"_s.arg(ConfigReader::join(path, h.name)).arg(i), parsed.error());
                ok = false;
            }
        }
        if (ok)
            options.*h.list = lines;
    }
}

void checkClusterFilters(ConfigReader &r, const QString &path, const QStringList &filters)
{
    for (qsizetype i = 0; i < filters.size(); ++i) {
        QString f = filters.at(i).trimmed();
        if (f.isEmpty() || f == u"*"_s || f.startsWith(u"alias="_s))
            continue;
        if (f.startsWith(u"alias~="_s))
            f = f.mid(7);
        const QRegularExpression re(f);
        if (!re.isValid())
            r.fail(u"%1[%2]"_s.arg(path).arg(i), u"\"%1\" is not a valid regular expression: %2"_s.arg(f, re.errorString()));
    }
}

void checkRegexes(ConfigReader &r, const QString &path, const QStringList &patterns)
{
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        const QRegularExpression re(patterns.at(i));
        if (!re.isValid())
            r.fail(u"%1[%2]"_s.arg(path).arg(i), u"is not a valid regular expression: %1"_s.arg(re.errorString()));
    }
}

// orchestrator runs hooks with `bash -c` by default; Arbor with /bin/sh. Either is fine for the quoting.
void readShell(ConfigReader &r, const QString &path, const QString &shell, RecoveryOptions &ro)
{
    static const QStringList shells{u"sh"_s, u"bash"_s, u"dash"_s};
    const QString name = shell.section(u'/', -1);
    if (!shells.contains(name)) {
        r.fail(path, u"must be sh, bash or dash (a path to one), not \"%1\""_s.arg(shell));
        return;
    }
    ro.hookShell = shell.contains(u'/') ? shell : u"/bin/"_s + name;
}

void warnFailoverDetails(ConfigReader &r, const RecoveryOptions &ro);

// orchestrator's failover-detail keys, with orchestrator's meaning (and both spellings).
void readFailoverDetails(ConfigReader &r, const QJsonObject &o, RecoveryOptions &ro)
{
    bool b = false;
    int n = 0;
    for (const QString &key : {u"DetachLostReplicasAfterMasterFailover"_s, u"DetachLostSlavesAfterMasterFailover"_s}) {
        if (r.boolean(o, key, {}, &b))
            ro.detachLostReplicas = b;
    }
    if (r.boolean(o, u"ApplyMySQLPromotionAfterMasterFailover"_s, {}, &b))
        ro.applyPromotion = b;
    for (const QString &key : {u"MasterFailoverDetachReplicaMasterHost"_s, u"MasterFailoverDetachSlaveMasterHost"_s}) {
        if (r.boolean(o, key, {}, &b) && b)
            ro.detachPromotedMasterHost = true;
    }
    for (const QString &key : {u"PostponeReplicaRecoveryOnLagMinutes"_s, u"PostponeSlaveRecoveryOnLagMinutes"_s}) {
        if (r.integer(o, key, {}, &n, 0, 100000))
            ro.postponeReplicaRecoveryOnLagSeconds = n * 60;
    }
    warnFailoverDetails(r, ro);
}

void warnFailoverDetails(ConfigReader &r, const RecoveryOptions &ro)
{
    if (!ro.applyPromotion)
        r.warnings.append(u"ApplyMySQLPromotionAfterMasterFailover: false: a master failover leaves the promoted server "
                          "read-only and with its replication settings (replication stopped); your hooks must make it "
                          "the master (a graceful takeover still applies it)"_s);
    if (ro.detachPromotedMasterHost && ro.applyPromotion)
        r.warnings.append(u"MasterFailoverDetachReplicaMasterHost: true has no effect while "
                          "ApplyMySQLPromotionAfterMasterFailover is true: RESET SLAVE ALL already removes the promoted "
                          "server's source"_s);
}

void readFlat(ConfigReader &r, const QJsonObject &o, RecoveryConfig &c)
{
    RecoveryOptions &ro = c.options;
    int n = 0;
    if (r.integer(o, u"RecoveryPeriodBlockMinutes"_s, {}, &n, 0, kMaxBlockSeconds / 60))
        ro.recoveryPeriodBlockSeconds = n * 60;
    if (r.integer(o, u"RecoveryPeriodBlockSeconds"_s, {}, &n, 0, kMaxBlockSeconds))
        ro.recoveryPeriodBlockSeconds = n;
    if (r.strings(o, u"RecoverMasterClusterFilters"_s, {}, &ro.recoverMasterClusterFilters))
        checkClusterFilters(r, u"RecoverMasterClusterFilters"_s, ro.recoverMasterClusterFilters);
    if (r.strings(o, u"RecoverIntermediateMasterClusterFilters"_s, {}, &ro.recoverIntermediateMasterClusterFilters))
        checkClusterFilters(r, u"RecoverIntermediateMasterClusterFilters"_s, ro.recoverIntermediateMasterClusterFilters);
    if (r.strings(o, u"PromotionIgnoreHostnameFilters"_s, {}, &ro.promotionIgnoreHostnameFilters))
        checkRegexes(r, u"PromotionIgnoreHostnameFilters"_s, ro.promotionIgnoreHostnameFilters);
    r.boolean(o, u"PreventCrossDataCenterMasterFailover"_s, {}, &ro.preventCrossDataCenterMasterFailover);
    r.boolean(o, u"PreventCrossRegionMasterFailover"_s, {}, &ro.preventCrossRegionMasterFailover);
    bool fail = false;
    bool delay = false;
    const bool hasFail = r.boolean(o, u"FailMasterPromotionIfSQLThreadNotUpToDate"_s, {}, &fail);
    const bool hasDelay = r.boolean(o, u"DelayMasterPromotionIfSQLThreadNotUpToDate"_s, {}, &delay);
    if (fail && delay)
        r.fail(u"FailMasterPromotionIfSQLThreadNotUpToDate"_s,
               u"cannot be true together with DelayMasterPromotionIfSQLThreadNotUpToDate: choose one (fail refuses a "
               "candidate whose relay log is not applied yet, delay waits for it)"_s);
    else if (hasFail || hasDelay)
        ro.relayLogPolicy = fail    ? RecoveryOptions::RelayLogPolicy::Fail
                            : delay ? RecoveryOptions::RelayLogPolicy::Delay
                                    : RecoveryOptions::RelayLogPolicy::Ignore;
    if (r.integer(o, u"FailMasterPromotionOnLagMinutes"_s, {}, &n, 0, 1440))
        ro.failMasterPromotionOnLagSeconds = n == 0 ? kNoLagBound : n * 60;
    if (r.integer(o, u"MasterFailoverLostInstancesDowntimeMinutes"_s, {}, &n, 0, 10080))
        ro.lostReplicasDowntimeSeconds = n * 60;
    if (r.integer(o, u"ReasonableReplicationLagSeconds"_s, {}, &n, 1, 86400))
        c.analysis.reasonableReplicationLagSeconds = n;
    if (r.integer(o, u"ReasonableLockedSemiSyncMasterSeconds"_s, {}, &n, 0, 3600) && n > 0)
        c.analysis.reasonableLockedSemiSyncMasterMs = n * 1000;
    if (r.strings(o, u"RecoveryIgnoreHostnameFilters"_s, {}, &ro.recoveryIgnoreHostnameFilters))
        checkRegexes(r, u"RecoveryIgnoreHostnameFilters"_s, ro.recoveryIgnoreHostnameFilters);
    if (r.integer(o, u"FailureDetectionPeriodBlockMinutes"_s, {}, &n, 0, kMaxBlockSeconds / 60))
        ro.failureDetectionPeriodBlockSeconds = n * 60;
    QString shell;
    if (r.string(o, u"ProcessesShellCommand"_s, {}, &shell) && !shell.isEmpty())
        readShell(r, u"ProcessesShellCommand"_s, shell, ro);
    readFailoverDetails(r, o, ro);
    readHooks(r, o, {}, ro);
}

void readNative(ConfigReader &r, const QJsonObject &root, RecoveryConfig &c)
{
    RecoveryOptions &ro = c.options;
    QJsonObject o;
    int n = 0;
    QString s;
    if (r.object(root, u"recovery"_s, {}, &o)) {
        const QString p = u"recovery"_s;
        r.boolean(o, u"automatic"_s, p, &c.automatic);
        if (r.integer(o, u"recoveryPeriodBlockSeconds"_s, p, &n, 0, kMaxBlockSeconds))
            ro.recoveryPeriodBlockSeconds = n;
        if (r.strings(o, u"recoverMasterClusterFilters"_s, p, &ro.recoverMasterClusterFilters))
            checkClusterFilters(r, p + u".recoverMasterClusterFilters"_s, ro.recoverMasterClusterFilters);
        if (r.strings(o, u"recoverIntermediateMasterClusterFilters"_s, p, &ro.recoverIntermediateMasterClusterFilters))
            checkClusterFilters(r, p + u".recoverIntermediateMasterClusterFilters"_s, ro.recoverIntermediateMasterClusterFilters);
        if (r.strings(o, u"promotionIgnoreHostnameFilters"_s, p, &ro.promotionIgnoreHostnameFilters))
            checkRegexes(r, p + u".promotionIgnoreHostnameFilters"_s, ro.promotionIgnoreHostnameFilters);
        r.boolean(o, u"preventCrossDataCenterMasterFailover"_s, p, &ro.preventCrossDataCenterMasterFailover);
        r.boolean(o, u"preventCrossRegionMasterFailover"_s, p, &ro.preventCrossRegionMasterFailover);
        if (r.integer(o, u"failMasterPromotionOnLagSeconds"_s, p, &n, 1, kNoLagBound))
            ro.failMasterPromotionOnLagSeconds = n;
        if (r.integer(o, u"replicationHistorySeconds"_s, p, &n, 1, 86400))
            ro.replicationHistorySeconds = n;
        if (r.string(o, u"relayLogPolicy"_s, p, &s)) {
            if (s == u"ignore"_s)
                ro.relayLogPolicy = RecoveryOptions::RelayLogPolicy::Ignore;
            else if (s == u"delay"_s)
                ro.relayLogPolicy = RecoveryOptions::RelayLogPolicy::Delay;
            else if (s == u"fail"_s)
                ro.relayLogPolicy = RecoveryOptions::RelayLogPolicy::Fail;
            else
                r.fail(p + u".relayLogPolicy"_s, u"must be \"delay\", \"fail\" or \"ignore\", not \"%1\""_s.arg(s));
        }
        if (r.integer(o, u"relayLogWaitSeconds"_s, p, &n, 1, 3600))
            ro.relayLogWaitSeconds = n;
        if (r.integer(o, u"lostReplicasDowntimeSeconds"_s, p, &n, 0, kMaxBlockSeconds))
            ro.lostReplicasDowntimeSeconds = n;
        if (r.integer(o, u"replicaVerifySeconds"_s, p, &n, 1, 600))
            ro.replicaVerifySeconds = n;
        if (r.strings(o, u"recoveryIgnoreHostnameFilters"_s, p, &ro.recoveryIgnoreHostnameFilters))
            checkRegexes(r, p + u".recoveryIgnoreHostnameFilters"_s, ro.recoveryIgnoreHostnameFilters);
        if (r.integer(o, u"failureDetectionPeriodBlockSeconds"_s, p, &n, 0, kMaxBlockSeconds))
            ro.failureDetectionPeriodBlockSeconds = n;
        if (r.integer(o, u"postponeReplicaRecoveryOnLagSeconds"_s, p, &n, 0, kMaxBlockSeconds))
            ro.postponeReplicaRecoveryOnLagSeconds = n;
        // orchestrator's failover details under their native names (what `arbor config migrate` writes).
        const bool details = r.boolean(o, u"applyPromotion"_s, p, &ro.applyPromotion)
                             | r.boolean(o, u"detachPromotedMasterHost"_s, p, &ro.detachPromotedMasterHost)
                             | r.boolean(o, u"detachLostReplicas"_s, p, &ro.detachLostReplicas);
        if (details)
            warnFailoverDetails(r, ro);
        r.string(o, u"replicationCredentialsFile"_s, p, &c.replicationCredentialsFile);
        if (o.contains(u"replicationPassword"_s))
            r.fail(p + u".replicationPassword"_s, u"passwords do not go into the config: use recovery.replicationCredentialsFile "
                                                  "(a [client] user= password= file, mode 600)"_s);
        r.unknownKeys(o, p,
                      {u"automatic"_s, u"recoveryPeriodBlockSeconds"_s, u"recoverMasterClusterFilters"_s,
                       u"recoverIntermediateMasterClusterFilters"_s, u"promotionIgnoreHostnameFilters"_s,
                       u"preventCrossDataCenterMasterFailover"_s, u"preventCrossRegionMasterFailover"_s,
                       u"failMasterPromotionOnLagSeconds"_s, u"replicationHistorySeconds"_s, u"relayLogPolicy"_s,
                       u"relayLogWaitSeconds"_s, u"lostReplicasDowntimeSeconds"_s, u"replicaVerifySeconds"_s,
                       u"replicationCredentialsFile"_s, u"replicationPassword"_s, u"recoveryIgnoreHostnameFilters"_s,
                       u"failureDetectionPeriodBlockSeconds"_s, u"postponeReplicaRecoveryOnLagSeconds"_s,
                       u"applyPromotion"_s, u"detachPromotedMasterHost"_s, u"detachLostReplicas"_s});
    }
    if (r.object(root, u"hooks"_s, {}, &o)) {
        const QString p = u"hooks"_s;
        if (r.integer(o, u"timeoutSeconds"_s, p, &n, 1, 86400))
            ro.hookTimeoutSeconds = n;
        if (r.string(o, u"shell"_s, p, &s))
            readShell(r, p + u".shell"_s, s, ro);
        readHooks(r, o, p, ro);
        QStringList known{u"timeoutSeconds"_s, u"shell"_s};
        for (const HookKey &h : hookKeys())
            known << h.name;
        r.unknownKeys(o, p, known);
    }
    if (r.object(root, u"analysis"_s, {}, &o)) {
        const QString p = u"analysis"_s;
        if (r.integer(o, u"gracePeriodMilliseconds"_s, p, &n, 0, 600000))
            c.analysis.gracePeriodMs = n;
        if (r.integer(o, u"reasonableReplicationLagSeconds"_s, p, &n, 1, 86400))
            c.analysis.reasonableReplicationLagSeconds = n;
        if (r.integer(o, u"lockedSemiSyncMasterSeconds"_s, p, &n, 1, 3600))
            c.analysis.reasonableLockedSemiSyncMasterMs = n * 1000;
        r.unknownKeys(o, p, {u"gracePeriodMilliseconds"_s, u"reasonableReplicationLagSeconds"_s, u"lockedSemiSyncMasterSeconds"_s});
    }
}

} // namespace

QList<std::pair<QString, QStringList>> RecoveryConfig::hookLists(const RecoveryOptions &options)
{
    QList<std::pair<QString, QStringList>> out;
    for (const HookKey &h : hookKeys())
        out.append({h.name, options.*h.list});
    return out;
}

void RecoveryConfig::read(ConfigReader &reader, const QJsonObject &root, RecoveryConfig *out)
{
    readFlat(reader, root, *out);
    readNative(reader, root, *out);
    if (!out->replicationCredentialsFile.isEmpty()) {
        if (const auto creds = Credentials::fromFile(out->replicationCredentialsFile); !creds.ok())
            reader.fail(u"recovery.replicationCredentialsFile"_s, creds.error());
    }
    const RecoveryOptions &o = out->options;
    if (out->automatic && o.recoverMasterClusterFilters.isEmpty() && o.recoverIntermediateMasterClusterFilters.isEmpty())
        reader.warnings.append(u"recovery: no RecoverMasterClusterFilters nor RecoverIntermediateMasterClusterFilters, so "
                               "failures are detected and recorded but never recovered automatically (use [\"*\"] for "
                               "every cluster)"_s);
}

Result<RecoveryConfig> RecoveryConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<RecoveryConfig>::failure(u"cannot read the config file %1: %2"_s.arg(path, file.errorString()));
    QJsonParseError error;
    const QByteArray json = file.readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<RecoveryConfig>::failure(u"%1: not valid JSON at line %2: %3"_s.arg(path)
                                                   .arg(json.left(error.offset).count('\n') + 1)
                                                   .arg(error.errorString()));
    if (!doc.isObject())
        return Result<RecoveryConfig>::failure(u"%1: the config must be a JSON object { ... }"_s.arg(path));
    ConfigReader reader;
    RecoveryConfig c;
    read(reader, doc.object(), &c);
    if (!reader.errors.isEmpty())
        return Result<RecoveryConfig>::failure(u"%1: %2"_s.arg(path, reader.errors.join(u"; "_s)));
    return c;
}

Result<RecoveryOptions> RecoveryConfig::resolvedOptions() const
{
    RecoveryOptions o = options;
    if (!replicationCredentialsFile.isEmpty()) {
        const auto creds = Credentials::fromFile(replicationCredentialsFile);
        if (!creds.ok())
            return Result<RecoveryOptions>::failure(u"recovery.replicationCredentialsFile: %1"_s.arg(creds.error()));
        o.replicationUser = creds->user();
        o.replicationPassword = creds->password();
    }
    return o;
}

QString RecoveryConfig::summary() const
{
    const RecoveryOptions &o = options;
    int hooks = 0;
    for (const HookKey &h : hookKeys())
        hooks += int((o.*h.list).size());
    return u"recovery.automatic %1; clusters recovered automatically: masters %2, intermediate masters %3; block period "
           "%4 s; %5 hook command(s), %6 s timeout; grace period %7 ms"_s
        .arg(automatic ? u"true"_s : u"false"_s,
             o.recoverMasterClusterFilters.isEmpty() ? u"none"_s : o.recoverMasterClusterFilters.join(u", "_s),
             o.recoverIntermediateMasterClusterFilters.isEmpty() ? u"none"_s
                                                                 : o.recoverIntermediateMasterClusterFilters.join(u", "_s))
        .arg(o.recoveryPeriodBlockSeconds)
        .arg(hooks)
        .arg(o.hookTimeoutSeconds)
        .arg(analysis.gracePeriodMs);
}

} // namespace arbor::core
