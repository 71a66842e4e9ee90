#include "syntheticfacts.h"
#include "resultassert.h"
#include "model/instancejson.h"
#include "store/store.h"
#include "store/storewriter.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlError>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

namespace {

Instance makeInstance(const QString &host, int port, const InstanceKey &source = {})
{
    return SyntheticFacts::storedInstance(host, port, source);
}

// Reads a column straight from the file, to check what the store put in the row itself.
QVariant scalar(const QString &path, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_peek"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_store_peek"_s);
    return value;
}

// Every row of @p tables, every column, as text: what "nothing else changed" compares.
QStringList dump(const QString &path, const QStringList &tables)
{
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_dump"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            for (const QString &t : tables) {
                QSqlQuery q(db);
                q.exec(u"SELECT * FROM %1 ORDER BY 1"_s.arg(t));
                while (q.next()) {
                    QStringList cells;
                    for (int c = 0; c < q.record().count(); ++c)
                        cells << q.value(c).toString();
                    rows << t + u": "_s + cells.join(u" | "_s);
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_store_dump"_s);
    return rows;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void defaultSqliteUsesAppData();
    void openCreatesParentFolders();
    void migrationsAreIdempotentOnReopen();
    void openFailureNamesThePath();
    void newerSchemaIsRefused();
    void passwordsStoredByOlderVersionsAreRedacted();
    void callsBeforeOpenFail();
    void writeReadForget();
    void writeReplacesAndFillsColumns();
    void writeManyInChunks();
    void invalidKeyWritesNothing();
    void corruptRowIsReported();
    void clusterAliases();
    void tagsOnTheStoresConnection();
    void downtimeExpiry();
    void downtimeValidation();
    void writerBatchesThousands();
    void writerKeepsNewestSnapshot();
    void writerStartReportsOpenError();
    void writerRetriesFailedBatch();

private:
    QString path(const QString &name = u"store.sqlite3"_s) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::cleanup()
{
    m_dir.reset();
}

void TestStore::defaultSqliteUsesAppData()
{
    const StoreOptions o = StoreOptions::defaultSqlite();
    QCOMPARE(o.kind, StoreOptions::Kind::Sqlite);
    QVERIFY2(o.path.endsWith(u"/arbor/arbor.sqlite3"_s), qPrintable(o.path));
}

void TestStore::openCreatesParentFolders()
{
    Store store(StoreOptions::sqlite(m_dir->filePath(u"a/b/c/arbor.sqlite3"_s)));
    const Result<void> r = store.open();
    QVERIFY_RESULT(r);
    QVERIFY(QFile::exists(m_dir->filePath(u"a/b/c/arbor.sqlite3"_s)));
    QCOMPARE(store.schemaVersion(), StoreSchema(StoreOptions::Kind::Sqlite).latestVersion());
    QVERIFY(store.schemaVersion() >= 1);
}

void TestStore::migrationsAreIdempotentOnReopen()
{
    {
        Store store(StoreOptions::sqlite(path()));
        QVERIFY_RESULT(store.open());
        QVERIFY_RESULT(store.writeInstances({makeInstance(u"h1"_s, 3306)}));
    }
    for (int i = 0; i < 2; ++i) {
        Store store(StoreOptions::sqlite(path()));
        const Result<void> r = store.open();
        QVERIFY_RESULT(r);
        QCOMPARE(store.schemaVersion(), StoreSchema(StoreOptions::Kind::Sqlite).latestVersion());
        const auto instances = store.readInstances();
        QVERIFY(instances.ok());
        QCOMPARE(instances->size(), 1); // data survives, nothing recreated
    }
    // Each version recorded once, however often the store was opened.
    QCOMPARE(scalar(path(), u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
             StoreSchema(StoreOptions::Kind::Sqlite).migrations().size());
    QCOMPARE(scalar(path(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
}

void TestStore::openFailureNamesThePath()
{
    QFile blocker(m_dir->filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    // The parent "folder" is a file: the folder cannot be created.
    const QString bad = m_dir->filePath(u"file/sub/arbor.sqlite3"_s);
    Store store(StoreOptions::sqlite(bad));
    const Result<void> r = store.open();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(m_dir->filePath(u"file/sub"_s)), qPrintable(r.error()));
    QVERIFY(!store.isOpen());

    // Not a database at all.
    QFile junk(path(u"junk.sqlite3"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    Store junkStore(StoreOptions::sqlite(path(u"junk.sqlite3"_s)));
    const Result<void> j = junkStore.open();
    QVERIFY(!j.ok());
    QVERIFY2(j.error().contains(path(u"junk.sqlite3"_s)), qPrintable(j.error()));
}

void TestStore::newerSchemaIsRefused()
{
    {
        Store store(StoreOptions::sqlite(path()));
        QVERIFY_RESULT(store.open());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_bump"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0)"_s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_store_bump"_s);
    Store store(StoreOptions::sqlite(path()));
    const Result<void> r = store.open();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(u"9999"_s) && r.error().contains(u"upgrade Arbor"_s), qPrintable(r.error()));
}

void TestStore::callsBeforeOpenFail()
{
    Store store(StoreOptions::sqlite(path()));
    const Result<void> r = store.writeInstances({makeInstance(u"h"_s, 1)});
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(u"not open"_s), qPrintable(r.error()));
    QVERIFY(!store.readInstances().ok());
    QVERIFY(!store.readClusterAliases().ok());
}

void TestStore::writeReadForget()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    const Instance master = makeInstance(u"db1"_s, 3306);
    const Instance replica = makeInstance(u"db2"_s, 3306, master.key);
    QVERIFY_RESULT(store.writeInstances({replica, master}));

    const auto all = store.readInstances();
    QVERIFY_RESULT(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).key, master.key); // ordered by host, port
    QCOMPARE(InstanceJson::toJson(all->at(1)), InstanceJson::toJson(replica));

    const auto one = store.readInstance(replica.key);
    QVERIFY(one.ok());
    QVERIFY(one->has_value());
    QCOMPARE((*one)->sourceKey(), master.key);
    QCOMPARE((*one)->lastChecked, replica.lastChecked);

    const auto missing = store.readInstance(InstanceKey(u"nope"_s, 1));
    QVERIFY(missing.ok());
    QVERIFY(!missing->has_value());

    QVERIFY(store
                .beginDowntime({replica.key, u"ops"_s, u"disk swap"_s,
                                QDateTime::currentDateTimeUtc().addSecs(-1),
                                QDateTime::currentDateTimeUtc().addSecs(3600)})
                .ok());
    QVERIFY_RESULT(store.forgetInstance(replica.key));
    QCOMPARE(store.readInstances()->size(), 1);
    QVERIFY(!store.readInstance(replica.key)->has_value());
    QVERIFY(store.readActiveDowntimes(QDateTime::currentDateTimeUtc())->isEmpty()); // its downtime went too
    QVERIFY_RESULT(store.forgetInstance(replica.key)); // forgetting twice is harmless
}

void TestStore::writeReplacesAndFillsColumns()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    Instance replica = makeInstance(u"db2"_s, 3307, InstanceKey(u"db1"_s, 3306));
    QVERIFY_RESULT(store.writeInstances({replica}));
    replica.serverId = 42;
    replica.lastCheckValid = false;
    QVERIFY_RESULT(store.writeInstances({replica}));

    QCOMPARE(store.readInstances()->size(), 1);
    QCOMPARE(store.readInstance(replica.key)->value().serverId, 42);
    QCOMPARE(scalar(path(), u"SELECT source_host || ':' || source_port FROM instances"_s).toString(),
             u"db1:3306"_s);
    QCOMPARE(scalar(path(), u"SELECT last_check_valid FROM instances"_s).toInt(), 0);
    QCOMPARE(scalar(path(), u"SELECT last_checked FROM instances"_s).toLongLong(),
             replica.lastChecked.toMSecsSinceEpoch());
}

void TestStore::writeManyInChunks()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    // More than two full statements plus a partial one, twice, so the prepared full chunk is reused.
    QList<Instance> many;
    for (int i = 0; i < StoreSchema::kRowsPerStatement * 2 + 17; ++i)
        many.append(makeInstance(u"host-%1"_s.arg(i), 3306));
    QVERIFY_RESULT(store.writeInstances(many));
    QVERIFY_RESULT(store.writeInstances(many));
    QCOMPARE(store.readInstances()->size(), many.size());
}

void TestStore::invalidKeyWritesNothing()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    const Result<void> r = store.writeInstances({makeInstance(u"ok"_s, 1), Instance()});
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(u"nothing was written"_s), qPrintable(r.error()));
    QVERIFY(store.readInstances()->isEmpty());
}

void TestStore::corruptRowIsReported()
{
    {
        Store store(StoreOptions::sqlite(path()));
        QVERIFY_RESULT(store.open());
        QVERIFY_RESULT(store.writeInstances({makeInstance(u"db9"_s, 3306)}));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_corrupt"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"UPDATE instances SET data = '{\"Key\":{\"Hostname\":\"db9\",\"Port\":\"x\"}}'"_s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_store_corrupt"_s);
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    const auto r = store.readInstances();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(u"db9:3306"_s) && r.error().contains(u"Key.Port"_s), qPrintable(r.error()));
}

void TestStore::clusterAliases()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    QVERIFY_RESULT(store.setClusterAlias(u"db1:3306"_s, u"billing"_s));
    QVERIFY_RESULT(store.setClusterAlias(u"db7:3306"_s, u"shop"_s));
    QVERIFY_RESULT(store.setClusterAlias(u"db1:3306"_s, u"payments"_s)); // replaces
    auto aliases = store.readClusterAliases();
    QVERIFY(aliases.ok());
    QCOMPARE(aliases->size(), 2);
    QCOMPARE(aliases->value(u"db1:3306"_s), u"payments"_s);
    QVERIFY_RESULT(store.setClusterAlias(u"db7:3306"_s, QString())); // empty alias removes it
    aliases = store.readClusterAliases();
    QCOMPARE(aliases->size(), 1);
    QVERIFY(!store.setClusterAlias(QString(), u"x"_s).ok());
}

// Tags (TagTable) live on the Store's own connection: set, replace, read sorted, remove one or all.
void TestStore::tagsOnTheStoresConnection()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY(!store.readTags(InstanceKey(u"db1"_s, 3306)).ok()); // not open yet
    QVERIFY_RESULT(store.open());
    const InstanceKey db1(u"db1"_s, 3306), db2(u"db2"_s, 3306);
    QVERIFY_RESULT(store.putTag(db1, InstanceTag{u"role"_s, u"backup"_s}));
    QVERIFY_RESULT(store.putTag(db1, InstanceTag{u"dc"_s, u"east"_s}));
    QVERIFY_RESULT(store.putTag(db1, InstanceTag{u"role"_s, u"reporting"_s})); // one value per name
    QVERIFY_RESULT(store.putTag(db2, InstanceTag{u"role"_s, u"backup"_s}));
    auto tags = store.readTags(db1);
    QVERIFY_RESULT(tags);
    QCOMPARE(tags->size(), 2);
    QCOMPARE(tags->at(0).name, u"dc"_s);
    QCOMPARE(tags->at(1).value, u"reporting"_s);
    auto removed = store.removeTag(InstanceKey(), u"role"_s, u"backup"_s); // every server, this value only
    QVERIFY_RESULT(removed);
    QCOMPARE(removed.value(), QList<InstanceKey>{db2});
    auto all = store.readAllTags();
    QVERIFY_RESULT(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->value(db1).size(), 2);
}

void TestStore::downtimeExpiry()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    const QDateTime t0(QDate(2024, 5, 1), QTime(12, 0, 0, 0), Qt::UTC);
    const Downtime a{InstanceKey(u"a"_s, 1), u"alice"_s, u"kernel upgrade"_s, t0, t0.addSecs(600)};
    const Downtime b{InstanceKey(u"b"_s, 1), u"bob"_s, u"resize"_s, t0, t0.addSecs(60)};
    const Downtime later{InstanceKey(u"c"_s, 1), u"carol"_s, u"planned"_s, t0.addSecs(3600),
                         t0.addSecs(7200)};
    QVERIFY_RESULT(store.beginDowntime(a));
    QVERIFY_RESULT(store.beginDowntime(b));
    QVERIFY_RESULT(store.beginDowntime(later));

    auto active = store.readActiveDowntimes(t0.addSecs(30));
    QVERIFY(active.ok());
    QCOMPARE(active->size(), 2);
    QCOMPARE(active->at(0).key, a.key);
    QCOMPARE(active->at(0).owner, u"alice"_s);
    QCOMPARE(active->at(0).reason, u"kernel upgrade"_s);
    QCOMPARE(active->at(0).begin, a.begin);
    QCOMPARE(active->at(0).end, a.end);

    active = store.readActiveDowntimes(t0.addSecs(60)); // b ends exactly now: expired
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).key, a.key);

    QCOMPARE(store.readActiveDowntimes(t0.addSecs(3601))->size(), 1); // only the later one
    QVERIFY_RESULT(store.endDowntime(a.key));
    QVERIFY(store.readActiveDowntimes(t0.addSecs(30))->size() == 1);

    // Beginning again replaces the window.
    QVERIFY_RESULT(store.beginDowntime({b.key, u"bob"_s, u"longer"_s, t0, t0.addSecs(6000)}));
    active = store.readActiveDowntimes(t0.addSecs(120));
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).reason, u"longer"_s);
}

void TestStore::downtimeValidation()
{
    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(!store.beginDowntime({InstanceKey(), u"o"_s, u"r"_s, now, now.addSecs(1)}).ok());
    const Result<void> backwards =
        store.beginDowntime({InstanceKey(u"a"_s, 1), u"o"_s, u"r"_s, now, now.addSecs(-1)});
    QVERIFY(!backwards.ok());
    QVERIFY2(backwards.error().contains(u"a:1"_s), qPrintable(backwards.error()));
}

void TestStore::writerBatchesThousands()
{
    StoreWriter writer(StoreOptions::sqlite(path()), 100, 1000);
    const Result<void> started = writer.start();
    QVERIFY_RESULT(started);
    constexpr int count = 5000;
    for (int i = 0; i < count; ++i)
        writer.enqueue(makeInstance(u"10.0.%1.%2"_s.arg(i / 250).arg(i % 250), 3306));
    writer.flush();
    QCOMPARE(writer.rowsWritten(), count);
    QVERIFY(writer.lastError().isEmpty());
    // One transaction per poll would be 5000; batching makes it a handful, whatever the timing.
    QVERIFY2(writer.batchesWritten() >= 5 && writer.batchesWritten() <= 25,
             qPrintable(u"batches: %1"_s.arg(writer.batchesWritten())));
    writer.stop();

    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    QCOMPARE(store.readInstances()->size(), count);
}

void TestStore::writerKeepsNewestSnapshot()
{
    StoreWriter writer(StoreOptions::sqlite(path()), 10000, 1000); // long interval: only flush writes
    QVERIFY_RESULT(writer.start());
    for (int v = 1; v <= 50; ++v) {
        Instance i = makeInstance(u"db1"_s, 3306);
        i.uptimeSeconds = v;
        writer.enqueue(i);
    }
    QCOMPARE(writer.pendingCount(), 1);
    writer.flush();
    QCOMPARE(writer.rowsWritten(), 1);
    QCOMPARE(writer.batchesWritten(), 1);

    // stop() writes what is still queued.
    writer.enqueue(makeInstance(u"db2"_s, 3306));
    writer.stop();
    QCOMPARE(writer.rowsWritten(), 2);
    QVERIFY(!writer.isRunning());
    writer.flush(); // harmless once stopped

    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    QCOMPARE(store.readInstance(InstanceKey(u"db1"_s, 3306))->value().uptimeSeconds, 50);
    QVERIFY(store.readInstance(InstanceKey(u"db2"_s, 3306))->has_value());
}

void TestStore::writerStartReportsOpenError()
{
    QFile blocker(m_dir->filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    StoreWriter writer(StoreOptions::sqlite(m_dir->filePath(u"file/x/arbor.sqlite3"_s)));
    const Result<void> r = writer.start();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(m_dir->filePath(u"file/x"_s)), qPrintable(r.error()));
    QVERIFY(!writer.isRunning());
    writer.enqueue(makeInstance(u"db1"_s, 3306));
    writer.flush(); // returns at once: nothing runs
    writer.stop();
}

void TestStore::writerRetriesFailedBatch()
{
    StoreWriter writer(StoreOptions::sqlite(path()), 10000, 1000);
    QVERIFY_RESULT(writer.start());
    QSignalSpy failed(&writer, &StoreWriter::writeFailed);

    // Take the table away under the writer, as a broken backend would.
    auto runSql = [this](const QString &sql) {
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_break"_s);
            db.setDatabaseName(path());
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"tst_store_break"_s);
        return ok;
    };
    QVERIFY(runSql(u"ALTER TABLE instances RENAME TO instances_away"_s));

    writer.enqueue(makeInstance(u"db1"_s, 3306));
    writer.flush();
    QCOMPARE(writer.rowsWritten(), 0);
    QVERIFY2(writer.lastError().contains(u"attempt 1 of"_s), qPrintable(writer.lastError()));
    QCOMPARE(failed.size(), 1);

    QVERIFY(runSql(u"ALTER TABLE instances_away RENAME TO instances"_s));
    // The kept row goes out with the next flush, together with new ones.
    writer.enqueue(makeInstance(u"db2"_s, 3306));
    writer.flush();
    QCOMPARE(writer.rowsWritten(), 2);
    QCOMPARE(writer.batchesWritten(), 1);
    writer.stop();

    // Failures are bounded: after kMaxAttempts the kept rows are dropped and the error says so.
    QVERIFY(runSql(u"ALTER TABLE instances RENAME TO instances_away"_s));
    StoreWriter broken(StoreOptions::sqlite(path()), 10000, 1000);
    QVERIFY_RESULT(broken.start());
    for (int attempt = 0; attempt < StoreWriter::kMaxAttempts; ++attempt) {
        broken.enqueue(makeInstance(u"db3"_s, 3306));
        broken.flush();
    }
    QVERIFY2(broken.lastError().contains(u"Dropped 1 instance"_s), qPrintable(broken.lastError()));
    broken.stop();
}

// Issue 12: versions before SqlStatement stored statements with their passwords (recovery steps,
// recoveries, audit rows). Opening such a store redacts them, and changes nothing else.
void TestStore::passwordsStoredByOlderVersionsAreRedacted()
{
    const QStringList tables{u"audit"_s, u"recoveries"_s, u"recovery_steps"_s, u"history_events"_s};
    {
        // The store as version 6 wrote it: every migration up to 6, then rows with passwords in clear.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst_store_v6"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE schema_migrations (version INTEGER NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (version))"_s));
        for (const StoreSchema::Migration &m : StoreSchema(StoreOptions::Kind::Sqlite).migrations()) {
            if (m.version > 6)
                continue;
            for (const QString &statement : m.statements)
                QVERIFY2(q.exec(statement), qPrintable(statement));
            QVERIFY(q.exec(u"INSERT INTO schema_migrations VALUES (%1, 0)"_s.arg(m.version)));
        }
        const QStringList rows{
            uR"(INSERT INTO recoveries VALUES ('r1', 'c1', 'alias', 'db1', 3306, 'DeadMaster', 'dead-master', 'auto',
                'done', 'db2', 3306, '', 'CHANGE MASTER TO MASTER_PASSWORD=''hunter2-expl''',
                'db3 moved: CHANGE MASTER TO MASTER_HOST=''db2'', MASTER_USER=''repl'', MASTER_PASSWORD=''hunter2''', 1, 2))"_s,
            uR"(INSERT INTO recovery_steps (recovery_uid, step_at, kind, what, ok, detail) VALUES ('r1', 1, 'sql',
                'CHANGE MASTER TO MASTER_HOST=''db2'', MASTER_PORT=3306, MASTER_USER=''repl'', MASTER_PASSWORD=''it''''s \'' secret''', 1, ''))"_s,
            uR"(INSERT INTO recovery_steps (recovery_uid, step_at, kind, what, ok, detail) VALUES ('r1', 2, 'sql',
                'CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = "dq-secret"', 0, 'error 1064: near ''SOURCE_PASSWORD=''cut-sec'))"_s,
            uR"(INSERT INTO recovery_steps (recovery_uid, step_at, kind, what, ok, detail) VALUES ('r1', 3, 'hook',
                'PostFailoverProcesses: notify', 1, 'the PASSWORD policy is fine; nothing quoted'))"_s,
            uR"(INSERT INTO audit (started_at, who, operation, cluster_name, hostname, port, from_servers, to_server, method,
                result, message, duration_ms) VALUES (5, 'ops', 'make-co-master', 'c1', 'db1', 3306, 'db1:3306', 'db2:3306',
                'gtid', 'ok', 'CREATE USER ''r''@''%'' IDENTIFIED BY ''pw-one''; SET PASSWORD FOR ''r''@''%'' = PASSWORD(''pw-two'')', 7))"_s,
            uR"(INSERT INTO history_events (at_ms, kind, hostname, port, text) VALUES (9, 'relocate', 'db3', 3306,
                'relocated below db2 (no password here)'))"_s,
        };
        for (const QString &row : rows)
            QVERIFY2(q.exec(row), qPrintable(row + u": "_s + q.lastError().text()));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tst_store_v6"_s);
    const QStringList before = dump(path(), tables);
    QCOMPARE(before.size(), 6);
    for (const char *secret : {"hunter2", "it''s \\' secret", "dq-secret", "cut-sec", "pw-one", "pw-two"})
        QVERIFY2(before.join(u'\n').contains(QLatin1String(secret)), secret);

    Store store(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(store.open());
    QCOMPARE(store.schemaVersion(), StoreSchema(StoreOptions::Kind::Sqlite).latestVersion());

    // Exactly the password literals changed, in every row and column that held one.
    QStringList expected = before;
    const QList<std::pair<QString, QString>> redactions{
        {uR"(MASTER_PASSWORD='hunter2-expl')"_s, u"MASTER_PASSWORD=<redacted>"_s},
        {uR"(MASTER_PASSWORD='hunter2')"_s, u"MASTER_PASSWORD=<redacted>"_s},
        {uR"(MASTER_PASSWORD='it''s \' secret')"_s, u"MASTER_PASSWORD=<redacted>"_s},
        {uR"(SOURCE_PASSWORD = "dq-secret")"_s, u"SOURCE_PASSWORD = <redacted>"_s},
        {uR"(SOURCE_PASSWORD='cut-sec)"_s, u"SOURCE_PASSWORD=<redacted>"_s},
        {uR"(IDENTIFIED BY 'pw-one')"_s, u"IDENTIFIED BY <redacted>"_s},
        {uR"(= PASSWORD('pw-two'))"_s, u"= PASSWORD(<redacted>)"_s}};
    for (QString &row : expected) {
        for (const auto &[from, to] : redactions)
            row.replace(from, to);
    }
    QVERIFY(expected != before);
    // Later migrations may add columns (recoveries.owner_token, migration 8): compare the columns
    // version 6 had, row by row.
    const auto asVersion6 = [&before](QStringList rows) {
        for (qsizetype i = 0; i < rows.size() && i < before.size(); ++i)
            rows[i] = rows[i].split(u" | "_s).mid(0, before[i].split(u" | "_s).size()).join(u" | "_s);
        return rows;
    };
    const QStringList after = asVersion6(dump(path(), tables));
    QCOMPARE(after, expected);

    // Through the store's own reader (what the API's audit-recovery-steps serves).
    const auto steps = store.readRecoverySteps(u"r1"_s);
    QVERIFY_RESULT(steps);
    QCOMPARE(steps->size(), 3);
    QCOMPARE(steps->at(0).what, u"CHANGE MASTER TO MASTER_HOST='db2', MASTER_PORT=3306, MASTER_USER='repl', MASTER_PASSWORD=<redacted>"_s);
    QCOMPARE(steps->at(1).detail, u"error 1064: near 'SOURCE_PASSWORD=<redacted>"_s);

    // Reopening changes nothing more: the migration is recorded once.
    Store again(StoreOptions::sqlite(path()));
    QVERIFY_RESULT(again.open());
    QCOMPARE(asVersion6(dump(path(), tables)), expected);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
