// Recovery through real `arbor --service` processes: two nodes (one active, one standby) on a shared
// MariaDB backend watching a 5-server sandbox tree. Over the HTTP API a relocate moves a replica on
// the servers and a read-only user is refused; a SIGKILLed master is recovered automatically by the
// active node alone, audit-recovery shows it with orchestrator's fields, the hooks ran with their
// placeholders; a second failure within RecoveryPeriodBlockSeconds waits for ack-recovery.
#include "resultassert.h"
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

class TestServiceRecovery : public QObject
{
    Q_OBJECT

    Sandbox m_backend{{SandboxShape::Single, 1, true}};
    Sandbox m_topology{{SandboxShape::Tree, 5, true}}; // 0 <- {1 <- {3, 4}, 2}
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_nodes[2];
    QString m_hookLog;
    QString m_firstUid;
    int m_firstSuccessor = -1;

    ServiceReply get(int node, const QString &path, const QString &user = u"op"_s, int timeoutMs = 60000)
    {
        return m_nodes[node]->get(path, user, timeoutMs);
    }

    QString path(int server) const { return u"127.0.0.1/%1"_s.arg(m_topology.port(server)); }

    int indexOfPort(int port) const
    {
        for (int i = 0; i < m_topology.size(); ++i) {
            if (m_topology.port(i) == port)
                return i;
        }
        return -1;
    }

    // The port a server replicates from, by SHOW SLAVE STATUS on the server itself; 0: none.
    int sourcePortOnServer(int server)
    {
        const auto rows = m_topology.query(server, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return 0;
        return rows->constFirst().value(u"Master_Port"_s).toInt();
    }
    bool replicatingFrom(int server, int source)
    {
        const auto rows = m_topology.query(server, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return false;
        const QVariantMap &r = rows->constFirst();
        return r.value(u"Master_Port"_s).toInt() == m_topology.port(source) && r.value(u"Slave_IO_Running"_s) == u"Yes"_s
               && r.value(u"Slave_SQL_Running"_s) == u"Yes"_s;
    }

    QString logOf(int i) const { return m_nodes[i]->log(); }
    QString hookLog() const
    {
        QFile f(m_hookLog);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    QJsonArray successfulRecoveries(int node)
    {
        QJsonArray out;
        for (const QJsonValue &v : get(node, u"/api/audit-recovery"_s).array()) {
            if (v.toObject().value(u"IsSuccessful"_s).toBool())
                out.append(v);
        }
        return out;
    }

    void startNode(int i)
    {
        ServiceProcess &n = *m_nodes[i];
        n.start();
        QVERIFY(n.waitForStarted());
        QVERIFY2(n.waitForPing(20000), qPrintable(logOf(i)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        const auto backend = startServiceBackend(m_backend, u"arbor_rec"_s, m_dir.path());
        QVERIFY_RESULT(backend);
        auto started = m_topology.start();
        QVERIFY_RESULT(started);

        // The hook: a script that appends its arguments (the placeholders, substituted) to a file.
        m_hookLog = m_dir.filePath(u"hooks.log"_s);
        const QString hook = m_dir.filePath(u"hook.sh"_s);
        QFile h(hook);
        QVERIFY(h.open(QIODevice::WriteOnly));
        h.write(u"#!/bin/sh\necho \"$@ env=$ORC_FAILED_PORT\" >> '%1'\n"_s.arg(m_hookLog).toUtf8());
        h.close();
        h.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        const QJsonArray users{serviceUser(u"op"_s, u"operator"_s), serviceUser(u"ro"_s, u"read-only"_s)};
        for (int i = 0; i < 2; ++i) {
            m_nodes[i] = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"node%1"_s.arg(i));
            const QJsonObject config{
                {u"backend"_s, backend.value()},
                {u"topology"_s, serviceTopologySection(m_topology)},
                {u"election"_s, QJsonObject{{u"leaseSeconds"_s, 4}}},
                {u"node"_s, QJsonObject{{u"name"_s, u"rnode%1"_s.arg(i)}}},
                {u"api"_s, QJsonObject{{u"listen"_s, m_nodes[i]->listenAddress()}, {u"users"_s, users}}},
                // orchestrator's flat keys, as an orchestrator.conf.json has them
                {u"RecoverMasterClusterFilters"_s, QJsonArray{u"*"_s}},
                {u"RecoveryPeriodBlockSeconds"_s, 3600},
                {u"PreFailoverProcesses"_s, QJsonArray{hook + u" pre {failureType} {failedHost} {failedPort} node={orchestratorHost}"_s}},
                {u"PostMasterFailoverProcesses"_s,
                 QJsonArray{hook + u" post {failureType} {failedHost} {failedPort} {successorHost} {successorPort} "
                                   "ok={isSuccessful} uid={recoveryUID}"_s}},
                {u"hooks"_s, QJsonObject{{u"timeoutSeconds"_s, 10}}},
            };
            const auto written = m_nodes[i]->writeConfig(config);
            QVERIFY_RESULT(written);
        }
        // Node 0 first, so that it is the active one; node 1 is the standby.
        startNode(0);
        QVERIFY2(waitFor([&] { return get(0, u"/api/leader-check"_s, {}).status == 200; }, 15000), qPrintable(logOf(0)));
        startNode(1);
        ServiceReply cluster;
        QVERIFY2(waitFor([&] { return (cluster = get(0, u"/api/cluster/instance/"_s + path(0))).array().size() == 5; }, 20000),
                 qPrintable(QString::fromUtf8(cluster.body.left(300)) + logOf(0).right(2000)));
        QVERIFY(waitFor([&] { return get(1, u"/api/health"_s).object().value(u"Details"_s).toObject()
                                         .value(u"AvailableNodes"_s).toArray().size() == 2; }, 10000));
        QCOMPARE(get(1, u"/api/leader-check"_s, {}).status, 404);
    }

    void cleanupTestCase()
    {
        for (const auto &n : m_nodes) {
            if (n)
                n->stop();
        }
    }

    void operationsNeedAnOperatorOnTheActiveNode()
    {
        ServiceReply r = get(0, u"/api/relocate/%1/%2"_s.arg(path(4), path(2)), u"ro"_s);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.object().value(u"Code"_s).toString(), u"ERROR"_s);
        QCOMPARE(get(0, u"/api/recover/%1"_s.arg(path(0)), u"ro"_s).status, 403);
        QCOMPARE(get(0, u"/api/ack-all-recoveries?comment=x"_s, u"ro"_s).status, 403);
        QCOMPARE(sourcePortOnServer(4), m_topology.port(1)); // nothing moved
        // The standby refuses, naming the active node's URL.
        r = get(1, u"/api/relocate/%1/%2"_s.arg(path(4), path(2)));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.object().value(u"Details"_s).toObject().value(u"ActiveNodeURL"_s).toString(),
                 u"http://127.0.0.1:%1"_s.arg(m_nodes[0]->port()));
        // Bad input and illegal moves.
        QCOMPARE(get(0, u"/api/relocate/127.0.0.1/notaport/%1"_s.arg(path(2))).status, 400);
        QCOMPARE(get(0, u"/api/relocate/10.9.9.9/3306/%1"_s.arg(path(2))).status, 404);
        r = get(0, u"/api/relocate/%1/%2"_s.arg(path(1), path(3)));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.object().value(u"Details"_s).toObject().value(u"Rule"_s).toString(), u"no-cycle"_s);
        r = get(0, u"/api/can-replicate-from/%1/%2"_s.arg(path(4), path(2)), u"ro"_s);
        QCOMPARE(r.status, 200);
    }

    void relocateOverTheApiMovesAReplica()
    {
        const ServiceReply r = get(0, u"/api/relocate/%1/%2"_s.arg(path(4), path(2)));
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.object().value(u"Code"_s).toString(), u"OK"_s);
        const QJsonObject details = r.object().value(u"Details"_s).toObject();
        QCOMPARE(details.value(u"Key"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(4));
        QCOMPARE(details.value(u"MasterKey"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(2));
        QVERIFY(waitFor([&] { return replicatingFrom(4, 2); }, 10000)); // on the server itself
        const QJsonArray audit = get(0, u"/api/audit"_s).array();
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.first().toObject().value(u"AuditType"_s).toString(), u"relocate"_s);
        QVERIFY(audit.first().toObject().value(u"Who"_s).toString().startsWith(u"op@api"_s));
    }

    void deadMasterIsRecoveredByTheActiveNodeOnly()
    {
        QCOMPARE(get(0, u"/api/check-global-recoveries"_s).object().value(u"Details"_s).toString(), u"enabled"_s);
        const QJsonObject info = get(0, u"/api/cluster-info/"_s + m_topology.key(0).toString()).object();
        QCOMPARE(info.value(u"HasAutomatedMasterRecovery"_s).toBool(), true);
        QVERIFY(m_topology.kill(0).ok());

        QJsonArray done;
        QVERIFY2(waitFor([&] { return (done = successfulRecoveries(0)).size() == 1; }, 30000),
                 qPrintable(logOf(0).right(900)));
        const QJsonObject rec = done.first().toObject();
        // orchestrator's fields, as scripts read them
        m_firstUid = rec.value(u"UID"_s).toString();
        QVERIFY(!m_firstUid.isEmpty());
        QCOMPARE(rec.value(u"IsSuccessful"_s).toBool(), true);
        QCOMPARE(rec.value(u"IsActive"_s).toBool(), false);
        QCOMPARE(rec.value(u"Acknowledged"_s).toBool(), false);
        const QJsonObject entry = rec.value(u"AnalysisEntry"_s).toObject();
        QVERIFY2(entry.value(u"Analysis"_s).toString().startsWith(u"DeadMaster"_s), qPrintable(entry.value(u"Analysis"_s).toString()));
        QCOMPARE(entry.value(u"AnalyzedInstanceKey"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(0));
        QCOMPARE(entry.value(u"ClusterDetails"_s).toObject().value(u"ClusterName"_s).toString(), m_topology.key(0).toString());
        const QJsonObject successor = rec.value(u"SuccessorKey"_s).toObject();
        QCOMPARE(successor.value(u"Hostname"_s).toString(), u"127.0.0.1"_s);
        m_firstSuccessor = indexOfPort(successor.value(u"Port"_s).toInt());
        QVERIFY(m_firstSuccessor == 1 || m_firstSuccessor == 2);
        QVERIFY(!rec.value(u"RecoveryStartTimestamp"_s).toString().isEmpty());
        QVERIFY(rec.value(u"LostReplicas"_s).isArray());

        // On the servers: the successor is a writable master, its former sibling replicates from it.
        const auto ro = m_topology.query(m_firstSuccessor, u"SELECT @@GLOBAL.read_only AS ro"_s);
        QVERIFY(ro.ok());
        QCOMPARE(ro->constFirst().value(u"ro"_s).toInt(), 0);
        QCOMPARE(sourcePortOnServer(m_firstSuccessor), 0);
        const int sibling = m_firstSuccessor == 1 ? 2 : 1;
        QVERIFY(waitFor([&] { return replicatingFrom(sibling, m_firstSuccessor); }, 10000));

        // The hooks ran with their placeholders (and environment).
        const QString hooks = hookLog();
        const QString failed = u"127.0.0.1 %1"_s.arg(m_topology.port(0));
        QVERIFY2(hooks.contains(u"pre DeadMaster"_s) && hooks.contains(u"pre DeadMaster"_s + QString()), qPrintable(hooks));
        QVERIFY2(hooks.contains(failed + u" node="_s), qPrintable(hooks));
        QVERIFY2(hooks.contains(u"post %1 %2 127.0.0.1 %3 ok=true uid=%4 env=%5"_s.arg(
                                    entry.value(u"Analysis"_s).toString(), failed)
                                    .arg(m_topology.port(m_firstSuccessor))
                                    .arg(m_firstUid)
                                    .arg(m_topology.port(0))),
                 qPrintable(hooks));
        // The steps are there, and the standby reads the same record from the backend...
        QVERIFY(!get(0, u"/api/audit-recovery-steps/"_s + m_firstUid).array().isEmpty());
        QCOMPARE(get(1, u"/api/audit-recovery/uid/"_s + m_firstUid).array().size(), 1);
        QVERIFY(!get(0, u"/api/audit-failure-detection"_s).array().isEmpty());
        // ...but never recovered anything itself.
        QVERIFY2(!logOf(1).contains(u"recovery "_s) || !logOf(1).contains(u" started ("_s), qPrintable(logOf(1)));
        QVERIFY(logOf(0).contains(u"started (automatic)"_s));
    }

    void secondFailureWithinTheBlockPeriodWaitsForAnAcknowledgement()
    {
        QVERIFY(m_firstSuccessor > 0);
        QVERIFY(m_topology.kill(m_firstSuccessor).ok());
        QJsonArray blocked;
        QVERIFY2(waitFor([&] { return !(blocked = get(0, u"/api/blocked-recoveries"_s).array()).isEmpty(); }, 30000),
                 qPrintable(logOf(0).right(900)));
        const QJsonObject b = blocked.first().toObject();
        QCOMPARE(b.value(u"FailedInstanceKey"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(m_firstSuccessor));
        QCOMPARE(b.value(u"BlockingRecoveryUID"_s).toString(), m_firstUid);
        QVERIFY2(b.value(u"Analysis"_s).toString().startsWith(u"DeadMaster"_s), qPrintable(b.value(u"Analysis"_s).toString()));
        QVERIFY2(b.value(u"Reason"_s).toString().contains(u"ack-recovery"_s), qPrintable(b.value(u"Reason"_s).toString()));
        QCOMPARE(successfulRecoveries(0).size(), 1); // blocked: nothing recovered

        QCOMPARE(get(0, u"/api/ack-recovery/uid/"_s + m_firstUid).status, 400); // a comment is required
        QCOMPARE(get(0, u"/api/ack-recovery/uid/no-such-recovery?comment=x"_s).status, 404);
        const ServiceReply ack = get(0, u"/api/ack-recovery/uid/%1?comment=checked%20by%20test"_s.arg(m_firstUid));
        QVERIFY2(ack.status == 200, ack.body.constData());
        QCOMPARE(ack.object().value(u"Details"_s).toInt(), 1);

        QJsonArray done;
        QVERIFY2(waitFor([&] { return (done = successfulRecoveries(0)).size() == 2; }, 30000), qPrintable(logOf(0).right(900)));
        const QJsonObject second = done.first().toObject(); // newest first
        QCOMPARE(second.value(u"AnalysisEntry"_s).toObject().value(u"AnalyzedInstanceKey"_s).toObject().value(u"Port"_s).toInt(),
                 m_topology.port(m_firstSuccessor));
        QVERIFY2(second.value(u"AnalysisEntry"_s).toObject().value(u"Analysis"_s).toString().startsWith(u"DeadMaster"_s),
                 qPrintable(QString::fromUtf8(QJsonDocument(second).toJson())));
        const int third = indexOfPort(second.value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt());
        QVERIFY(third > 0 && third != m_firstSuccessor);
        QCOMPARE(sourcePortOnServer(third), 0);
        const QJsonObject first = done.last().toObject();
        QCOMPARE(first.value(u"Acknowledged"_s).toBool(), true);
        QCOMPARE(first.value(u"AcknowledgedBy"_s).toString(), u"op"_s);
        QCOMPARE(first.value(u"AcknowledgedComment"_s).toString(), u"checked by test"_s);
        QVERIFY(!logOf(1).contains(u"started (automatic)"_s)); // the standby still never recovered
    }
};

QTEST_MAIN(TestServiceRecovery)
#include "tst_service_recovery.moc"
