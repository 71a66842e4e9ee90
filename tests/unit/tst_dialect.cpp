#include "dialect/dialect.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

// Result sets under tests/data/recorded/<name>.json: {"version", "version_comment", "provenance",
// "results": {"<label>": {"query", "columns", "rows": [[...], ...]}}}.
class Recorded
{
public:
    explicit Recorded(const QString &name)
    {
        QFile file(QStringLiteral(ARBOR_TEST_DATA_DIR) + u"/recorded/"_s + name + u".json"_s);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot open recorded rows %s", qPrintable(file.fileName()));
        QJsonParseError error;
        m_root = QJsonDocument::fromJson(file.readAll(), &error).object();
        if (error.error != QJsonParseError::NoError)
            qFatal("bad JSON in %s: %s", qPrintable(file.fileName()), qPrintable(error.errorString()));
    }

    Dialect dialect() const
    {
        return Dialect::forServer(m_root.value(u"version"_s).toString(), m_root.value(u"version_comment"_s).toString());
    }
    QString query(const QString &label) const { return result(label).value(u"query"_s).toString(); }
    QStringList columns(const QString &label) const
    {
        QStringList out;
        const QJsonArray cols = result(label).value(u"columns"_s).toArray();
        for (const QJsonValue &c : cols)
            out << c.toString();
        return out;
    }
    // Rows as the probe builds them from QSqlRecord: column name -> value, SQL NULL as a null QVariant.
    QList<QVariantMap> rows(const QString &label) const
    {
        const QStringList cols = columns(label);
        QList<QVariantMap> out;
        const QJsonArray rows = result(label).value(u"rows"_s).toArray();
        for (const QJsonValue &rowValue : rows) {
            const QJsonArray row = rowValue.toArray();
            QVariantMap map;
            for (qsizetype i = 0; i < cols.size() && i < row.size(); ++i) {
                const QJsonValue v = row.at(i);
                if (v.isNull())
                    map.insert(cols.at(i), QVariant());
                else if (v.isDouble())
                    map.insert(cols.at(i), QVariant::fromValue<qlonglong>(v.toInteger()));
                else
                    map.insert(cols.at(i), v.toString());
            }
            out << map;
        }
        return out;
    }
    QVariantMap row(const QString &label) const
    {
        const auto all = rows(label);
        return all.isEmpty() ? QVariantMap() : all.first();
    }

private:
    QJsonObject result(const QString &label) const
    {
        const QJsonObject results = m_root.value(u"results"_s).toObject();
        if (!results.contains(label))
            qFatal("recorded label %s missing", qPrintable(label));
        return results.value(label).toObject();
    }

    QJsonObject m_root;
};

// "SELECT a AS x, b AS y" -> {x, y}
QStringList aliases(const QString &select)
{
    static const QRegularExpression re(u"\\bAS ([a-z_]+)"_s);
    QStringList out;
    auto it = re.globalMatch(select);
    while (it.hasNext())
        out << it.next().captured(1);
    return out;
}

Dialect dialect(const QString &version, const QString &comment = QString())
{
    return Dialect::forServer(version, comment);
}

Dialect::ChangeSource change(const QString &host, int port, Dialect::ChangeSource::Positioning positioning)
{
    Dialect::ChangeSource c;
    c.source = InstanceKey(host, port);
    c.user = u"repl"_s;
    c.password = u"s3cret"_s;
    c.positioning = positioning;
    return c;
}

const QString kUuidA = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
const QString kUuidB = u"8a94f357-aab4-11df-86ab-c80aa9429562"_s;

} // namespace

class TestDialect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selection_data();
    void selection();
    void identityQuery();
    void variablesQueryMatchesRecordings_data();
    void variablesQueryMatchesRecordings();
    void variablesQueryPerVersion();
    void applyVariablesMariaDB();
    void applyVariablesMySql();
    void replicaStatusMariaDBHealthy();
    void replicaStatusMariaDBBroken();
    void replicaStatusMariaDBNotAReplica();
    void replicaStatusMySql57();
    void replicaStatusMySql80();
    void replicaStatusMySql84();
    void replicaStatusEdgeCases();
    void replicaStatusColumnsPerDialect();
    void binlogStatus();
    void replicaHosts();
    void replicaHostsRefusesHostileRows();
    void processlistReplicas();
    void semiSync();
    void changeSourceStatements_data();
    void changeSourceStatements();
    void changeSourceOmitsEmptyCredentials();
    void changeSourceQuotesHostileCredentials();
    void changeSourceRefusesBadInput_data();
    void changeSourceRefusesBadInput();
    void replicaControlStatements_data();
    void replicaControlStatements();
    void startUntilAndWaitStatements_data();
    void startUntilAndWaitStatements();
    void startUntilRefusesBadCoordinates();
    void gtidWaitStatements();
    void detachedChangeSource();
    void operationSessionStatements();
    void requiredPrivileges_data();
    void requiredPrivileges();
    void quoteString_data();
    void quoteString();
};

void TestDialect::selection_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<Flavour>("flavour");
    QTest::addColumn<QString>("parsed");
    QTest::addColumn<QString>("replicaStatus");
    QTest::addColumn<QString>("binlogStatus");
    QTest::addColumn<QString>("replicaHosts");
    QTest::addColumn<QString>("changePrefix");

    const QString slave = u"SHOW SLAVE STATUS"_s, replica = u"SHOW REPLICA STATUS"_s;
    const QString master = u"SHOW MASTER STATUS"_s, binary = u"SHOW BINARY LOG STATUS"_s;
    const QString hosts = u"SHOW SLAVE HOSTS"_s, replicas = u"SHOW REPLICAS"_s;
    const QString cm = u"CHANGE MASTER TO "_s, crs = u"CHANGE REPLICATION SOURCE TO "_s;

    QTest::newRow("mariadb 10.11 debian") << u"10.11.6-MariaDB-0+deb12u1-log"_s << u"Debian 12"_s << Flavour::MariaDB
                                          << u"10.11.6"_s << slave << master << hosts << cm;
    QTest::newRow("mariadb 11.4") << u"11.4.2-MariaDB"_s << u"mariadb.org binary distribution"_s << Flavour::MariaDB
                                  << u"11.4.2"_s << slave << master << hosts << cm;
    QTest::newRow("mariadb 5.5.5 prefix") << u"5.5.5-10.6.16-MariaDB"_s << QString() << Flavour::MariaDB << u"10.6.16"_s
                                          << slave << master << hosts << cm;
    QTest::newRow("mysql 5.7") << u"5.7.44-log"_s << u"MySQL Community Server (GPL)"_s << Flavour::MySQL << u"5.7.44"_s
                               << slave << master << hosts << cm;
    QTest::newRow("mysql 8.0.21") << u"8.0.21"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL << u"8.0.21"_s
                                  << slave << master << hosts << cm;
    QTest::newRow("mysql 8.0.22") << u"8.0.22"_s << QString() << Flavour::MySQL << u"8.0.22"_s << replica << master
                                  << replicas << cm;
    QTest::newRow("mysql 8.0.36") << u"8.0.36"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL << u"8.0.36"_s
                                  << replica << master << replicas << crs;
    QTest::newRow("mysql 8.2") << u"8.2.0"_s << QString() << Flavour::MySQL << u"8.2.0"_s << replica << binary << replicas
                               << crs;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL << u"8.4.0"_s
                               << replica << binary << replicas << crs;
    QTest::newRow("mysql 9.1") << u"9.1.0"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL << u"9.1.0"_s
                               << replica << binary << replicas << crs;
    QTest::newRow("percona 8.0") << u"8.0.35-27"_s << u"Percona Server (GPL), Release 27, Revision 2f8eeab2"_s
                                 << Flavour::Percona << u"8.0.35"_s << replica << master << replicas << crs;
    QTest::newRow("percona 5.7") << u"5.7.44-48-log"_s << u"Percona Server (GPL), Release 48, Revision 497f936a373"_s
                                 << Flavour::Percona << u"5.7.44"_s << slave << master << hosts << cm;
}

void TestDialect::selection()
{
    QFETCH(QString, version);
    QFETCH(QString, comment);
    QFETCH(Flavour, flavour);
    QFETCH(QString, parsed);
    QFETCH(QString, replicaStatus);
    QFETCH(QString, binlogStatus);
    QFETCH(QString, replicaHosts);
    QFETCH(QString, changePrefix);

    const Dialect d = Dialect::forServer(version, comment);
    QCOMPARE(d.flavour(), flavour);
    QCOMPARE(d.version().toString(), parsed);
    QCOMPARE(d.isMariaDB(), flavour == Flavour::MariaDB);
    QCOMPARE(d.replicaStatusQuery(), replicaStatus);
    QCOMPARE(d.binlogStatusQuery(), binlogStatus);
    QCOMPARE(d.replicaHostsQuery(), replicaHosts);
    const QString statement = d.changeSourceStatement(change(u"db1"_s, 3306, Dialect::ChangeSource::Positioning::Gtid)).textForServer();
    QVERIFY2(statement.startsWith(changePrefix), qPrintable(statement));
    // Percona is MySQL for every statement.
    if (flavour == Flavour::Percona) {
        const Dialect mysql = Dialect::forServer(version, u"MySQL Community Server - GPL"_s);
        QCOMPARE(mysql.flavour(), Flavour::MySQL);
        QCOMPARE(d.variablesQuery(), mysql.variablesQuery());
        QCOMPARE(d.setReadOnlyStatement(true), mysql.setReadOnlyStatement(true));
        QCOMPARE(d.requiredPrivileges(), mysql.requiredPrivileges());
    }
}

void TestDialect::identityQuery()
{
    QCOMPARE(Dialect::identityQuery(), u"SELECT @@version AS version, @@version_comment AS version_comment"_s);
    const Recorded maria(u"mariadb-10.11"_s);
    QCOMPARE(maria.query(u"identity"_s), Dialect::identityQuery());
    QCOMPARE(maria.columns(u"identity"_s), aliases(Dialect::identityQuery()));
    QCOMPARE(maria.dialect().flavour(), Flavour::MariaDB);
    QCOMPARE(Recorded(u"mysql-8.4"_s).dialect().flavour(), Flavour::MySQL);
}

void TestDialect::variablesQueryMatchesRecordings_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("label");
    QTest::newRow("mariadb primary") << u"mariadb-10.11"_s << u"variables_primary"_s;
    QTest::newRow("mariadb replica") << u"mariadb-10.11"_s << u"variables_replica"_s;
    QTest::newRow("mysql 5.7") << u"mysql-5.7"_s << u"variables_replica"_s;
    QTest::newRow("mysql 8.0") << u"mysql-8.0"_s << u"variables_replica"_s;
    QTest::newRow("mysql 8.4") << u"mysql-8.4"_s << u"variables_primary"_s;
}

// The recorded rows must be what today's query returns, or the applyVariables tests prove nothing.
void TestDialect::variablesQueryMatchesRecordings()
{
    QFETCH(QString, file);
    QFETCH(QString, label);
    const Recorded rec(file);
    const QString query = rec.dialect().variablesQuery();
    QCOMPARE(rec.columns(label), aliases(query));
    if (rec.dialect().isMariaDB()) // recorded from a real server: the exact query text
        QCOMPARE(rec.query(label), query);
}

void TestDialect::variablesQueryPerVersion()
{
    const QString maria = dialect(u"10.11.6-MariaDB-log"_s).variablesQuery();
    QVERIFY(maria.startsWith(u"SELECT @@global.server_id AS server_id"_s));
    for (const auto &name : {u"gtid_current_pos"_s, u"gtid_binlog_pos"_s, u"gtid_slave_pos"_s, u"gtid_strict_mode"_s,
                             u"gtid_domain_id"_s, u"@@global.log_slave_updates AS log_slave_updates"_s,
                             u"@@global.slave_net_timeout AS slave_net_timeout"_s})
        QVERIFY2(maria.contains(name), qPrintable(name));
    for (const auto &name : {u"server_uuid"_s, u"super_read_only"_s, u"gtid_mode"_s, u"gtid_executed"_s, u"replica"_s})
        QVERIFY2(!maria.contains(name), qPrintable(name));

    const QString my57 = dialect(u"5.7.44-log"_s).variablesQuery();
    for (const auto &name : {u"server_uuid"_s, u"super_read_only"_s, u"gtid_mode"_s, u"gtid_executed"_s, u"gtid_purged"_s,
                             u"@@global.log_slave_updates AS log_slave_updates"_s,
                             u"@@global.slave_net_timeout AS slave_net_timeout"_s})
        QVERIFY2(my57.contains(name), qPrintable(name));
    QVERIFY(!my57.contains(u"gtid_current_pos"_s));

    // 8.0.26 renamed the variables; the aliases stay the same so applyVariables does not care.
    const QString my8025 = dialect(u"8.0.25"_s).variablesQuery();
    QVERIFY(my8025.contains(u"@@global.log_slave_updates AS log_slave_updates"_s));
    const QString my84 = dialect(u"8.4.0"_s).variablesQuery();
    QVERIFY(my84.contains(u"@@global.log_replica_updates AS log_slave_updates"_s));
    QVERIFY(my84.contains(u"@@global.replica_net_timeout AS slave_net_timeout"_s));
    QCOMPARE(aliases(my84), aliases(my57));

    for (const QString &q : {maria, my57, my84}) {
        const QStringList names = aliases(q);
        for (const QString &n : names)
            QCOMPARE(n, n.toLower());
        QVERIFY(!q.contains(u"uptime"_s));
    }
}

void TestDialect::applyVariablesMariaDB()
{
    const Recorded rec(u"mariadb-10.11"_s);
    const Dialect d = rec.dialect();

    Instance primary;
    d.applyVariables(rec.row(u"variables_primary"_s), &primary);
    QCOMPARE(primary.flavour, Flavour::MariaDB);
    QCOMPARE(primary.serverId, 1);
    QVERIFY(primary.serverUuid.isEmpty());
    QCOMPARE(primary.version, u"10.11.19-MariaDB-0+deb12u1-log"_s);
    QCOMPARE(primary.versionComment, u"Debian 12"_s);
    QCOMPARE(primary.hostname, u"vm"_s);
    QCOMPARE(primary.reportHost, u"127.0.0.1"_s);
    QCOMPARE(primary.reportPort, 23301);
    QVERIFY(!primary.readOnly);
    QVERIFY(!primary.superReadOnly);
    QVERIFY(primary.logBin);
    QVERIFY(primary.logReplicaUpdates);
    QCOMPARE(primary.binlogFormat, u"ROW"_s);
    QCOMPARE(primary.binlogRowImage, u"FULL"_s);
    QCOMPARE(primary.replicaNetTimeout, 60);
    QVERIFY(primary.gtidMode.isEmpty());
    QCOMPARE(primary.executedGtidSet, u"0-1-4"_s);
    QCOMPARE(primary.gtidBinlogPos, u"0-1-4"_s);
    QCOMPARE(primary.gtidSlavePos, QString());
    QVERIFY(primary.gtidStrictMode);
    QCOMPARE(primary.gtidDomainId, 0);

    Instance replica;
    d.applyVariables(rec.row(u"variables_replica"_s), &replica);
    QCOMPARE(replica.serverId, 2);
    QCOMPARE(replica.gtidSlavePos, u"0-1-4"_s);
    QCOMPARE(replica.reportPort, 23302);

    // MariaDB 11.x may report read_only as an enum string; anything but OFF is read-only.
    QVariantMap row = rec.row(u"variables_replica"_s);
    row[u"read_only"_s] = u"NO_LOCK_NO_ADMIN"_s;
    d.applyVariables(row, &replica);
    QVERIFY(replica.readOnly);
    row[u"read_only"_s] = u"OFF"_s;
    d.applyVariables(row, &replica);
    QVERIFY(!replica.readOnly);
    // A NULL report_host (not configured) is empty, not "0".
    row[u"report_host"_s] = QVariant();
    d.applyVariables(row, &replica);
    QVERIFY(replica.reportHost.isEmpty());
}

void TestDialect::applyVariablesMySql()
{
    {
        const Recorded rec(u"mysql-5.7"_s);
        Instance i;
        rec.dialect().applyVariables(rec.row(u"variables_replica"_s), &i);
        QCOMPARE(i.flavour, Flavour::MySQL);
        QCOMPARE(i.serverId, 102);
        QCOMPARE(i.serverUuid, u"4b2f1c3a-9d0e-11ee-8c90-0242ac120003"_s);
        QVERIFY(i.reportHost.isEmpty());
        QCOMPARE(i.reportPort, 3306);
        QVERIFY(i.readOnly);
        QVERIFY(i.superReadOnly);
        QVERIFY(i.logBin);
        QVERIFY(i.logReplicaUpdates);
        QCOMPARE(i.gtidMode, u"ON"_s);
        // The newline MySQL prints after each comma is dropped.
        QCOMPARE(i.executedGtidSet, kUuidA + u":1-77,"_s + kUuidB + u":1-12"_s);
        QCOMPARE(i.purgedGtidSet, kUuidB + u":1-12"_s);
        QVERIFY(i.gtidBinlogPos.isEmpty());
        QVERIFY(!i.gtidStrictMode);
    }
    {
        const Recorded rec(u"mysql-8.0"_s);
        Instance i;
        rec.dialect().applyVariables(rec.row(u"variables_replica"_s), &i);
        QCOMPARE(i.reportHost, u"db-b2.example.com"_s);
        QCOMPARE(i.binlogRowImage, u"MINIMAL"_s);
        QCOMPARE(i.replicaNetTimeout, 4);
        QCOMPARE(i.version, u"8.0.36"_s);
    }
    {
        const Recorded rec(u"mysql-8.4"_s);
        Instance i;
        rec.dialect().applyVariables(rec.row(u"variables_primary"_s), &i);
        QVERIFY(!i.readOnly);
        QVERIFY(!i.superReadOnly);
        QCOMPARE(i.executedGtidSet, kUuidA + u":1-10:blue:1-3"_s);
        QVERIFY(i.purgedGtidSet.isEmpty());
    }
    // Nothing happens with no row or no instance.
    Instance untouched;
    untouched.serverId = 7;
    dialect(u"8.0.36"_s).applyVariables({}, &untouched);
    dialect(u"8.0.36"_s).applyVariables({{u"server_id"_s, 1}}, nullptr);
    QCOMPARE(untouched.serverId, 7);
}

void TestDialect::replicaStatusMariaDBHealthy()
{
    const Recorded rec(u"mariadb-10.11"_s);
    QCOMPARE(rec.columns(u"replica_status_healthy"_s).size(), 54);
    const auto state = rec.dialect().parseReplicaStatus(rec.row(u"replica_status_healthy"_s));
    QVERIFY(state);
    QCOMPARE(state->sourceKey, InstanceKey(u"127.0.0.1"_s, 23301));
    QCOMPARE(state->sourceUser, u"repl"_s);
    QVERIFY(state->sourceUuid.isEmpty());
    QCOMPARE(state->sourceServerId, 1);
    QCOMPARE(state->ioThread, ReplicationState::ThreadState::Running);
    QCOMPARE(state->sqlThread, ReplicationState::ThreadState::Running);
    QVERIFY(state->isHealthy());
    QVERIFY(!state->hasError());
    QCOMPARE(state->secondsBehindSource, std::optional<qint64>(0));
    QCOMPARE(state->readCoordinates.toString(), u"mysql-bin.000001:1007"_s);
    QCOMPARE(state->execCoordinates.toString(), u"mysql-bin.000001:1007"_s);
    QCOMPARE(state->relayCoordinates.toString(), u"p2-relay-bin.000003:872"_s);
    QCOMPARE(state->gtidPositioning, u"Slave_Pos"_s);
    QVERIFY(state->usesGtid());
    QCOMPARE(state->gtidIoPos, u"0-1-4"_s);
    QVERIFY(state->retrievedGtidSet.isEmpty());
    QVERIFY(state->filters.isEmpty());
    QVERIFY(!state->sslAllowed);
    QCOMPARE(state->connectRetry, 1);
    QCOMPARE(state->sqlDelay, 0);

    // MariaDB answers SHOW REPLICA STATUS with the same old column names.
    QCOMPARE(rec.columns(u"replica_status_healthy_show_replica"_s), rec.columns(u"replica_status_healthy"_s));
    const auto viaReplica = rec.dialect().parseReplicaStatus(rec.row(u"replica_status_healthy_show_replica"_s));
    QVERIFY(viaReplica);
    QCOMPARE(viaReplica->sourceKey, state->sourceKey);
}

void TestDialect::replicaStatusMariaDBBroken()
{
    const Recorded rec(u"mariadb-10.11"_s);
    const auto state = rec.dialect().parseReplicaStatus(rec.row(u"replica_status_broken"_s));
    QVERIFY(state);
    QCOMPARE(state->sourceKey, InstanceKey(u"127.0.0.1"_s, 23309));
    QCOMPARE(state->ioThread, ReplicationState::ThreadState::Connecting);
    QCOMPARE(state->sqlThread, ReplicationState::ThreadState::Running);
    QVERIFY(!state->isHealthy());
    QCOMPARE(state->lastIoErrno, 2003);
    QVERIFY(state->lastIoError.contains(u"Connection refused"_s));
    QCOMPARE(state->lastSqlErrno, 0);
    QVERIFY(!state->secondsBehindSource.has_value());
    QCOMPARE(state->sqlDelay, 30);
    QCOMPARE(state->gtidPositioning, u"Current_Pos"_s);
    QCOMPARE(state->filters, (QStringList{u"Replicate_Do_DB=t1"_s, u"Replicate_Wild_Ignore_Table=t1.tmp%"_s}));
    QCOMPARE(state->sourceServerId, 0);
    QVERIFY(!state->readCoordinates.isValid());
}

void TestDialect::replicaStatusMariaDBNotAReplica()
{
    const Recorded rec(u"mariadb-10.11"_s);
    // A primary returns the columns but no row.
    QCOMPARE(rec.columns(u"replica_status_primary"_s).size(), 54);
    QVERIFY(rec.rows(u"replica_status_primary"_s).isEmpty());
    QVERIFY(!rec.dialect().parseReplicaStatus(rec.row(u"replica_status_primary"_s)));
    // After RESET SLAVE (without ALL) the row stays, with an empty host.
    QVariantMap row = rec.row(u"replica_status_healthy"_s);
    row[u"Master_Host"_s] = QString();
    QVERIFY(!rec.dialect().parseReplicaStatus(row));
}

void TestDialect::replicaStatusMySql57()
{
    const Recorded rec(u"mysql-5.7"_s);
    const Dialect d = rec.dialect();
    QCOMPARE(rec.columns(u"replica_status_healthy"_s).size(), 57);
    const auto healthy = d.parseReplicaStatus(rec.row(u"replica_status_healthy"_s));
    QVERIFY(healthy);
    QCOMPARE(healthy->sourceKey, InstanceKey(u"db-a1.example.com"_s, 3306));
    QCOMPARE(healthy->sourceUuid, kUuidA);
    QCOMPARE(healthy->sourceServerId, 101);
    QVERIFY(healthy->isHealthy());
    QCOMPARE(healthy->secondsBehindSource, std::optional<qint64>(3));
    QCOMPARE(healthy->gtidPositioning, u"No"_s);
    QVERIFY(!healthy->usesGtid());
    QCOMPARE(healthy->readCoordinates.toString(), u"mysql-bin.000042:91547"_s);
    QCOMPARE(healthy->execCoordinates.toString(), u"mysql-bin.000041:88112"_s);
    QCOMPARE(healthy->connectRetry, 60);

    const auto broken = d.parseReplicaStatus(rec.row(u"replica_status_broken"_s));
    QVERIFY(broken);
    QCOMPARE(broken->sourceKey, InstanceKey(u"10.0.0.11"_s, 3307));
    QCOMPARE(broken->sqlThread, ReplicationState::ThreadState::Stopped);
    QCOMPARE(broken->lastSqlErrno, 1062);
    QVERIFY(broken->lastSqlError.contains(u"Duplicate entry '17'"_s));
    QVERIFY(!broken->secondsBehindSource);
    QCOMPARE(broken->sqlDelay, 3600);
    QCOMPARE(broken->gtidPositioning, u"auto-position"_s);
    QVERIFY(broken->usesGtid());
    QCOMPARE(broken->retrievedGtidSet, kUuidA + u":1-90"_s);
    QCOMPARE(broken->executedGtidSet, kUuidA + u":1-77,"_s + kUuidB + u":1-12"_s);
    QCOMPARE(broken->filters, QStringList{u"Replicate_Ignore_DB=mysql,sys"_s});
    QVERIFY(broken->sslAllowed);
}

void TestDialect::replicaStatusMySql80()
{
    const Recorded rec(u"mysql-8.0"_s);
    const QStringList cols = rec.columns(u"replica_status_healthy"_s);
    QVERIFY(cols.contains(u"Replica_IO_Running"_s));
    QVERIFY(!cols.contains(u"Slave_IO_Running"_s));
    const auto state = rec.dialect().parseReplicaStatus(rec.row(u"replica_status_healthy"_s));
    QVERIFY(state);
    QCOMPARE(state->sourceKey, InstanceKey(u"db-b1.example.com"_s, 3306));
    QCOMPARE(state->sourceUuid, kUuidA);
    QCOMPARE(state->sourceServerId, 201);
    QVERIFY(state->isHealthy());
    QCOMPARE(state->secondsBehindSource, std::optional<qint64>(0));
    QCOMPARE(state->readCoordinates.toString(), u"binlog.000012:2389921"_s);
    QCOMPARE(state->execCoordinates.toString(), u"binlog.000012:2389921"_s);
    QCOMPARE(state->relayCoordinates.toString(), u"db-b2-relay-bin.000004:2390137"_s);
    QCOMPARE(state->gtidPositioning, u"auto-position"_s);
    QCOMPARE(state->retrievedGtidSet, kUuidA + u":1051-2231"_s);
    QCOMPARE(state->executedGtidSet, kUuidA + u":1-2231,"_s + kUuidB + u":1-40"_s);
    QVERIFY(state->sslAllowed);
    QCOMPARE(state->connectRetry, 1);
}

void TestDialect::replicaStatusMySql84()
{
    const Recorded rec(u"mysql-8.4"_s);
    const Dialect d = rec.dialect();
    const auto broken = d.parseReplicaStatus(rec.row(u"replica_status_broken"_s));
    QVERIFY(broken);
    QCOMPARE(broken->sourceKey, InstanceKey(u"db-c1.example.com"_s, 3306));
    QCOMPARE(broken->ioThread, ReplicationState::ThreadState::Connecting);
    QCOMPARE(broken->lastIoErrno, 2061);
    QVERIFY(broken->lastIoError.contains(u"caching_sha2_password"_s));
    QVERIFY(!broken->secondsBehindSource);
    QCOMPARE(broken->filters, QStringList{u"Replicate_Wild_Do_Table=app.%"_s});
    QCOMPARE(broken->executedGtidSet, kUuidA + u":1-10:blue:1-3"_s);

    const auto healthy = d.parseReplicaStatus(rec.row(u"replica_status_healthy"_s));
    QVERIFY(healthy);
    QCOMPARE(healthy->sourceKey, InstanceKey(u"fd00::11"_s, 3306));
    QCOMPARE(healthy->sourceKey.toString(), u"[fd00::11]:3306"_s);
    QCOMPARE(healthy->secondsBehindSource, std::optional<qint64>(12));
}

void TestDialect::replicaStatusEdgeCases()
{
    const Recorded rec(u"mysql-8.0"_s);
    const Dialect d = rec.dialect();
    QVariantMap row = rec.row(u"replica_status_healthy"_s);

    // Clock skew between servers can make the lag negative.
    row[u"Seconds_Behind_Source"_s] = qlonglong(-3);
    QCOMPARE(d.parseReplicaStatus(row)->secondsBehindSource, std::optional<qint64>(0));
    // Some drivers hand numbers over as text.
    row[u"Seconds_Behind_Source"_s] = u"17"_s;
    QCOMPARE(d.parseReplicaStatus(row)->secondsBehindSource, std::optional<qint64>(17));
    row[u"Seconds_Behind_Source"_s] = QVariant();
    QVERIFY(!d.parseReplicaStatus(row)->secondsBehindSource);

    // A host Arbor cannot use (orchestrator's detach trick, or something hostile) keeps the state
    // but no usable source key, so nothing builds SQL or connections from it.
    for (const QString &host : {u"//db-b1.example.com"_s, u"db1'; DROP TABLE t; --"_s}) {
        row[u"Source_Host"_s] = host;
        const auto state = d.parseReplicaStatus(row);
        QVERIFY(state);
        QVERIFY(!state->sourceKey.isValid());
    }
    row[u"Source_Host"_s] = u"   "_s;
    QVERIFY(!d.parseReplicaStatus(row));
    QVERIFY(!d.parseReplicaStatus({}));

    // Port 0 or garbage: no key.
    row[u"Source_Host"_s] = u"db-b1"_s;
    row[u"Source_Port"_s] = qlonglong(0);
    QVERIFY(!d.parseReplicaStatus(row)->sourceKey.isValid());
}

void TestDialect::replicaStatusColumnsPerDialect()
{
    // A dialect reads the other naming scheme too, so a mis-read version still yields a state.
    const Recorded maria(u"mariadb-10.11"_s);
    const Recorded my80(u"mysql-8.0"_s);
    const auto oldRowByNewDialect = dialect(u"8.0.36"_s).parseReplicaStatus(maria.row(u"replica_status_healthy"_s));
    QVERIFY(oldRowByNewDialect);
    QCOMPARE(oldRowByNewDialect->sourceKey, InstanceKey(u"127.0.0.1"_s, 23301));
    QCOMPARE(oldRowByNewDialect->secondsBehindSource, std::optional<qint64>(0));
    const auto newRowByOldDialect = dialect(u"8.0.21"_s).parseReplicaStatus(my80.row(u"replica_status_healthy"_s));
    QVERIFY(newRowByOldDialect);
    QCOMPARE(newRowByOldDialect->sourceKey, InstanceKey(u"db-b1.example.com"_s, 3306));
    QCOMPARE(newRowByOldDialect->execCoordinates.toString(), u"binlog.000012:2389921"_s);

    // Column case differences are tolerated.
    QVariantMap lower;
    const QVariantMap original = maria.row(u"replica_status_healthy"_s);
    for (auto it = original.constBegin(); it != original.constEnd(); ++it)
        lower.insert(it.key().toLower(), it.value());
    const auto fromLower = maria.dialect().parseReplicaStatus(lower);
    QVERIFY(fromLower);
    QCOMPARE(fromLower->sourceKey, InstanceKey(u"127.0.0.1"_s, 23301));
    QCOMPARE(fromLower->gtidPositioning, u"Slave_Pos"_s);
}

void TestDialect::binlogStatus()
{
    const Recorded maria(u"mariadb-10.11"_s);
    QCOMPARE(maria.query(u"binlog_status"_s), maria.dialect().binlogStatusQuery());
    QCOMPARE(maria.dialect().parseBinlogStatus(maria.row(u"binlog_status"_s)).toString(), u"mysql-bin.000001:1007"_s);

    const Recorded my57(u"mysql-5.7"_s);
    QCOMPARE(my57.query(u"binlog_status"_s), my57.dialect().binlogStatusQuery());
    QCOMPARE(my57.dialect().parseBinlogStatus(my57.row(u"binlog_status"_s)).toString(), u"mysql-bin.000003:154"_s);

    const Recorded my84(u"mysql-8.4"_s);
    QCOMPARE(my84.query(u"binlog_status"_s), u"SHOW BINARY LOG STATUS"_s);
    QCOMPARE(my84.query(u"binlog_status"_s), my84.dialect().binlogStatusQuery());
    QCOMPARE(my84.dialect().parseBinlogStatus(my84.row(u"binlog_status"_s)).toString(), u"binlog.000002:7799"_s);

    // Binary log off: no row.
    QVERIFY(!maria.dialect().parseBinlogStatus({}).isValid());
}

void TestDialect::replicaHosts()
{
    const Recorded maria(u"mariadb-10.11"_s);
    QCOMPARE(maria.query(u"replica_hosts"_s), maria.dialect().replicaHostsQuery());
    QCOMPARE(maria.columns(u"replica_hosts"_s), (QStringList{u"Server_id"_s, u"Host"_s, u"Port"_s, u"Master_id"_s}));
    QCOMPARE(maria.dialect().parseReplicaHosts(maria.rows(u"replica_hosts"_s)),
             QList<InstanceKey>{InstanceKey(u"127.0.0.1"_s, 23302)});

    // A 5.7 replica without report_host shows an empty Host: skipped.
    const Recorded my57(u"mysql-5.7"_s);
    QCOMPARE(my57.dialect().parseReplicaHosts(my57.rows(u"replica_hosts"_s)),
             QList<InstanceKey>{InstanceKey(u"db-a3"_s, 3306)});

    const Recorded my80(u"mysql-8.0"_s);
    QCOMPARE(my80.query(u"replica_hosts"_s), my80.dialect().replicaHostsQuery());
    QCOMPARE(my80.dialect().parseReplicaHosts(my80.rows(u"replica_hosts"_s)),
             (QList<InstanceKey>{InstanceKey(u"db-b3.example.com"_s, 3306), InstanceKey(u"db-b4.example.com"_s, 3307)}));

    const Recorded my84(u"mysql-8.4"_s);
    QCOMPARE(my84.dialect().parseReplicaHosts(my84.rows(u"replica_hosts"_s)),
             (QList<InstanceKey>{InstanceKey(u"db-c2.example.com"_s, 3306), InstanceKey(u"fd00::13"_s, 3306)}));
}

void TestDialect::replicaHostsRefusesHostileRows()
{
    const QList<QVariantMap> rows = {
        {{u"Host"_s, u"db1"_s}, {u"Port"_s, 3306}},
        {{u"Host"_s, u"db1"_s}, {u"Port"_s, 3306}},                      // duplicate
        {{u"Host"_s, u"evil'; DROP TABLE x; --"_s}, {u"Port"_s, 3306}},  // hostile
        {{u"Host"_s, u"db2\nSET GLOBAL read_only=0"_s}, {u"Port"_s, 3306}},
        {{u"Host"_s, u"db3"_s}, {u"Port"_s, 0}},                          // no port
        {{u"Host"_s, u"db4"_s}, {u"Port"_s, 70000}},                      // out of range
        {{u"Host"_s, QVariant()}, {u"Port"_s, 3306}},                     // NULL host
        {{u"host"_s, u"db5"_s}, {u"port"_s, u"3307"_s}},                  // lower-case columns, text port
    };
    QCOMPARE(dialect(u"8.0.36"_s).parseReplicaHosts(rows),
             (QList<InstanceKey>{InstanceKey(u"db1"_s, 3306), InstanceKey(u"db5"_s, 3307)}));
}

void TestDialect::processlistReplicas()
{
    const Recorded maria(u"mariadb-10.11"_s);
    const Dialect d = maria.dialect();
    QCOMPARE(maria.query(u"processlist_replicas"_s), d.processlistReplicasQuery());
    QCOMPARE(d.parseProcesslistReplicas(maria.rows(u"processlist_replicas"_s), 23301),
             QList<InstanceKey>{InstanceKey(u"127.0.0.1"_s, 23301)});
    const QList<QVariantMap> rows = {
        {{u"host"_s, u"fd00::12"_s}}, {{u"host"_s, u"[fd00::13]"_s}}, {{u"host"_s, u"db9"_s}},
        {{u"host"_s, u"db9"_s}},      {{u"host"_s, u"x' OR 1=1"_s}},  {{u"host"_s, QString()}},
    };
    QCOMPARE(d.parseProcesslistReplicas(rows, 3306),
             (QList<InstanceKey>{InstanceKey(u"fd00::12"_s, 3306), InstanceKey(u"fd00::13"_s, 3306),
                                 InstanceKey(u"db9"_s, 3306)}));
    QVERIFY(d.parseProcesslistReplicas(rows, 0).isEmpty());
    QVERIFY(d.processlistReplicasQuery().contains(u"'Binlog Dump GTID'"_s));
}

void TestDialect::semiSync()
{
    {
        const Recorded rec(u"mariadb-10.11"_s);
        const Dialect d = rec.dialect();
        QCOMPARE(rec.query(u"semisync_variables_primary"_s), d.semiSyncVariablesQuery());
        QCOMPARE(rec.query(u"semisync_status_primary"_s), d.semiSyncStatusQuery());
        Instance primary;
        d.applySemiSync(rec.rows(u"semisync_variables_primary"_s), rec.rows(u"semisync_status_primary"_s), &primary);
        QVERIFY(primary.semiSync.available);
        QVERIFY(primary.semiSync.sourceEnabled);
        QVERIFY(!primary.semiSync.replicaEnabled);
        QVERIFY(primary.semiSync.sourceActive);
        QCOMPARE(primary.semiSync.sourceClients, 1);
        QCOMPARE(primary.semiSync.sourceTimeoutMs, 10000);
        QCOMPARE(primary.semiSync.sourceWaitForReplicaCount, 1);

        Instance replica;
        d.applySemiSync(rec.rows(u"semisync_variables_replica"_s), rec.rows(u"semisync_status_replica"_s), &replica);
        QVERIFY(!replica.semiSync.sourceEnabled);
        QVERIFY(replica.semiSync.replicaEnabled);
        QVERIFY(replica.semiSync.replicaActive);
        QVERIFY(!replica.semiSync.sourceActive);
        QCOMPARE(replica.semiSync.sourceClients, 0);
    }
    {
        const Recorded rec(u"mysql-5.7"_s);
        Instance primary;
        rec.dialect().applySemiSync(rec.rows(u"semisync_variables_primary"_s), rec.rows(u"semisync_status_primary"_s),
                                    &primary);
        QVERIFY(primary.semiSync.available);
        QVERIFY(primary.semiSync.sourceEnabled);
        QVERIFY(primary.semiSync.sourceActive);
        QCOMPARE(primary.semiSync.sourceClients, 2);
        QCOMPARE(primary.semiSync.sourceWaitForReplicaCount, 2);
    }
    {
        const Recorded rec(u"mysql-8.0"_s);
        const Dialect d = rec.dialect();
        Instance primary;
        d.applySemiSync(rec.rows(u"semisync_variables_primary"_s), rec.rows(u"semisync_status_primary"_s), &primary);
        QVERIFY(primary.semiSync.sourceEnabled);
        QVERIFY(primary.semiSync.sourceActive);
        QCOMPARE(primary.semiSync.sourceClients, 1);
        QCOMPARE(primary.semiSync.sourceTimeoutMs, 5000);
        QCOMPARE(primary.semiSync.sourceWaitForReplicaCount, 1);
        Instance replica;
        d.applySemiSync(rec.rows(u"semisync_variables_replica"_s), rec.rows(u"semisync_status_replica"_s), &replica);
        QVERIFY(replica.semiSync.available);
        QVERIFY(replica.semiSync.replicaEnabled);
        QVERIFY(replica.semiSync.replicaActive);
        QVERIFY(!replica.semiSync.sourceEnabled);
    }
    // MySQL without the plugins: nothing there.
    Instance plain;
    plain.semiSync.sourceEnabled = true; // stale value from an earlier poll is replaced
    dialect(u"8.0.36"_s).applySemiSync({}, {}, &plain);
    QVERIFY(!plain.semiSync.available);
    QVERIFY(!plain.semiSync.sourceEnabled);
    QCOMPARE(plain.semiSync.sourceWaitForReplicaCount, 0);
}

void TestDialect::changeSourceStatements_data()
{
    using P = Dialect::ChangeSource::Positioning;
    QTest::addColumn<QString>("version");
    QTest::addColumn<P>("positioning");
    QTest::addColumn<QString>("expected");

    const QString mariaHead = u"CHANGE MASTER TO MASTER_HOST='db1.example.com', MASTER_PORT=3306, MASTER_USER='repl', "
                              "MASTER_PASSWORD='s3cret', MASTER_CONNECT_RETRY=1, "_s;
    QTest::newRow("mariadb gtid") << u"10.11.6-MariaDB-log"_s << P::Gtid << mariaHead + u"MASTER_USE_GTID=slave_pos"_s;
    QTest::newRow("mariadb current_pos") << u"11.4.2-MariaDB"_s << P::CurrentPos
                                         << mariaHead + u"MASTER_USE_GTID=current_pos"_s;
    QTest::newRow("mariadb file") << u"10.11.6-MariaDB-log"_s << P::File
                                  << mariaHead + u"MASTER_USE_GTID=no, MASTER_LOG_FILE='mysql-bin.000007', MASTER_LOG_POS=1234"_s;

    const QString oldHead = u"CHANGE MASTER TO MASTER_HOST='db1.example.com', MASTER_PORT=3306, MASTER_USER='repl', "
                            "MASTER_PASSWORD='s3cret', MASTER_CONNECT_RETRY=1, "_s;
    QTest::newRow("mysql 5.7 gtid") << u"5.7.44-log"_s << P::Gtid << oldHead + u"MASTER_AUTO_POSITION=1"_s;
    QTest::newRow("mysql 5.7 current_pos") << u"5.7.44-log"_s << P::CurrentPos << oldHead + u"MASTER_AUTO_POSITION=1"_s;
    QTest::newRow("mysql 5.7 file") << u"5.7.44-log"_s << P::File
                                    << oldHead + u"MASTER_AUTO_POSITION=0, MASTER_LOG_FILE='mysql-bin.000007', MASTER_LOG_POS=1234"_s;
    QTest::newRow("mysql 8.0.22 gtid") << u"8.0.22"_s << P::Gtid << oldHead + u"MASTER_AUTO_POSITION=1"_s;

    const QString newHead = u"CHANGE REPLICATION SOURCE TO SOURCE_HOST='db1.example.com', SOURCE_PORT=3306, "
                            "SOURCE_USER='repl', SOURCE_PASSWORD='s3cret', SOURCE_CONNECT_RETRY=1, "_s;
    QTest::newRow("mysql 8.0.23 gtid") << u"8.0.23"_s << P::Gtid << newHead + u"SOURCE_AUTO_POSITION=1"_s;
    QTest::newRow("mysql 8.0.36 file") << u"8.0.36"_s << P::File
                                       << newHead + u"SOURCE_AUTO_POSITION=0, SOURCE_LOG_FILE='mysql-bin.000007', SOURCE_LOG_POS=1234"_s;
    QTest::newRow("mysql 8.4 gtid") << u"8.4.0"_s << P::Gtid << newHead + u"SOURCE_AUTO_POSITION=1"_s;
    QTest::newRow("mysql 9.1 gtid") << u"9.1.0"_s << P::Gtid << newHead + u"SOURCE_AUTO_POSITION=1"_s;
}

void TestDialect::changeSourceStatements()
{
    using P = Dialect::ChangeSource::Positioning;
    QFETCH(QString, version);
    QFETCH(P, positioning);
    QFETCH(QString, expected);
    auto c = change(u"db1.example.com"_s, 3306, positioning);
    c.coordinates = {u"mysql-bin.000007"_s, 1234};
    const Dialect d = dialect(version);
    QVERIFY(d.checkChangeSource(c).ok());
    QCOMPARE(d.changeSourceStatement(c).textForServer(), expected);
    // Everything but the server sees the password redacted, the rest of the statement unchanged.
    QCOMPARE(d.changeSourceStatement(c).toString(), QString(expected).replace(u"'s3cret'"_s, u"<redacted>"_s));
}

void TestDialect::changeSourceOmitsEmptyCredentials()
{
    auto c = change(u"10.0.0.5"_s, 3307, Dialect::ChangeSource::Positioning::Gtid);
    c.user.clear();
    c.password.clear();
    c.connectRetry = 5;
    QCOMPARE(dialect(u"10.11.6-MariaDB"_s).changeSourceStatement(c).textForServer(),
             u"CHANGE MASTER TO MASTER_HOST='10.0.0.5', MASTER_PORT=3307, MASTER_CONNECT_RETRY=5, MASTER_USE_GTID=slave_pos"_s);
    QCOMPARE(dialect(u"8.4.0"_s).changeSourceStatement(c).textForServer(),
             u"CHANGE REPLICATION SOURCE TO SOURCE_HOST='10.0.0.5', SOURCE_PORT=3307, SOURCE_CONNECT_RETRY=5, "
             "SOURCE_AUTO_POSITION=1"_s);
    c.user = u"repl"_s; // a new user with the stored password
    QCOMPARE(dialect(u"5.7.44"_s).changeSourceStatement(c).textForServer(),
             u"CHANGE MASTER TO MASTER_HOST='10.0.0.5', MASTER_PORT=3307, MASTER_USER='repl', MASTER_CONNECT_RETRY=5, "
             "MASTER_AUTO_POSITION=1"_s);
    // IPv6 sources are plain quoted addresses, no brackets.
    c.source = InstanceKey(u"fd00::11"_s, 3306);
    QVERIFY(dialect(u"8.0.36"_s).changeSourceStatement(c).textForServer().startsWith(u"CHANGE REPLICATION SOURCE TO SOURCE_HOST='fd00::11', SOURCE_PORT=3306,"_s));
}

void TestDialect::changeSourceQuotesHostileCredentials()
{
    auto c = change(u"db1"_s, 3306, Dialect::ChangeSource::Positioning::Gtid);
    c.user = u"re'pl"_s;
    c.password = u"p'; DROP DATABASE mysql; --\\\n"_s;
    const QString maria = dialect(u"10.11.6-MariaDB"_s).changeSourceStatement(c).textForServer();
    QCOMPARE(maria, u"CHANGE MASTER TO MASTER_HOST='db1', MASTER_PORT=3306, MASTER_USER='re''pl', "
                    "MASTER_PASSWORD='p''; DROP DATABASE mysql; --\\\\\\n', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos"_s);
    QVERIFY(!maria.contains(u'\n'));
    // What plans and recovery steps show: the statement, never the password, however hostile.
    const QString shown = dialect(u"10.11.6-MariaDB"_s).changeSourceStatement(c).toString();
    QCOMPARE(shown, u"CHANGE MASTER TO MASTER_HOST='db1', MASTER_PORT=3306, MASTER_USER='re''pl', "
                    "MASTER_PASSWORD=<redacted>, MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos"_s);
}

void TestDialect::changeSourceRefusesBadInput_data()
{
    using P = Dialect::ChangeSource::Positioning;
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<P>("positioning");
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<int>("connectRetry");
    QTest::addColumn<QString>("mention");

    QTest::newRow("quote in host") << u"db1', MASTER_USER='root"_s << 3306 << P::Gtid << QString() << qint64(0) << 1
                                   << u"host"_s;
    QTest::newRow("empty host") << QString() << 3306 << P::Gtid << QString() << qint64(0) << 1 << u"host"_s;
    QTest::newRow("newline host") << u"db1\nx"_s << 3306 << P::Gtid << QString() << qint64(0) << 1 << u"host"_s;
    QTest::newRow("port 0") << u"db1"_s << 0 << P::Gtid << QString() << qint64(0) << 1 << u"port"_s;
    QTest::newRow("port too big") << u"db1"_s << 65536 << P::Gtid << QString() << qint64(0) << 1 << u"port"_s;
    QTest::newRow("retry 0") << u"db1"_s << 3306 << P::Gtid << QString() << qint64(0) << 0 << u"connect retry"_s;
    QTest::newRow("file empty") << u"db1"_s << 3306 << P::File << QString() << qint64(1234) << 1 << u"file name"_s;
    QTest::newRow("file newline") << u"db1"_s << 3306 << P::File << u"bin.000001\n"_s << qint64(1234) << 1
                                  << u"file name"_s;
    QTest::newRow("file NUL") << u"db1"_s << 3306 << P::File << u"bin.000001\0x"_s << qint64(1234) << 1
                              << u"file name"_s;
    QTest::newRow("position 0") << u"db1"_s << 3306 << P::File << u"bin.000001"_s << qint64(0) << 1 << u"position"_s;
    QTest::newRow("position negative") << u"db1"_s << 3306 << P::File << u"bin.000001"_s << qint64(-5) << 1
                                       << u"position"_s;
}

void TestDialect::changeSourceRefusesBadInput()
{
    using P = Dialect::ChangeSource::Positioning;
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(P, positioning);
    QFETCH(QString, file);
    QFETCH(qint64, position);
    QFETCH(int, connectRetry);
    QFETCH(QString, mention);
    auto c = change(host, port, positioning);
    c.coordinates = {file, position};
    c.connectRetry = connectRetry;
    for (const QString &version : {u"10.11.6-MariaDB"_s, u"5.7.44"_s, u"8.4.0"_s}) {
        const Dialect d = dialect(version);
        const Result<void> check = d.checkChangeSource(c);
        QVERIFY(!check.ok());
        QVERIFY2(check.error().contains(mention), qPrintable(check.error()));
        QVERIFY(check.error().startsWith(u"cannot point a replica at"_s));
        QVERIFY(d.changeSourceStatement(c).isEmpty());
    }
}

void TestDialect::replicaControlStatements_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("stop");
    QTest::addColumn<QString>("reset");
    QTest::addColumn<QString>("readOnlyOn");
    QTest::addColumn<QString>("readOnlyOff");

    QTest::newRow("mariadb 10.11") << u"10.11.6-MariaDB"_s << u"START SLAVE"_s << u"STOP SLAVE"_s << u"RESET SLAVE ALL"_s
                                   << u"SET GLOBAL read_only=ON"_s << u"SET GLOBAL read_only=OFF"_s;
    QTest::newRow("mariadb 11.4") << u"11.4.2-MariaDB"_s << u"START SLAVE"_s << u"STOP SLAVE"_s << u"RESET SLAVE ALL"_s
                                  << u"SET GLOBAL read_only=ON"_s << u"SET GLOBAL read_only=OFF"_s;
    const QString superOn = u"SET GLOBAL read_only=ON, GLOBAL super_read_only=ON"_s;
    const QString superOff = u"SET GLOBAL super_read_only=OFF, GLOBAL read_only=OFF"_s;
    QTest::newRow("mysql 5.6") << u"5.6.51-log"_s << u"START SLAVE"_s << u"STOP SLAVE"_s << u"RESET SLAVE ALL"_s
                               << u"SET GLOBAL read_only=ON"_s << u"SET GLOBAL read_only=OFF"_s;
    QTest::newRow("mysql 5.7") << u"5.7.44-log"_s << u"START SLAVE"_s << u"STOP SLAVE"_s << u"RESET SLAVE ALL"_s
                               << superOn << superOff;
    QTest::newRow("mysql 8.0.21") << u"8.0.21"_s << u"START SLAVE"_s << u"STOP SLAVE"_s << u"RESET SLAVE ALL"_s << superOn
                                  << superOff;
    QTest::newRow("mysql 8.0.22") << u"8.0.22"_s << u"START REPLICA"_s << u"STOP REPLICA"_s << u"RESET REPLICA ALL"_s
                                  << superOn << superOff;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s << u"START REPLICA"_s << u"STOP REPLICA"_s << u"RESET REPLICA ALL"_s
                               << superOn << superOff;
}

void TestDialect::replicaControlStatements()
{
    QFETCH(QString, version);
    QFETCH(QString, start);
    QFETCH(QString, stop);
    QFETCH(QString, reset);
    QFETCH(QString, readOnlyOn);
    QFETCH(QString, readOnlyOff);
    const Dialect d = dialect(version);
    QCOMPARE(d.startReplicaStatement(), start);
    QCOMPARE(d.stopReplicaStatement(), stop);
    QCOMPARE(d.resetReplicaAllStatement(), reset);
    QCOMPARE(d.setReadOnlyStatement(true), readOnlyOn);
    QCOMPARE(d.setReadOnlyStatement(false), readOnlyOff);
}

void TestDialect::startUntilAndWaitStatements_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("until");
    QTest::addColumn<QString>("wait");
    QTest::newRow("mariadb 10.11") << u"10.11.6-MariaDB"_s
                                   << u"START SLAVE UNTIL MASTER_LOG_FILE='bin.000007', MASTER_LOG_POS=1234"_s
                                   << u"SELECT MASTER_POS_WAIT('bin.000007', 1234, 30) AS result"_s;
    QTest::newRow("mysql 5.7") << u"5.7.44-log"_s
                               << u"START SLAVE UNTIL MASTER_LOG_FILE='bin.000007', MASTER_LOG_POS=1234"_s
                               << u"SELECT MASTER_POS_WAIT('bin.000007', 1234, 30) AS result"_s;
    QTest::newRow("mysql 8.0.22") << u"8.0.22"_s
                                  << u"START REPLICA UNTIL SOURCE_LOG_FILE='bin.000007', SOURCE_LOG_POS=1234"_s
                                  << u"SELECT MASTER_POS_WAIT('bin.000007', 1234, 30) AS result"_s;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s
                               << u"START REPLICA UNTIL SOURCE_LOG_FILE='bin.000007', SOURCE_LOG_POS=1234"_s
                               << u"SELECT SOURCE_POS_WAIT('bin.000007', 1234, 30) AS result"_s;
}

void TestDialect::startUntilAndWaitStatements()
{
    QFETCH(QString, version);
    QFETCH(QString, until);
    QFETCH(QString, wait);
    const Dialect d = dialect(version);
    const BinlogCoordinates at{u"bin.000007"_s, 1234};
    QCOMPARE(d.startReplicaUntilStatement(at), until);
    QCOMPARE(d.sourcePosWaitQuery(at, 30), wait);
}

void TestDialect::startUntilRefusesBadCoordinates()
{
    const Dialect d = dialect(u"10.11.6-MariaDB"_s);
    QVERIFY(d.startReplicaUntilStatement({}).isEmpty());
    QVERIFY(d.startReplicaUntilStatement({u"bin.000001"_s, 3}).isEmpty());
    QVERIFY(d.startReplicaUntilStatement({u"bin\n.000001"_s, 4}).isEmpty());
    QVERIFY(d.sourcePosWaitQuery({u"bin.000001"_s, 0}, 5).isEmpty());
    QVERIFY(!d.checkCoordinates({u"bin.000001"_s, 2}).ok());
    QVERIFY(d.checkCoordinates({u"bin.000001"_s, 4}).ok());
    // A hostile file name that passes the plausibility check still cannot leave its literal.
    const QString hostile = d.startReplicaUntilStatement({u"x', MASTER_LOG_POS=4; DROP TABLE t; -- "_s, 4});
    QVERIFY(hostile.contains(u"'x'', MASTER_LOG_POS=4; DROP TABLE t; -- '"_s));
    // Negative timeouts would wait forever on some versions: clamp to 0.
    QCOMPARE(d.sourcePosWaitQuery({u"bin.000001"_s, 4}, -5), u"SELECT MASTER_POS_WAIT('bin.000001', 4, 0) AS result"_s);
}

void TestDialect::gtidWaitStatements()
{
    QCOMPARE(dialect(u"10.11.6-MariaDB"_s).gtidWaitQuery(u"0-1-100,1-2-5"_s, 10),
             u"SELECT MASTER_GTID_WAIT('0-1-100,1-2-5', 10) AS result"_s);
    QCOMPARE(dialect(u"8.0.36"_s).gtidWaitQuery(kUuidA + u":1-5"_s, 10),
             u"SELECT WAIT_FOR_EXECUTED_GTID_SET('%1:1-5', 10) AS result"_s.arg(kUuidA));
    QCOMPARE(dialect(u"8.0.36"_s).gtidWaitQuery(u"a'b"_s, 1), u"SELECT WAIT_FOR_EXECUTED_GTID_SET('a''b', 1) AS result"_s);
}

void TestDialect::detachedChangeSource()
{
    Dialect::ChangeSource c;
    c.source = InstanceKey(u"db1"_s, 3306);
    c.positioning = Dialect::ChangeSource::Positioning::File;
    c.coordinates = {u"bin.000002"_s, 120};
    c.detached = true;
    QCOMPARE(dialect(u"10.11.6-MariaDB"_s).changeSourceStatement(c).textForServer(),
             u"CHANGE MASTER TO MASTER_HOST='//db1', MASTER_PORT=3306, MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=no, "
             "MASTER_LOG_FILE='bin.000002', MASTER_LOG_POS=120"_s);
    c.detached = false;
    QVERIFY(dialect(u"10.11.6-MariaDB"_s).changeSourceStatement(c).textForServer().startsWith(u"CHANGE MASTER TO MASTER_HOST='db1',"_s));
}

void TestDialect::operationSessionStatements()
{
    const QStringList statements = Dialect::operationSessionStatements();
    QVERIFY(statements.contains(u"SET NAMES utf8mb4"_s));
    QVERIFY(statements.join(u' ').contains(u"NO_BACKSLASH_ESCAPES"_s));
}

void TestDialect::requiredPrivileges_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("mariadb 10.4") << u"10.4.32-MariaDB"_s
                                  << QStringList{u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s,
                                                 u"SUPER"_s};
    QTest::newRow("mariadb 10.5.8") << u"10.5.8-MariaDB"_s
                                    << QStringList{u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION SLAVE"_s, u"BINLOG MONITOR"_s,
                                                   u"REPLICATION MASTER ADMIN"_s, u"REPLICATION SLAVE ADMIN"_s,
                                                   u"READ_ONLY ADMIN"_s};
    const QStringList modern = {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION SLAVE"_s, u"BINLOG MONITOR"_s,
                                u"REPLICATION MASTER ADMIN"_s, u"REPLICATION SLAVE ADMIN"_s, u"SLAVE MONITOR"_s,
                                u"READ_ONLY ADMIN"_s};
    QTest::newRow("mariadb 10.11") << u"10.11.6-MariaDB-0+deb12u1-log"_s << modern;
    QTest::newRow("mariadb 11.4") << u"11.4.2-MariaDB"_s << modern;
    QTest::newRow("mysql 5.7") << u"5.7.44-log"_s
                               << QStringList{u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s,
                                              u"SUPER"_s};
    const QStringList mysql8 = {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s,
                                u"REPLICATION_SLAVE_ADMIN"_s, u"SYSTEM_VARIABLES_ADMIN"_s};
    QTest::newRow("mysql 8.0") << u"8.0.36"_s << mysql8;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s << mysql8;
}

void TestDialect::requiredPrivileges()
{
    QFETCH(QString, version);
    QFETCH(QStringList, expected);
    QCOMPARE(dialect(version).requiredPrivileges(), expected);
}

void TestDialect::quoteString_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << u"repl"_s << u"'repl'"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("single quote") << u"it's"_s << u"'it''s'"_s;
    QTest::newRow("injection") << u"x'; DROP TABLE t; --"_s << u"'x''; DROP TABLE t; --'"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"'a\\\\b'"_s;
    QTest::newRow("backslash quote") << u"\\'"_s << u"'\\\\'''"_s;
    QTest::newRow("trailing backslash") << u"abc\\"_s << u"'abc\\\\'"_s;
    QTest::newRow("NUL") << QString(QChar(0)) + u"x"_s << u"'\\0x'"_s;
    QTest::newRow("newline cr tab") << u"a\nb\rc\td"_s << u"'a\\nb\\rc\\td'"_s;
    QTest::newRow("ctrl-z backspace") << QString(QChar(0x1a)) + QChar(u'\b') << u"'\\Z\\b'"_s;
    QTest::newRow("double quote") << u"say \"hi\""_s << u"'say \"hi\"'"_s;
    QTest::newRow("unicode") << u"pässwörd✓"_s << u"'pässwörd✓'"_s;
}

void TestDialect::quoteString()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    const QString q = Dialect::quoteString(value);
    QCOMPARE(q, quoted);
    // Whatever the input, the literal is one token: quotes inside come in pairs, no raw control
    // characters remain, and a backslash never escapes the closing quote.
    const QString inner = q.mid(1, q.size() - 2);
    QVERIFY(q.startsWith(u'\'') && q.endsWith(u'\''));
    QString unescaped;
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const QChar c = inner.at(i);
        QVERIFY(c.unicode() >= 0x20);
        if (c == u'\\') {
            QVERIFY(i + 1 < inner.size());
            ++i;
        } else if (c == u'\'') {
            QVERIFY(i + 1 < inner.size() && inner.at(i + 1) == u'\'');
            ++i;
        }
    }
    // A host with a quote never reaches quoting: InstanceKey refuses it first.
    QVERIFY(!InstanceKey::isValidHost(u"db1'x"_s));
    QVERIFY(!InstanceKey::parse(u"db1'x:3306"_s).ok());
}

QTEST_GUILESS_MAIN(TestDialect)
#include "tst_dialect.moc"
