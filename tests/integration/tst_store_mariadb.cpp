#include "syntheticfacts.h"
#include "resultassert.h"
#include "model/instancejson.h"
#include "sandbox.h"
#include "store/store.h"
#include "store/storewriter.h"

#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;
using arbor::testsupport::Sandbox;
using arbor::testsupport::SandboxOptions;
using arbor::testsupport::SandboxShape;

namespace {

const QString kUser = u"store"_s;
const QString kPassword = u"store-secret"_s;

Instance makeInstance(const QString &host, int port, const InstanceKey &source = {})
{
    Instance i = SyntheticFacts::storedInstance(host, port, source);
    i.lastError = u"ünïcode and 'quotes' survive utf8mb4 😀"_s;
    if (i.replication)
        i.replication->secondsBehindSource.reset(); // NULL lag
    return i;
}

} // namespace

// The Store against a real MariaDB: the same basic checks as tst_store, plus what only a shared
// server has (the schema lock when several nodes start at once, network errors).
class TestStoreMariaDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void migrationsAreIdempotentOnReopen();
    void concurrentOpensMigrateOnce();
    void writeReadForget();
    void clusterAliases();
    void downtimeExpiry();
    void writerBatchesThousands();
    void wrongPasswordNamesTheServer();

private:
    StoreOptions options(const QString &database = u"arbor_store"_s) const
    {
        return StoreOptions::mySql(u"127.0.0.1"_s, m_sandbox->port(0), database, kUser, kPassword);
    }

    std::unique_ptr<Sandbox> m_sandbox;
};

void TestStoreMariaDb::initTestCase()
{
    if (!Sandbox::available())
        QSKIP("mariadbd or mariadb-install-db is not installed");
    SandboxOptions o;
    o.shape = SandboxShape::Single;
    m_sandbox = std::make_unique<Sandbox>(o);
    QVERIFY_RESULT(m_sandbox->start());
    for (const QString &sql : {u"CREATE DATABASE arbor_store"_s, u"CREATE DATABASE arbor_store_race"_s,
                               u"CREATE USER '%1'@'%' IDENTIFIED BY '%2'"_s.arg(kUser, kPassword),
                               u"GRANT ALL ON arbor_store.* TO '%1'@'%'"_s.arg(kUser),
                               u"GRANT ALL ON arbor_store_race.* TO '%1'@'%'"_s.arg(kUser)})
        QVERIFY_RESULT(m_sandbox->execute(0, sql));
}

void TestStoreMariaDb::cleanupTestCase()
{
    if (m_sandbox)
        m_sandbox->stop();
}

void TestStoreMariaDb::migrationsAreIdempotentOnReopen()
{
    const int latest = StoreSchema(StoreOptions::Kind::MySql).latestVersion();
    for (int i = 0; i < 2; ++i) {
        Store store(options());
        QVERIFY_RESULT(store.open());
        QCOMPARE(store.schemaVersion(), latest);
    }
    const auto rows = m_sandbox->query(0, u"SELECT COUNT(*) AS n FROM arbor_store.schema_migrations"_s);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->value(0).value(u"n"_s).toInt(),
             StoreSchema(StoreOptions::Kind::MySql).migrations().size());
    const auto types = m_sandbox->query(
        0, u"SELECT DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='arbor_store' "
           "AND TABLE_NAME='instances' AND COLUMN_NAME='data'"_s);
    QVERIFY_RESULT(types);
    QCOMPARE(types->value(0).value(u"t"_s).toString().toLower(), u"mediumtext"_s);
}

void TestStoreMariaDb::concurrentOpensMigrateOnce()
{
    // Several service nodes starting together against an empty schema.
    constexpr int nodes = 4;
    QList<QString> errors(nodes);
    QList<QThread *> threads;
    for (int n = 0; n < nodes; ++n) {
        threads.append(QThread::create([this, n, &errors] {
            Store store(options(u"arbor_store_race"_s));
            const Result<void> r = store.open();
            errors[n] = r.ok() ? QString() : r.error();
        }));
        threads.last()->start();
    }
    for (QThread *t : threads) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    for (const QString &e : errors)
        QVERIFY2(e.isEmpty(), qPrintable(e));
    const auto rows = m_sandbox->query(0, u"SELECT COUNT(*) AS n FROM arbor_store_race.schema_migrations"_s);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->value(0).value(u"n"_s).toInt(),
             StoreSchema(StoreOptions::Kind::MySql).migrations().size());
}

void TestStoreMariaDb::writeReadForget()
{
    Store store(options());
    QVERIFY_RESULT(store.open());
    const Instance master = makeInstance(u"db1"_s, 3306);
    const Instance replica = makeInstance(u"db2"_s, 3306, master.key);
    QVERIFY_RESULT(store.writeInstances({replica, master}));
    QVERIFY_RESULT(store.writeInstances({replica})); // REPLACE, not a duplicate key error

    const auto all = store.readInstances();
    QVERIFY_RESULT(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).key, master.key);
    QCOMPARE(InstanceJson::toJson(all->at(1)), InstanceJson::toJson(replica));
    QCOMPARE(all->at(1).lastError, replica.lastError);

    const auto source = m_sandbox->query(
        0, u"SELECT source_host, source_port FROM arbor_store.instances WHERE hostname='db2'"_s);
    QVERIFY_RESULT(source);
    QCOMPARE(source->value(0).value(u"source_host"_s).toString(), u"db1"_s);
    QCOMPARE(source->value(0).value(u"source_port"_s).toInt(), 3306);

    QVERIFY_RESULT(
        store.beginDowntime({replica.key, u"ops"_s, u"disk"_s, QDateTime::currentDateTimeUtc().addSecs(-1),
                             QDateTime::currentDateTimeUtc().addSecs(600)}));
    QVERIFY_RESULT(store.forgetInstance(replica.key));
    const auto one = store.readInstance(replica.key);
    QVERIFY_RESULT(one);
    QVERIFY(!one->has_value());
    QVERIFY(store.readActiveDowntimes(QDateTime::currentDateTimeUtc())->isEmpty());
    QVERIFY_RESULT(store.forgetInstance(master.key));
}

void TestStoreMariaDb::clusterAliases()
{
    Store store(options());
    QVERIFY_RESULT(store.open());
    QVERIFY_RESULT(store.setClusterAlias(u"db1:3306"_s, u"billing"_s));
    QVERIFY_RESULT(store.setClusterAlias(u"db1:3306"_s, u"payments"_s));
    QVERIFY_RESULT(store.setClusterAlias(u"db7:3306"_s, u"shop"_s));
    QVERIFY_RESULT(store.setClusterAlias(u"db7:3306"_s, QString()));
    const auto aliases = store.readClusterAliases();
    QVERIFY_RESULT(aliases);
    QCOMPARE(aliases->size(), 1);
    QCOMPARE(aliases->value(u"db1:3306"_s), u"payments"_s);
}

void TestStoreMariaDb::downtimeExpiry()
{
    Store store(options());
    QVERIFY_RESULT(store.open());
    const QDateTime t0(QDate(2024, 5, 1), QTime(12, 0, 0, 0), Qt::UTC);
    QVERIFY_RESULT(store.beginDowntime({InstanceKey(u"a"_s, 1), u"alice"_s, u"kernel"_s, t0, t0.addSecs(600)}));
    QVERIFY_RESULT(store.beginDowntime({InstanceKey(u"b"_s, 1), u"bob"_s, u"resize"_s, t0, t0.addSecs(60)}));
    auto active = store.readActiveDowntimes(t0.addSecs(30));
    QVERIFY_RESULT(active);
    QCOMPARE(active->size(), 2);
    QCOMPARE(active->at(1).end, t0.addSecs(60));
    active = store.readActiveDowntimes(t0.addSecs(90));
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).owner, u"alice"_s);
    QVERIFY_RESULT(store.endDowntime(InstanceKey(u"a"_s, 1)));
    QVERIFY(store.readActiveDowntimes(t0.addSecs(90))->isEmpty());
}

void TestStoreMariaDb::writerBatchesThousands()
{
    StoreWriter writer(options(), 100, 1000);
    QVERIFY_RESULT(writer.start());
    constexpr int count = 5000;
    for (int i = 0; i < count; ++i)
        writer.enqueue(makeInstance(u"10.1.%1.%2"_s.arg(i / 250).arg(i % 250), 3306));
    writer.flush();
    QVERIFY2(writer.lastError().isEmpty(), qPrintable(writer.lastError()));
    QCOMPARE(writer.rowsWritten(), count);
    QVERIFY2(writer.batchesWritten() >= 5 && writer.batchesWritten() <= 25,
             qPrintable(u"batches: %1"_s.arg(writer.batchesWritten())));
    writer.stop();

    const auto rows = m_sandbox->query(
        0, u"SELECT COUNT(*) AS n FROM arbor_store.instances WHERE hostname LIKE '10.1.%'"_s);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->value(0).value(u"n"_s).toInt(), count);
}

void TestStoreMariaDb::wrongPasswordNamesTheServer()
{
    StoreOptions bad = options();
    bad.password = u"wrong-password"_s;
    Store store(bad);
    const Result<void> r = store.open();
    QVERIFY(!r.ok());
    const QString where = u"127.0.0.1:%1"_s.arg(m_sandbox->port(0));
    QVERIFY2(r.error().contains(where), qPrintable(r.error()));
    QVERIFY2(!r.error().contains(u"wrong-password"_s), "the password must never appear in an error");

    StoreWriter writer(bad);
    const Result<void> w = writer.start();
    QVERIFY(!w.ok());
    QVERIFY2(w.error().contains(where), qPrintable(w.error()));
}

QTEST_GUILESS_MAIN(TestStoreMariaDb)
#include "tst_store_mariadb.moc"
