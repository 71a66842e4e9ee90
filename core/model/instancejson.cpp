#include "model/instancejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// orchestrator's ReplicationThreadState: -1 no thread (not a replica), 0 stopped, 1 running, 2 other.
constexpr int kThreadNone = -1;
constexpr int kThreadStopped = 0;
constexpr int kThreadRunning = 1;
constexpr int kThreadOther = 2;

// orchestrator's BinlogType.
constexpr int kBinaryLog = 0;
constexpr int kRelayLog = 1;

int threadStateCode(ReplicationState::ThreadState state)
{
    switch (state) {
    case ReplicationState::ThreadState::Running: return kThreadRunning;
    case ReplicationState::ThreadState::Connecting: return kThreadOther;
    case ReplicationState::ThreadState::Stopped: break;
    }
    return kThreadStopped;
}

ReplicationState::ThreadState threadStateFromCode(int code)
{
    if (code == kThreadRunning)
        return ReplicationState::ThreadState::Running;
    if (code == kThreadOther)
        return ReplicationState::ThreadState::Connecting;
    return ReplicationState::ThreadState::Stopped;
}

Flavour flavourFromName(const QString &name)
{
    for (Flavour f : {Flavour::MariaDB, Flavour::MySQL, Flavour::Percona}) {
        if (name.compare(flavourName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return Flavour::Unknown;
}

QJsonObject keyJson(const InstanceKey &key)
{
    return QJsonObject{{u"Hostname"_s, key.host()}, {u"Port"_s, key.port()}};
}

QJsonObject coordinatesJson(const BinlogCoordinates &c, int type)
{
    return QJsonObject{{u"LogFile"_s, c.file}, {u"LogPos"_s, c.position}, {u"Type"_s, type}};
}

QJsonObject nullInt64Json(const std::optional<qint64> &value)
{
    return QJsonObject{{u"Int64"_s, value.value_or(0)}, {u"Valid"_s, value.has_value()}};
}

QJsonArray stringsJson(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

const char *typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return "a boolean";
    case QJsonValue::Double: return "a number";
    case QJsonValue::String: return "a string";
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: break;
    }
    return "undefined";
}

// Reads typed values from one JSON object, remembering the first problem with its full key path
// ("Arbor.Replication.LastIoErrno") so the caller reports one precise sentence.
class Reader
{
public:
    Reader(const QJsonObject &object, QString path, QString *error)
        : m_object(object), m_path(std::move(path)), m_error(error)
    {
    }

    bool has(const QString &key) const { return m_object.contains(key); }
    bool isNull(const QString &key) const { return m_object.value(key).isNull(); }
    QString path(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    void fail(const QString &key, const QString &expected, const QJsonValue &found)
    {
        if (m_error->isEmpty())
            *m_error = u"key '%1' must be %2, found %3"_s.arg(path(key), expected, QLatin1String(typeName(found)));
    }
    void failText(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
    }

    QString string(const QString &key, const QString &fallback = {})
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isString()) {
            fail(key, u"a string"_s, v);
            return fallback;
        }
        return v.toString();
    }

    qint64 integer(const QString &key, qint64 fallback = 0)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble()) {
            fail(key, u"an integer"_s, v);
            return fallback;
        }
        // toInteger() gives the default for fractions and values beyond qint64: two defaults tell.
        const qint64 value = v.toInteger(0);
        if (value != v.toInteger(1)) {
            fail(key, u"an integer"_s, v);
            return fallback;
        }
        return value;
    }

    int int32(const QString &key, int fallback = 0)
    {
        const qint64 value = integer(key, fallback);
        if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
            failText(u"key '%1' must be a 32-bit integer, found %2"_s.arg(path(key)).arg(value));
            return fallback;
        }
        return int(value);
    }

    bool boolean(const QString &key, bool fallback = false)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(key, u"true or false"_s, v);
            return fallback;
        }
        return v.toBool();
    }

    std::optional<double> nullableNumber(const QString &key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble()) {
            fail(key, u"a number or null"_s, v);
            return std::nullopt;
        }
        return v.toDouble();
    }

    QJsonObject object(const QString &key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isObject()) {
            fail(key, u"an object"_s, v);
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QString &key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            fail(key, u"an array"_s, v);
            return {};
        }
        return v.toArray();
    }

    QStringList strings(const QString &key)
    {
        const QJsonArray a = array(key);
        QStringList out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                failText(u"key '%1[%2]' must be a string, found %3"_s.arg(path(key)).arg(i).arg(QLatin1String(typeName(a.at(i)))));
                return {};
            }
            out.append(a.at(i).toString());
        }
        return out;
    }

    QDateTime timestamp(const QString &key)
    {
        const QString text = string(key);
        if (text.isEmpty())
            return {};
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid()) {
            failText(u"key '%1' must be an ISO 8601 timestamp such as 2024-05-01T12:00:00.000Z, found '%2'"_s.arg(path(key), text));
            return {};
        }
        return t.toUTC();
    }

    InstanceKey key(const QString &key)
    {
        Reader sub(object(key), path(key), m_error);
        const QString host = sub.string(u"Hostname"_s);
        const int port = sub.int32(u"Port"_s);
        return InstanceKey(host, port);
    }

    BinlogCoordinates coordinates(const QString &key)
    {
        Reader sub(object(key), path(key), m_error);
        return BinlogCoordinates{sub.string(u"LogFile"_s), sub.integer(u"LogPos"_s)};
    }

    std::optional<qint64> nullInt64(const QString &key)
    {
        Reader sub(object(key), path(key), m_error);
        const qint64 value = sub.integer(u"Int64"_s);
        if (!sub.boolean(u"Valid"_s))
            return std::nullopt;
        return value;
    }

    QList<InstanceKey> keys(const QString &key)
    {
        const QJsonArray a = array(key);
        QList<InstanceKey> out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString itemPath = u"%1[%2]"_s.arg(path(key)).arg(i);
            if (!a.at(i).isObject()) {
                failText(u"key '%1' must be an object with Hostname and Port, found %2"_s.arg(itemPath, QLatin1String(typeName(a.at(i)))));
                return {};
            }
            Reader item(a.at(i).toObject(), itemPath, m_error);
            const QString host = item.string(u"Hostname"_s);
            const int port = item.int32(u"Port"_s);
            out.append(InstanceKey(host, port));
        }
        return out;
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString *m_error;
};

} // namespace

QString InstanceJson::formatTimestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject InstanceJson::toJson(const Instance &in)
{
    const bool replica = in.replication.has_value();
    const ReplicationState rs = in.replication.value_or(ReplicationState());
    const bool usesGtid = replica && rs.usesGtid();
    const int ioCode = replica ? threadStateCode(rs.ioThread) : kThreadNone;
    const int sqlCode = replica ? threadStateCode(rs.sqlThread) : kThreadNone;
    const std::optional<qint64> lag = in.lagSeconds();

    QJsonArray replicas;
    for (const InstanceKey &k : in.replicaKeys)
        replicas.append(keyJson(k));

    QJsonObject o;
    o.insert(u"Key"_s, keyJson(in.key));
    o.insert(u"Uptime"_s, in.uptimeSeconds);
    o.insert(u"ServerID"_s, in.serverId);
    o.insert(u"ServerUUID"_s, in.serverUuid);
    o.insert(u"Version"_s, in.version);
    o.insert(u"VersionComment"_s, in.versionComment);
    o.insert(u"FlavorName"_s, flavourName(in.flavour));
    o.insert(u"ReadOnly"_s, in.readOnly);
    o.insert(u"Binlog_format"_s, in.binlogFormat);
    o.insert(u"BinlogRowImage"_s, in.binlogRowImage);
    o.insert(u"LogBinEnabled"_s, in.logBin);
    o.insert(u"LogSlaveUpdatesEnabled"_s, in.logReplicaUpdates);
    o.insert(u"LogReplicationUpdatesEnabled"_s, in.logReplicaUpdates);
    o.insert(u"SelfBinlogCoordinates"_s, coordinatesJson(in.selfCoordinates, kBinaryLog));
    o.insert(u"MasterKey"_s, keyJson(rs.sourceKey));
    o.insert(u"MasterUUID"_s, rs.sourceUuid);
    o.insert(u"Slave_SQL_Running"_s, sqlCode == kThreadRunning);
    o.insert(u"ReplicationSQLThreadRuning"_s, sqlCode == kThreadRunning);
    o.insert(u"Slave_IO_Running"_s, ioCode == kThreadRunning);
    o.insert(u"ReplicationIOThreadRuning"_s, ioCode == kThreadRunning);
    o.insert(u"ReplicationSQLThreadState"_s, sqlCode);
    o.insert(u"ReplicationIOThreadState"_s, ioCode);
    o.insert(u"HasReplicationFilters"_s, !rs.filters.isEmpty());
    o.insert(u"GTIDMode"_s, in.gtidMode);
    o.insert(u"UsingOracleGTID"_s, usesGtid && in.flavour != Flavour::MariaDB);
    o.insert(u"UsingMariaDBGTID"_s, usesGtid && in.flavour == Flavour::MariaDB);
    o.insert(u"ReadBinlogCoordinates"_s, coordinatesJson(rs.readCoordinates, kBinaryLog));
    o.insert(u"ExecBinlogCoordinates"_s, coordinatesJson(rs.execCoordinates, kBinaryLog));
    o.insert(u"RelaylogCoordinates"_s, coordinatesJson(rs.relayCoordinates, kRelayLog));
    o.insert(u"LastSQLError"_s, rs.lastSqlError);
    o.insert(u"LastIOError"_s, rs.lastIoError);
    o.insert(u"SecondsBehindMaster"_s, nullInt64Json(rs.secondsBehindSource));
    o.insert(u"SQLDelay"_s, rs.sqlDelay);
    o.insert(u"ExecutedGtidSet"_s, in.executedGtidSet);
    o.insert(u"GtidPurged"_s, in.purgedGtidSet);
    o.insert(u"SlaveLagSeconds"_s, nullInt64Json(lag));
    o.insert(u"ReplicationLagSeconds"_s, nullInt64Json(lag));
    o.insert(u"SlaveHosts"_s, replicas);
    o.insert(u"Replicas"_s, replicas);
    o.insert(u"DataCenter"_s, in.dataCenter);
    o.insert(u"Region"_s, in.region);
    o.insert(u"SemiSyncAvailable"_s, in.semiSync.available);
    o.insert(u"SemiSyncMasterEnabled"_s, in.semiSync.sourceEnabled);
    o.insert(u"SemiSyncReplicaEnabled"_s, in.semiSync.replicaEnabled);
    o.insert(u"SemiSyncMasterTimeout"_s, in.semiSync.sourceTimeoutMs);
    o.insert(u"SemiSyncMasterWaitForReplicaCount"_s, in.semiSync.sourceWaitForReplicaCount);
    o.insert(u"SemiSyncMasterStatus"_s, in.semiSync.sourceActive);
    o.insert(u"SemiSyncMasterClients"_s, in.semiSync.sourceClients);
    o.insert(u"SemiSyncReplicaStatus"_s, in.semiSync.replicaActive);
    o.insert(u"LastSeenTimestamp"_s, formatTimestamp(in.lastSeen));
    o.insert(u"IsLastCheckValid"_s, in.lastCheckValid);
    o.insert(u"LastDiscoveryLatency"_s, in.pollLatencyUs * 1000); // orchestrator: nanoseconds

    QJsonObject arbor;
    arbor.insert(u"Hostname"_s, in.hostname);
    arbor.insert(u"ReportHost"_s, in.reportHost);
    arbor.insert(u"ReportPort"_s, in.reportPort);
    arbor.insert(u"SuperReadOnly"_s, in.superReadOnly);
    arbor.insert(u"SlaveNetTimeout"_s, in.replicaNetTimeout);
    arbor.insert(u"GtidBinlogPos"_s, in.gtidBinlogPos);
    arbor.insert(u"GtidSlavePos"_s, in.gtidSlavePos);
    arbor.insert(u"GtidStrictMode"_s, in.gtidStrictMode);
    arbor.insert(u"GtidDomainId"_s, in.gtidDomainId);
    arbor.insert(u"HeartbeatLagSeconds"_s, in.heartbeatLagSeconds ? QJsonValue(*in.heartbeatLagSeconds) : QJsonValue(QJsonValue::Null));
    arbor.insert(u"LastChecked"_s, formatTimestamp(in.lastChecked));
    arbor.insert(u"LastError"_s, in.lastError);
    arbor.insert(u"PollLatencyUs"_s, in.pollLatencyUs);
    arbor.insert(u"Warnings"_s, stringsJson(in.warnings));
    if (replica) {
        QJsonObject r;
        r.insert(u"SourceUser"_s, rs.sourceUser);
        r.insert(u"SourceServerId"_s, rs.sourceServerId);
        r.insert(u"LastIoErrno"_s, rs.lastIoErrno);
        r.insert(u"LastSqlErrno"_s, rs.lastSqlErrno);
        r.insert(u"GtidPositioning"_s, rs.gtidPositioning);
        r.insert(u"GtidIoPos"_s, rs.gtidIoPos);
        r.insert(u"RetrievedGtidSet"_s, rs.retrievedGtidSet);
        r.insert(u"ExecutedGtidSet"_s, rs.executedGtidSet);
        r.insert(u"Filters"_s, stringsJson(rs.filters));
        r.insert(u"SslAllowed"_s, rs.sslAllowed);
        r.insert(u"ConnectRetry"_s, rs.connectRetry);
        arbor.insert(u"Replication"_s, r);
    } else {
        arbor.insert(u"Replication"_s, QJsonValue(QJsonValue::Null));
    }
    o.insert(u"Arbor"_s, arbor);
    return o;
}

Result<Instance> InstanceJson::fromJson(const QJsonObject &json)
{
    QString error;
    Reader r(json, QString(), &error);
    auto failed = [&error]() {
        return Result<Instance>::failure(u"cannot read an instance from JSON: %1."_s.arg(error));
    };

    if (!r.has(u"Key"_s))
        return Result<Instance>::failure(u"cannot read an instance from JSON: the required key 'Key' is missing."_s);

    Instance in;
    in.key = r.key(u"Key"_s);
    if (error.isEmpty() && !in.key.isValid())
        error = u"key 'Key' must hold a non-empty Hostname and a Port above 0"_s;
    in.uptimeSeconds = r.integer(u"Uptime"_s);
    in.serverId = r.integer(u"ServerID"_s);
    in.serverUuid = r.string(u"ServerUUID"_s);
    in.version = r.string(u"Version"_s);
    in.versionComment = r.string(u"VersionComment"_s);
    in.flavour = flavourFromName(r.string(u"FlavorName"_s));
    in.readOnly = r.boolean(u"ReadOnly"_s);
    in.binlogFormat = r.string(u"Binlog_format"_s);
    in.binlogRowImage = r.string(u"BinlogRowImage"_s);
    in.logBin = r.boolean(u"LogBinEnabled"_s);
    in.logReplicaUpdates = r.has(u"LogReplicationUpdatesEnabled"_s) ? r.boolean(u"LogReplicationUpdatesEnabled"_s)
                                                                     : r.boolean(u"LogSlaveUpdatesEnabled"_s);
    in.selfCoordinates = r.coordinates(u"SelfBinlogCoordinates"_s);
    in.gtidMode = r.string(u"GTIDMode"_s);
    in.executedGtidSet = r.string(u"ExecutedGtidSet"_s);
    in.purgedGtidSet = r.string(u"GtidPurged"_s);
    in.replicaKeys = r.keys(r.has(u"SlaveHosts"_s) ? u"SlaveHosts"_s : u"Replicas"_s);
    in.dataCenter = r.string(u"DataCenter"_s);
    in.region = r.string(u"Region"_s);
    in.semiSync.available = r.boolean(u"SemiSyncAvailable"_s);
    in.semiSync.sourceEnabled = r.boolean(u"SemiSyncMasterEnabled"_s);
    in.semiSync.replicaEnabled = r.boolean(u"SemiSyncReplicaEnabled"_s);
    in.semiSync.sourceTimeoutMs = r.integer(u"SemiSyncMasterTimeout"_s);
    in.semiSync.sourceWaitForReplicaCount = r.int32(u"SemiSyncMasterWaitForReplicaCount"_s);
    in.semiSync.sourceActive = r.boolean(u"SemiSyncMasterStatus"_s);
    in.semiSync.sourceClients = r.int32(u"SemiSyncMasterClients"_s);
    in.semiSync.replicaActive = r.boolean(u"SemiSyncReplicaStatus"_s);
    in.lastSeen = r.timestamp(u"LastSeenTimestamp"_s);
    in.lastCheckValid = r.boolean(u"IsLastCheckValid"_s);
    in.pollLatencyUs = r.integer(u"LastDiscoveryLatency"_s) / 1000;

    // Replication facts that orchestrator also names.
    ReplicationState rs;
    rs.sourceKey = r.key(u"MasterKey"_s);
    rs.sourceUuid = r.string(u"MasterUUID"_s);
    const int sqlCode = r.int32(u"ReplicationSQLThreadState"_s, kThreadNone);
    const int ioCode = r.int32(u"ReplicationIOThreadState"_s, kThreadNone);
    for (const auto &[name, code] : {std::pair{u"ReplicationSQLThreadState"_s, sqlCode}, std::pair{u"ReplicationIOThreadState"_s, ioCode}}) {
        if (code < kThreadNone || code > kThreadOther)
            r.failText(u"key '%1' must be -1, 0, 1 or 2, found %2"_s.arg(name).arg(code));
    }
    rs.sqlThread = threadStateFromCode(sqlCode);
    rs.ioThread = threadStateFromCode(ioCode);
    rs.readCoordinates = r.coordinates(u"ReadBinlogCoordinates"_s);
    rs.execCoordinates = r.coordinates(u"ExecBinlogCoordinates"_s);
    rs.relayCoordinates = r.coordinates(u"RelaylogCoordinates"_s);
    rs.lastSqlError = r.string(u"LastSQLError"_s);
    rs.lastIoError = r.string(u"LastIOError"_s);
    rs.secondsBehindSource = r.nullInt64(u"SecondsBehindMaster"_s);
    rs.sqlDelay = r.integer(u"SQLDelay"_s);
    bool replica = rs.sourceKey.isValid() || sqlCode != kThreadNone || ioCode != kThreadNone;

    if (r.has(u"Arbor"_s)) {
        Reader a(r.object(u"Arbor"_s), u"Arbor"_s, &error);
        in.hostname = a.string(u"Hostname"_s);
        in.reportHost = a.string(u"ReportHost"_s);
        in.reportPort = a.int32(u"ReportPort"_s);
        in.superReadOnly = a.boolean(u"SuperReadOnly"_s);
        in.replicaNetTimeout = a.int32(u"SlaveNetTimeout"_s);
        in.gtidBinlogPos = a.string(u"GtidBinlogPos"_s);
        in.gtidSlavePos = a.string(u"GtidSlavePos"_s);
        in.gtidStrictMode = a.boolean(u"GtidStrictMode"_s);
        in.gtidDomainId = a.integer(u"GtidDomainId"_s);
        in.heartbeatLagSeconds = a.nullableNumber(u"HeartbeatLagSeconds"_s);
        in.lastChecked = a.timestamp(u"LastChecked"_s);
        in.lastError = a.string(u"LastError"_s);
        if (a.has(u"PollLatencyUs"_s))
            in.pollLatencyUs = a.integer(u"PollLatencyUs"_s);
        in.warnings = a.strings(u"Warnings"_s);
        if (a.has(u"Replication"_s)) {
            replica = !a.isNull(u"Replication"_s);
            if (replica) {
                Reader rr(a.object(u"Replication"_s), a.path(u"Replication"_s), &error);
                rs.sourceUser = rr.string(u"SourceUser"_s);
                rs.sourceServerId = rr.integer(u"SourceServerId"_s);
                rs.lastIoErrno = rr.int32(u"LastIoErrno"_s);
                rs.lastSqlErrno = rr.int32(u"LastSqlErrno"_s);
                rs.gtidPositioning = rr.string(u"GtidPositioning"_s, u"No"_s);
                rs.gtidIoPos = rr.string(u"GtidIoPos"_s);
                rs.retrievedGtidSet = rr.string(u"RetrievedGtidSet"_s);
                rs.executedGtidSet = rr.string(u"ExecutedGtidSet"_s);
                rs.filters = rr.strings(u"Filters"_s);
                rs.sslAllowed = rr.boolean(u"SslAllowed"_s);
                rs.connectRetry = rr.int32(u"ConnectRetry"_s);
            }
        }
    } else if (replica) {
        // orchestrator's JSON: keep what it tells of GTID positioning and filters.
        if (r.boolean(u"UsingMariaDBGTID"_s))
            rs.gtidPositioning = u"Slave_Pos"_s;
        else if (r.boolean(u"UsingOracleGTID"_s))
            rs.gtidPositioning = u"auto-position"_s;
        if (r.boolean(u"HasReplicationFilters"_s))
            rs.filters = QStringList{u"(filters not named by orchestrator)"_s};
    }

    if (!error.isEmpty())
        return failed();
    if (replica)
        in.replication = rs;
    return in;
}

QString InstanceJson::toText(const Instance &instance)
{
    return QString::fromUtf8(QJsonDocument(toJson(instance)).toJson(QJsonDocument::Compact));
}

Result<Instance> InstanceJson::fromText(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<Instance>::failure(u"cannot read an instance from JSON: %1 at offset %2."_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return Result<Instance>::failure(u"cannot read an instance from JSON: the text is not a JSON object."_s);
    return fromJson(doc.object());
}

} // namespace arbor::core
