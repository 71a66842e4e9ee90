// The active service node dies (SIGKILL) while it owns a piece of the failover, on real servers and
// real `arbor --service` nodes; the standby must finish the job from what the backend holds:
//   - killed inside a recovery's pre-failover hook: its recovery record stays "running" and its
//     cluster lock stays taken; the new active node sees that their owner no longer holds the lease,
//     marks the recovery abandoned and recovers the dead master itself;
//   - killed after a failover, before the hung old master wakes up writable: the new active node
//     learns from the backend that it was replaced and sets it read-only (no split brain).
#include "chaoscluster.h"
#include "chaosverify.h"
#include "networklab.h"

#include "waitfor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::chaos;
using arbor::testsupport::waitFor;

namespace {

// A fifo the first pre-failover hook blocks on (`read` from it) until the test opens it for writing.
class HookGate
{
public:
    explicit HookGate(const QString &path) : m_path(QFile::encodeName(path))
    {
        m_ok = ::mkfifo(m_path.constData(), 0600) == 0;
    }
    ~HookGate() { open(); }
    bool ok() const { return m_ok; }
    // Releases a hook waiting on it (EOF); nothing when nobody reads.
    void open()
    {
        const int fd = ::open(m_path.constData(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }

private:
    QByteArray m_path;
    bool m_ok = false;
};

bool writeHook(const QString &path, const QByteArray &script)
{
    QFile h(path);
    if (!h.open(QIODevice::WriteOnly) || h.write(script) != script.size())
        return false;
    h.close();
    return h.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Node 0 active, and node 1 sees both nodes (it can take over).
bool bothNodesUp(ChaosCluster &c)
{
    const auto available = [&c] {
        return c.api(1, u"/api/health"_s).object().value(u"Details"_s).toObject().value(u"AvailableNodes"_s).toArray().size();
    };
    return c.activeNode() == 0 && waitFor([&] { return available() == 2; }, 15000);
}

int waitForActive(ChaosCluster &c, int node, int timeoutMs)
{
    return waitFor([&] { return c.activeNode() == node; }, timeoutMs) ? node : c.activeNode();
}

} // namespace

class TestChaosLeaderLoss : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { REQUIRE_NETWORK_LAB(); }

    void leaderKilledMidRecoveryTheStandbyFinishesIt()
    {
        QTemporaryDir hooks;
        HookGate gate(hooks.filePath(u"gate"_s));
        QVERIFY(hooks.isValid() && gate.ok());
        const QString marker = hooks.filePath(u"in-recovery"_s);
        const QString hook = hooks.filePath(u"pre-failover.sh"_s);
        // Only the first recovery waits: on the gate, which nobody opens while its node lives.
        QVERIFY(writeHook(hook, "#!/bin/sh\n[ -e \"$1\" ] && exit 0\ntouch \"$1\"\nread line < \"$2\"\nexit 0\n"));
        constexpr int lease = 4;
        ChaosOptions o{.replicaNetTimeout = 2, .nodes = 2, .leaseSeconds = lease};
        o.extraConfig.insert(u"PreFailoverProcesses"_s,
                             QJsonArray{hook + u" "_s + marker + u" "_s + hooks.filePath(u"gate"_s)});
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        QVERIFY2(bothNodesUp(c), qPrintable(c.logs()));
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QVERIFY_RESULT(c.topology().kill(0));
        QVERIFY2(waitFor([&] { return QFile::exists(marker); }, 30000), qPrintable(c.logs()));
        QString killedUid;
        QVERIFY2(waitFor([&] {
            const QJsonArray all = c.recoveries(0);
            for (const QJsonValue &v : all) {
                if (v.toObject().value(u"Status"_s).toString() == u"running"_s)
                    killedUid = v.toObject().value(u"UID"_s).toString();
            }
            return !killedUid.isEmpty();
        }, 10000), qPrintable(jsonText(c.recoveries(0))));
        c.node(0).sendSignal(SIGKILL);
        QVERIFY(c.node(0).waitForFinished(5000));
        QElapsedTimer t;
        t.start();
        QCOMPARE(waitForActive(c, 1, (lease + 10) * 1000), 1);
        const qint64 activeMs = t.elapsed();

        QJsonArray done;
        QVERIFY2(waitFor([&] { return !(done = c.successfulRecoveries(1)).isEmpty(); }, 30000),
                 qPrintable(jsonText(c.recoveries(1)) + c.logs(6000)));
        qInfo("leader SIGKILLed mid-recovery: node 1 active %lld ms after the kill, the dead master recovered %lld ms after it",
              activeMs, t.elapsed());
        QString killedStatus;
        for (const QJsonValue &v : c.recoveries(1)) {
            if (v.toObject().value(u"UID"_s).toString() == killedUid)
                killedStatus = v.toObject().value(u"Status"_s).toString();
        }
        QCOMPARE(killedStatus, u"abandoned"_s);
        gate.open();
        const int successor = c.indexOfPort(done.first().toObject().value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt());
        QVERIFY(successor == 1 || successor == 2);
        c.workload().retarget(successor);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        VERIFY_INVARIANTS(c, successor);
    }

    void oldMasterReturningAfterTheLeaderDiedIsFenced()
    {
        constexpr int lease = 4;
        ChaosCluster c({.replicaNetTimeout = 2, .nodes = 2, .leaseSeconds = lease});
        REQUIRE_CHAOS_CLUSTER(c);
        QVERIFY2(bothNodesUp(c), qPrintable(c.logs()));
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        c.monitor().exempt(master); // frozen: nobody can fence it
        QVERIFY_RESULT(c.topology().pause(master));
        QJsonArray done;
        QVERIFY2(waitFor([&] { return !(done = c.successfulRecoveries(0)).isEmpty(); }, 60000), qPrintable(c.logs()));
        const int successor = c.indexOfPort(done.first().toObject().value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt());
        QVERIFY(successor == 1 || successor == 2);
        c.workload().retarget(successor);

        // The node that failed over dies before the old master wakes: its memory of the failover goes with it.
        c.node(0).sendSignal(SIGKILL);
        QVERIFY(c.node(0).waitForFinished(5000));
        QCOMPARE(waitForActive(c, 1, (lease + 10) * 1000), 1);
        QVERIFY(c.workload().waitForAcks(10, 15000));

        QVERIFY_RESULT(c.topology().resume(master)); // wakes up writable
        c.monitor().restore(master, 15000);
        QVERIFY2(waitFor([&] { return c.readOnly(master) == 1; }, 20000),
                 qPrintable(u"the woken old master is still writable"_s + c.logs(4000)));
        QVERIFY(waitFor([&] { return c.monitor().fencedAfterMs(master) >= 0; }, 5000));
        qInfo("old master woken after the leader died: read-only %lld ms after SIGCONT (set by the new active node)",
              c.monitor().fencedAfterMs(master));
        QVERIFY(!waitFor([&] { return !c.replicasOf(master).isEmpty(); }, 3000));
        VERIFY_INVARIANTS(c, successor, master);
    }
};

ARBOR_CHAOS_MAIN(TestChaosLeaderLoss)
#include "tst_chaos_leaderloss.moc"
