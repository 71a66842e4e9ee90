#include "model/instancejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
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
    case ReplicationState::ThreadState::Running:
        return kThreadRunning;
    case ReplicationState::ThreadState::Connecting:
        return kThreadOther;
    case ReplicationState::ThreadState::Stopped:
        break;
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

// Writes compact JSON text in a fixed key order (orchestrator's order first, then "Arbor").
// Commas are placed by tracking whether the current container already has a member.
class JsonWriter
{
public:
    JsonWriter() { m_out.reserve(2048); }

    void beginObject() { open(u'{'); }
    void endObject() { close(u'}'); }
    void beginArray() { open(u'['); }
    void endArray() { close(u']'); }

    void key(QStringView name)
    {
        separate();
        string(name);
        m_out += u':';
        m_afterKey = true;
    }
    void value(const QString &text) { separate(), string(text); }
    void value(bool b) { separate(), m_out += b ? u"true"_s : u"false"_s; }
    void value(int n) { separate(), m_out += QString::number(n); }
    void value(qint64 n) { separate(), m_out += QString::number(n); }
    void value(double d)
    {
        separate();
        // JSON has no NaN or infinity; shortest form round-trips exactly.
        m_out += std::isfinite(d) ? QString::number(d, 'g', QLocale::FloatingPointShortest) : u"null"_s;
    }
    void null() { separate(), m_out += u"null"_s; }

    void instanceKey(const InstanceKey &k)
    {
        beginObject();
        key(u"Hostname"), value(k.host());
        key(u"Port"), value(k.port());
        endObject();
    }
    void instanceKeys(const QList<InstanceKey> &keys)
    {
        beginArray();
        for (const InstanceKey &k : keys)
            instanceKey(k);
        endArray();
    }
    void coordinates(const BinlogCoordinates &c, int type)
    {
        beginObject();
        key(u"LogFile"), value(c.file);
        key(u"LogPos"), value(c.position);
        key(u"Type"), value(type);
        endObject();
    }
    void nullInt64(const std::optional<qint64> &v)
    {
        beginObject();
        key(u"Int64"), value(v.value_or(0));
        key(u"Valid"), value(v.has_value());
        endObject();
    }
    void strings(const QStringList &list)
    {
        beginArray();
        for (const QString &s : list)
            value(s);
        endArray();
    }

    QString take() { return std::move(m_out); }

private:
    void open(QChar c)
    {
        separate();
        m_out += c;
        m_first = true;
    }
    void close(QChar c)
    {
        m_out += c;
        m_first = false;
    }
    void separate()
    {
        if (m_afterKey)
            m_afterKey = false;
        else if (!m_first)
            m_out += u',';
        m_first = false;
    }
    void string(QStringView s)
    {
        m_out += u'"';
        for (QChar c : s) {
            const char16_t u = c.unicode();
            switch (u) {
            case u'"':
                m_out += u"\\\"";
                break;
            case u'\\':
                m_out += u"\\\\";
                break;
            case u'\n':
                m_out += u"\\n";
                break;
            case u'\r':
                m_out += u"\\r";
                break;
            case u'\t':
                m_out += u"\\t";
                break;
            case u'\b':
                m_out += u"\\b";
                break;
            case u'\f':
                m_out += u"\\f";
                break;
            default:
                if (u < 0x20)
                    m_out += u"\\u"_s + QString::number(u, 16).rightJustified(4, u'0');
                else
                    m_out += c;
            }
        }
        m_out += u'"';
    }

    QString m_out;
    bool m_first = true;     // no member yet in the current container
    bool m_afterKey = false; // a key was written; its value needs no comma
};

const char *typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
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
            *m_error =
                u"key '%1' must be %2, found %3"_s.arg(path(key), expected, QLatin1String(typeName(found)));
    }
    void failText(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
    }

    // The value at @p key if it has @p type; undefined when absent (or null, with nullIsAbsent) and
    // when it has another type, which is noted as the problem.
    QJsonValue typed(const QString &key, QJsonValue::Type type, const QString &expected, bool nullIsAbsent = false)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || (nullIsAbsent && v.isNull()))
            return QJsonValue(QJsonValue::Undefined);
        if (v.type() != type) {
            fail(key, expected, v);
            return QJsonValue(QJsonValue::Undefined);
        }
        return v;
    }

    QString string(const QString &key, const QString &fallback = {})
    {
        const QJsonValue v = typed(key, QJsonValue::String, u"a string"_s);
        return v.isUndefined() ? fallback : v.toString();
    }

    qint64 integer(const QString &key, qint64 fallback = 0)
    {
        const QJsonValue v = typed(key, QJsonValue::Double, u"an integer"_s);
        if (v.isUndefined())
            return fallback;
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
        const QJsonValue v = typed(key, QJsonValue::Bool, u"true or false"_s);
        return v.isUndefined() ? fallback : v.toBool();
    }

    std::optional<double> nullableNumber(const QString &key)
    {
        const QJsonValue v = typed(key, QJsonValue::Double, u"a number or null"_s, true);
        return v.isUndefined() ? std::nullopt : std::optional<double>(v.toDouble());
    }

    QJsonObject object(const QString &key)
    {
        return typed(key, QJsonValue::Object, u"an object"_s).toObject();
    }

    QJsonArray array(const QString &key)
    {
        return typed(key, QJsonValue::Array, u"an array"_s).toArray();
    }

    QStringList strings(const QString &key)
    {
        const QJsonArray a = array(key);
        QStringList out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                failText(u"key '%1[%2]' must be a string, found %3"_s.arg(path(key)).arg(i).arg(
                    QLatin1String(typeName(a.at(i)))));
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
            failText(
                u"key '%1' must be an ISO 8601 timestamp such as 2024-05-01T12:00:00.000Z, found '%2'"_s.arg(
                    path(key), text));
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
                failText(u"key '%1' must be an object with Hostname and Port, found %2"_s.arg(
                    itemPath, QLatin1String(typeName(a.at(i)))));
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

QJsonObject InstanceJson::toJson(const Instance &instance)
{
    // Parsing the text is several times cheaper than building a QJsonObject key by key (each
    // insert keeps the keys sorted), and keeps one writer as the single source of the format.
    return QJsonDocument::fromJson(toText(instance).toUtf8()).object();
}

QString InstanceJson::toText(const Instance &in)
{
    const bool replica = in.replication.has_value();
    const ReplicationState rs = in.replication.value_or(ReplicationState());
    const bool usesGtid = replica && rs.usesGtid();
    const int ioCode = replica ? threadStateCode(rs.ioThread) : kThreadNone;
    const int sqlCode = replica ? threadStateCode(rs.sqlThread) : kThreadNone;
    const std::optional<qint64> lag = in.lagSeconds();

    JsonWriter w;
    w.beginObject();
    w.key(u"Key"), w.instanceKey(in.key);
    w.key(u"Uptime"), w.value(in.uptimeSeconds);
    w.key(u"ServerID"), w.value(in.serverId);
    w.key(u"ServerUUID"), w.value(in.serverUuid);
    w.key(u"Version"), w.value(in.version);
    w.key(u"VersionComment"), w.value(in.versionComment);
    w.key(u"FlavorName"), w.value(flavourName(in.flavour));
    w.key(u"ReadOnly"), w.value(in.readOnly);
    w.key(u"Binlog_format"), w.value(in.binlogFormat);
    w.key(u"BinlogRowImage"), w.value(in.binlogRowImage);
    w.key(u"LogBinEnabled"), w.value(in.logBin);
    w.key(u"LogSlaveUpdatesEnabled"), w.value(in.logReplicaUpdates);
    w.key(u"LogReplicationUpdatesEnabled"), w.value(in.logReplicaUpdates);
    w.key(u"SelfBinlogCoordinates"), w.coordinates(in.selfCoordinates, kBinaryLog);
    w.key(u"MasterKey"), w.instanceKey(rs.sourceKey);
    w.key(u"MasterUUID"), w.value(rs.sourceUuid);
    w.key(u"Slave_SQL_Running"), w.value(sqlCode == kThreadRunning);
    w.key(u"ReplicationSQLThreadRuning"), w.value(sqlCode == kThreadRunning);
    w.key(u"Slave_IO_Running"), w.value(ioCode == kThreadRunning);
    w.key(u"ReplicationIOThreadRuning"), w.value(ioCode == kThreadRunning);
    w.key(u"ReplicationSQLThreadState"), w.value(sqlCode);
    w.key(u"ReplicationIOThreadState"), w.value(ioCode);
    w.key(u"HasReplicationFilters"), w.value(!rs.filters.isEmpty());
    w.key(u"GTIDMode"), w.value(in.gtidMode);
    w.key(u"UsingOracleGTID"), w.value(usesGtid && in.flavour != Flavour::MariaDB);
    w.key(u"UsingMariaDBGTID"), w.value(usesGtid && in.flavour == Flavour::MariaDB);
    w.key(u"ReadBinlogCoordinates"), w.coordinates(rs.readCoordinates, kBinaryLog);
    w.key(u"ExecBinlogCoordinates"), w.coordinates(rs.execCoordinates, kBinaryLog);
    w.key(u"RelaylogCoordinates"), w.coordinates(rs.relayCoordinates, kRelayLog);
    w.key(u"LastSQLError"), w.value(rs.lastSqlError);
    w.key(u"LastIOError"), w.value(rs.lastIoError);
    w.key(u"SecondsBehindMaster"), w.nullInt64(rs.secondsBehindSource);
    w.key(u"SQLDelay"), w.value(rs.sqlDelay);
    w.key(u"ExecutedGtidSet"), w.value(in.executedGtidSet);
    w.key(u"GtidPurged"), w.value(in.purgedGtidSet);
    w.key(u"SlaveLagSeconds"), w.nullInt64(lag);
    w.key(u"ReplicationLagSeconds"), w.nullInt64(lag);
    w.key(u"SlaveHosts"), w.instanceKeys(in.replicaKeys);
    w.key(u"Replicas"), w.instanceKeys(in.replicaKeys);
    w.key(u"DataCenter"), w.value(in.dataCenter);
    w.key(u"Region"), w.value(in.region);
    w.key(u"SuggestedClusterAlias"), w.value(in.suggestedClusterAlias);
    w.key(u"SemiSyncAvailable"), w.value(in.semiSync.available);
    w.key(u"SemiSyncMasterEnabled"), w.value(in.semiSync.sourceEnabled);
    w.key(u"SemiSyncReplicaEnabled"), w.value(in.semiSync.replicaEnabled);
    w.key(u"SemiSyncMasterTimeout"), w.value(in.semiSync.sourceTimeoutMs);
    w.key(u"SemiSyncMasterWaitForReplicaCount"), w.value(in.semiSync.sourceWaitForReplicaCount);
    w.key(u"SemiSyncMasterStatus"), w.value(in.semiSync.sourceActive);
    w.key(u"SemiSyncMasterClients"), w.value(in.semiSync.sourceClients);
    w.key(u"SemiSyncReplicaStatus"), w.value(in.semiSync.replicaActive);
    w.key(u"LastSeenTimestamp"), w.value(formatTimestamp(in.lastSeen));
    w.key(u"IsLastCheckValid"), w.value(in.lastCheckValid);
    w.key(u"LastDiscoveryLatency"), w.value(in.pollLatencyUs * 1000); // orchestrator: nanoseconds

    w.key(u"Arbor");
    w.beginObject();
    w.key(u"Hostname"), w.value(in.hostname);
    w.key(u"ReportHost"), w.value(in.reportHost);
    w.key(u"ReportPort"), w.value(in.reportPort);
    w.key(u"SuperReadOnly"), w.value(in.superReadOnly);
    w.key(u"SlaveNetTimeout"), w.value(in.replicaNetTimeout);
    w.key(u"GtidBinlogPos"), w.value(in.gtidBinlogPos);
    w.key(u"GtidSlavePos"), w.value(in.gtidSlavePos);
    w.key(u"GtidStrictMode"), w.value(in.gtidStrictMode);
    w.key(u"GtidDomainId"), w.value(in.gtidDomainId);
    w.key(u"HeartbeatLagSeconds");
    if (in.heartbeatLagSeconds)
        w.value(*in.heartbeatLagSeconds);
    else
        w.null();
    w.key(u"LastChecked"), w.value(formatTimestamp(in.lastChecked));
    w.key(u"LastError"), w.value(in.lastError);
    // Arbor's own: a replica's reported address where another server answers (issue 12).
    w.key(u"IdentityProblem"), w.value(in.identityProblem);
    w.key(u"PollLatencyUs"), w.value(in.pollLatencyUs);
    w.key(u"Warnings"), w.strings(in.warnings);
    w.key(u"Replication");
    if (replica) {
        w.beginObject();
        w.key(u"SourceUser"), w.value(rs.sourceUser);
        w.key(u"SourceServerId"), w.value(rs.sourceServerId);
        w.key(u"LastIoErrno"), w.value(rs.lastIoErrno);
        w.key(u"LastSqlErrno"), w.value(rs.lastSqlErrno);
        w.key(u"GtidPositioning"), w.value(rs.gtidPositioning);
        w.key(u"GtidIoPos"), w.value(rs.gtidIoPos);
        w.key(u"RetrievedGtidSet"), w.value(rs.retrievedGtidSet);
        w.key(u"ExecutedGtidSet"), w.value(rs.executedGtidSet);
        w.key(u"Filters"), w.strings(rs.filters);
        w.key(u"SslAllowed"), w.value(rs.sslAllowed);
        w.key(u"ConnectRetry"), w.value(rs.connectRetry);
        w.endObject();
    } else {
        w.null();
    }
    w.endObject();
    w.endObject();
    return w.take();
}

Result<Instance> InstanceJson::fromJson(const QJsonObject &json)
{
    QString error;
    Reader r(json, QString(), &error);
    auto failed = [&error]() {
        return Result<Instance>::failure(u"cannot read an instance from JSON: %1."_s.arg(error));
    };

    if (!r.has(u"Key"_s))
        return Result<Instance>::failure(
            u"cannot read an instance from JSON: the required key 'Key' is missing."_s);

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
    in.logReplicaUpdates = r.has(u"LogReplicationUpdatesEnabled"_s)
                               ? r.boolean(u"LogReplicationUpdatesEnabled"_s)
                               : r.boolean(u"LogSlaveUpdatesEnabled"_s);
    in.selfCoordinates = r.coordinates(u"SelfBinlogCoordinates"_s);
    in.gtidMode = r.string(u"GTIDMode"_s);
    in.executedGtidSet = r.string(u"ExecutedGtidSet"_s);
    in.purgedGtidSet = r.string(u"GtidPurged"_s);
    in.replicaKeys = r.keys(r.has(u"SlaveHosts"_s) ? u"SlaveHosts"_s : u"Replicas"_s);
    in.dataCenter = r.string(u"DataCenter"_s);
    in.region = r.string(u"Region"_s);
    in.suggestedClusterAlias = r.string(u"SuggestedClusterAlias"_s);
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
    for (const auto &[name, code] : {std::pair{u"ReplicationSQLThreadState"_s, sqlCode},
                                     std::pair{u"ReplicationIOThreadState"_s, ioCode}}) {
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
        in.identityProblem = a.string(u"IdentityProblem"_s);
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

Result<Instance> InstanceJson::fromText(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<Instance>::failure(
            u"cannot read an instance from JSON: %1 at offset %2."_s.arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return Result<Instance>::failure(
            u"cannot read an instance from JSON: the text is not a JSON object."_s);
    return fromJson(doc.object());
}

} // namespace arbor::core
