// Scenario 9 of issue 15 (first part): the backend becomes unreachable for the active node in the
// middle of a recovery (a partition between Arbor and its backend, silent: packets dropped). Without
// a renewed lease the node must stop before the next destructive step; when the backend is back, the
// node holds the lease again and the dead master is still recovered (nobody leaves it dead).
#include "chaoscluster.h"
#include "chaosverify.h"
#include "linkcut.h"
#include "networklab.h"

#include "waitfor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::chaos;
using arbor::testsupport::waitFor;

class TestChaosBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { REQUIRE_NETWORK_LAB(); }

    void backendCutDuringRecoveryStopsItAndRecoveryResumesAfter()
    {
        constexpr int lease = 4;
        // The pre-failover hook marks that the recovery is under way, then outlasts the lease.
        QTemporaryDir hooks;
        QVERIFY(hooks.isValid());
        const QString marker = hooks.filePath(u"in-recovery"_s);
        const QString hook = hooks.filePath(u"pre-failover.sh"_s);
        {
            QFile h(hook);
            QVERIFY(h.open(QIODevice::WriteOnly));
            h.write("#!/bin/sh\n[ -e \"$1\" ] && exit 0\ntouch \"$1\"\nsleep 6\n");
            h.close();
            h.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        ChaosOptions o{.replicaNetTimeout = 2, .leaseSeconds = lease};
        o.extraConfig.insert(u"PreFailoverProcesses"_s, QJsonArray{hook + u" "_s + marker});
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        QVERIFY_RESULT(c.topology().kill(0));
        QVERIFY2(waitFor([&] { return QFile::exists(marker); }, 30000), qPrintable(c.logs()));
        LinkCut backendCut(ChaosCluster::nodeGroup(0), c.backend().port(0));
        VERIFY_CUT(backendCut);
        const qint64 cutAtMs = QDateTime::currentMSecsSinceEpoch();
        // The node learns within the lease that it has none; its recovery must not promote anyone.
        QVERIFY2(waitFor([&] { return c.node(0).log().contains(u"lease expired while the backend is unreachable"_s); }, 15000),
                 qPrintable(c.logs()));
        qInfo("scenario 9 (backend cut mid-recovery): lease given up %lld ms after the cut", QDateTime::currentMSecsSinceEpoch() - cutAtMs);
        // Past the hook's end and a few polls more: still nobody promoted without the lease.
        QVERIFY(!waitFor([&] { return c.readOnly(1) == 0 || c.readOnly(2) == 0; }, 10000));
        backendCut.heal();
        const qint64 healedAtMs = QDateTime::currentMSecsSinceEpoch();
        QJsonArray done;
        // The recovery thread may still wait on a backend write of the silent partition (30 s read timeout).
        QVERIFY2(waitFor([&] { return !(done = c.successfulRecoveries(0)).isEmpty(); }, 120000),
                 qPrintable(jsonText(c.recoveries(0)) + c.logs(5000)));
        const QJsonObject rec = done.first().toObject();
        const int successor = c.indexOfPort(rec.value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt());
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 9: recovered %lld ms after the backend came back (cut for %lld ms)",
              QDateTime::currentMSecsSinceEpoch() - healedAtMs, healedAtMs - cutAtMs);
        c.workload().retarget(successor);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        const auto lost = c.lostAcknowledged(successor);
        QVERIFY_RESULT(lost);
        qInfo("scenario 9: %lld acknowledged writes, %lld lost (asynchronous replication)",
              qint64(c.workload().acknowledgedCount()), qint64(lost->size()));
        VERIFY_INVARIANTS(c, successor);
    }
};

ARBOR_CHAOS_MAIN(TestChaosBackend)
#include "tst_chaos_backend.moc"
