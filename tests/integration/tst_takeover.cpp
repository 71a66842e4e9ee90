// Graceful master takeover (planned switchover, issue 5) on real mariadbd GTID sandboxes: the
// designated replica becomes the writable master, the old master turns read-only and follows it,
// every other replica follows it with both threads running and a row written on it reaches all
// servers. PreGracefulTakeoverProcesses runs before anything changes (it sees the old master still
// writable); a failing one aborts with the topology untouched.
#include "sandbox.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "recovery/recoverycoordinator.h"
#include "store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

// One manual (non-automatic) Arbor node against one sandbox, as in tst_recovery.
struct Node
{
    std::unique_ptr<Sandbox> sandbox;
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<Poller> poller;
    std::unique_ptr<TopologyState> state;
    std::unique_ptr<AnalysisMonitor> monitor;
    std::unique_ptr<RecoveryCoordinator> coordinator;
    QList<RecoveryRecord> finished;
    QString problem;

    Node(int servers, RecoveryOptions options)
    {
        if (!Sandbox::available()) {
            problem = u"SKIP"_s;
            return;
        }
        sandbox = std::make_unique<Sandbox>(SandboxOptions{SandboxShape::Star, servers, true});
        if (auto s = sandbox->start(); !s.ok()) {
            problem = s.error();
            return;
        }
        store = std::make_unique<Store>(StoreOptions::sqlite(dir.filePath(u"arbor.sqlite3"_s)));
        if (auto o = store->open(); !o.ok()) {
            problem = o.error();
            return;
        }
        PollerOptions po;
        po.probe.credentials = Credentials(sandbox->user(), sandbox->password());
        po.probe.connectTimeoutSeconds = 1;
        po.probe.readTimeoutSeconds = 1;
        po.pollIntervalMs = 1000;
        poller = std::make_unique<Poller>(po);
        state = std::make_unique<TopologyState>();
        QObject::connect(poller.get(), &Poller::instancePolled, state.get(), &TopologyState::update);
        monitor = std::make_unique<AnalysisMonitor>(state.get(), poller.get());
        options.replicationUser = sandbox->replicationUser();
        options.replicationPassword = sandbox->replicationPassword();
        coordinator = std::make_unique<RecoveryCoordinator>(state.get(), monitor.get(), poller.get(), store.get(),
                                                            options, po.probe);
        coordinator->setAutomatic(false);
        QObject::connect(coordinator.get(), &RecoveryCoordinator::recoveryFinished,
                         [this](const RecoveryRecord &r) { finished.append(r); });
        poller->addInstance(sandbox->key(0));
        poller->start();
        if (!waitFor([this] { return poller->isSettled() && int(state->instances().size()) == sandbox->size(); }, 20000))
            problem = u"the poller did not discover the sandbox"_s;
    }

    ~Node()
    {
        coordinator.reset();
        monitor.reset();
        poller.reset();
    }

    // Plans and starts a takeover of server 0 by @p designated, as `arbor recover --takeover` does.
    Result<QString> takeover(int designated)
    {
        const auto cluster = state->topology().findCluster(sandbox->key(0).toString());
        if (!cluster)
            return Result<QString>::failure(u"no cluster holds the master"_s);
        ReplicationAnalysis a;
        a.key = cluster->master;
        a.clusterName = cluster->name;
        a.clusterAlias = cluster->alias;
        a.description = u"graceful takeover of %1 requested"_s.arg(cluster->master.toString());
        auto plan = coordinator->plan(a, sandbox->key(designated), true);
        if (!plan.ok())
            return Result<QString>::failure(plan.error());
        return coordinator->start(plan.value());
    }

    bool replicatesFrom(int replica, int source)
    {
        const auto rows = sandbox->query(replica, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return false;
        const QVariantMap &r = rows->constFirst();
        return r.value(u"Master_Port"_s).toInt() == sandbox->port(source) && r.value(u"Slave_IO_Running"_s).toString() == u"Yes"_s
               && r.value(u"Slave_SQL_Running"_s).toString() == u"Yes"_s;
    }

    int readOnly(int server)
    {
        const auto r = sandbox->query(server, u"SELECT @@read_only AS ro"_s);
        return r.ok() && !r->isEmpty() ? r->constFirst().value(u"ro"_s).toInt() : -1;
    }

    int rows(int server, const QString &table)
    {
        const auto r = sandbox->query(server, u"SELECT COUNT(*) AS n FROM %1"_s.arg(table));
        return r.ok() && !r->isEmpty() ? r->constFirst().value(u"n"_s).toInt() : -1;
    }

    // A hook that asks the old master for @@read_only and writes the answer to @p out.
    QString readOnlyProbeHook(const QString &out, int exitCode) const
    {
        return u"sh -c 'mariadb --defaults-extra-file=%1 -h127.0.0.1 -P%2 -N -e \"SELECT @@read_only\" > %3; exit %4'"_s
            .arg(sandbox->credentialsFile())
            .arg(sandbox->port(0))
            .arg(out)
            .arg(exitCode);
    }
};

#define REQUIRE_NODE(node)                                                                                             \
    do {                                                                                                               \
        if ((node).problem == u"SKIP"_s)                                                                               \
            QSKIP("mariadbd is not installed");                                                                        \
        QVERIFY2((node).problem.isEmpty(), qPrintable((node).problem));                                                \
    } while (false)

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace

class TestTakeover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takeoverPromotesDesignatedAndOldMasterFollows()
    {
        QTemporaryDir hookDir;
        const QString marker = hookDir.filePath(u"pre.out"_s);
        const QString post = hookDir.filePath(u"post.out"_s);
        RecoveryOptions o;
        o.postGracefulTakeoverProcesses = {u"sh -c 'echo done > %1'"_s.arg(post)};
        Node n(4, o);
        REQUIRE_NODE(n);
        {
            RecoveryOptions withHook = n.coordinator->options();
            withHook.preGracefulTakeoverProcesses = {n.readOnlyProbeHook(marker, 0)};
            n.coordinator->setOptions(withHook);
        }
        QVERIFY(n.sandbox->execute(0, u"CREATE DATABASE app"_s).ok());
        QVERIFY(n.sandbox->execute(0, u"CREATE TABLE app.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(n.sandbox->execute(0, u"INSERT INTO app.t VALUES (1)"_s).ok());
        QVERIFY(waitFor([&] { return n.rows(1, u"app.t"_s) == 1 && n.rows(2, u"app.t"_s) == 1 && n.rows(3, u"app.t"_s) == 1; }, 10000));

        const auto started = n.takeover(2);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY2(waitFor([&] { return !n.finished.isEmpty(); }, 30000), "the takeover did not finish");
        const RecoveryRecord r = n.finished.first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, n.sandbox->key(2));
        QCOMPARE(r.analysis, u"GracefulMasterTakeover"_s);
        QCOMPARE(r.kind, u"graceful-takeover"_s);

        // The pre-hook saw the old master still writable: it ran before anything changed.
        QCOMPARE(readFile(marker), u"0"_s);
        QCOMPARE(readFile(post), u"done"_s);

        // The servers say so.
        QCOMPARE(n.readOnly(2), 0);
        const auto newMasterStatus = n.sandbox->query(2, u"SHOW SLAVE STATUS"_s);
        QVERIFY(newMasterStatus.ok() && newMasterStatus->isEmpty());
        QCOMPARE(n.readOnly(0), 1);
        QVERIFY2(n.replicatesFrom(0, 2), "the old master does not replicate from the new one");
        QVERIFY(n.replicatesFrom(1, 2));
        QVERIFY(n.replicatesFrom(3, 2));
        QVERIFY(n.sandbox->execute(2, u"INSERT INTO app.t VALUES (2)"_s).ok());
        QVERIFY(waitFor([&] {
            return n.rows(0, u"app.t"_s) == 2 && n.rows(1, u"app.t"_s) == 2 && n.rows(3, u"app.t"_s) == 2;
        }, 10000));

        // Recorded order: the pre-hook step precedes every SQL step, the post hook follows them all.
        const auto steps = n.store->readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        int preHook = -1, firstSql = -1, lastSql = -1, postHook = -1;
        for (int i = 0; i < int(steps->size()); ++i) {
            const RecoveryStep &s = steps->at(i);
            if (s.kind == u"hook"_s && s.what.startsWith(u"PreGracefulTakeoverProcesses"_s))
                preHook = i;
            if (s.kind == u"hook"_s && s.what.startsWith(u"PostGracefulTakeoverProcesses"_s))
                postHook = i;
            if (s.kind == u"sql"_s) {
                if (firstSql < 0)
                    firstSql = i;
                lastSql = i;
            }
        }
        QVERIFY(preHook >= 0 && firstSql >= 0);
        QVERIFY2(preHook < firstSql, "the pre-takeover hook ran after a change");
        QVERIFY(postHook > lastSql);
    }

    void failingPreHookAbortsUntouched()
    {
        QTemporaryDir hookDir;
        const QString marker = hookDir.filePath(u"pre.out"_s);
        RecoveryOptions o;
        o.postUnsuccessfulFailoverProcesses = {u"sh -c 'exit 0'"_s};
        Node n(4, o);
        REQUIRE_NODE(n);
        {
            RecoveryOptions withHook = n.coordinator->options();
            withHook.preGracefulTakeoverProcesses = {n.readOnlyProbeHook(marker, 1)};
            n.coordinator->setOptions(withHook);
        }
        const auto started = n.takeover(1);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY2(waitFor([&] { return !n.finished.isEmpty(); }, 30000), "the takeover did not finish");
        const RecoveryRecord r = n.finished.first();
        QCOMPARE(r.status, u"aborted"_s);
        QVERIFY2(r.message.contains(u"PreGracefulTakeoverProcesses"_s), qPrintable(r.message));
        QCOMPARE(readFile(marker), u"0"_s); // the hook did run

        // Untouched: 0 writable and replicating from nobody, 1..3 read-only and following 0.
        QCOMPARE(n.readOnly(0), 0);
        const auto masterStatus = n.sandbox->query(0, u"SHOW SLAVE STATUS"_s);
        QVERIFY(masterStatus.ok() && masterStatus->isEmpty());
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(n.readOnly(i), 1);
            QVERIFY(n.replicatesFrom(i, 0));
        }
        const auto steps = n.store->readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        for (const RecoveryStep &s : *steps) {
            QVERIFY2(s.kind != u"sql"_s, qPrintable(s.what));
            QVERIFY2(!s.what.contains(u"PostUnsuccessful"_s), qPrintable(s.what));
        }
    }
};

QTEST_GUILESS_MAIN(TestTakeover)
#include "tst_takeover.moc"
