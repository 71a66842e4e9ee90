// AnalysisMonitor's scheduling: a whole-fleet analysis after every snapshot change is fine for a few
// servers and took the whole thread for thousands (the service's API and poll results waited behind it).
#include "analysis/analysismonitor.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

Instance server(int port, int sourcePort)
{
    Instance i;
    i.key = InstanceKey(u"10.0.%1.%2"_s.arg(port / 250).arg(port % 250 + 1), 3306);
    i.serverId = port + 1;
    i.version = u"10.11.6-MariaDB-log"_s;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.logReplicaUpdates = true;
    i.binlogFormat = u"ROW"_s;
    i.lastCheckValid = true;
    i.lastChecked = QDateTime::currentDateTimeUtc();
    i.lastSeen = i.lastChecked;
    if (sourcePort >= 0) {
        i.readOnly = true;
        ReplicationState r;
        r.sourceKey = server(sourcePort, -1).key;
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = 0;
        i.replication = r;
    }
    return i;
}

} // namespace

class TestAnalysisMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallFleetIsAnalysedOnEveryTurn()
    {
        TopologyState state;
        AnalysisMonitor monitor(&state, nullptr);
        state.update(server(0, -1));
        state.update(server(1, 0));
        QTRY_VERIFY(monitor.analysisRuns() > 0);
        const qint64 before = monitor.analysisRuns();
        for (int n = 0; n < 20; ++n) {
            Instance r = server(1, 0);
            r.replication->secondsBehindSource = n + 1;
            state.update(r);
            QTRY_COMPARE(monitor.analysisRuns(), before + n + 1); // no delay where an analysis is cheap
        }
    }

    void largeFleetLeavesTheThreadFree()
    {
        // 1,000 trees of a master and two replicas; one replica's lag changes on every event-loop turn,
        // as it does when thousands of polls finish per second.
        TopologyState state;
        AnalysisMonitor monitor(&state, nullptr);
        for (int c = 0; c < 1000; ++c) {
            state.update(server(c * 3, -1));
            state.update(server(c * 3 + 1, c * 3));
            state.update(server(c * 3 + 2, c * 3));
        }
        QTRY_VERIFY_WITH_TIMEOUT(monitor.analysisRuns() > 0, 20000);
        const qint64 before = monitor.analysisRuns();
        const int turns = 100;
        for (int n = 0; n < turns; ++n) {
            Instance r = server(4, 3);
            r.replication->secondsBehindSource = n + 1;
            state.update(r);
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
        }
        // Each turn's change used to start a whole-fleet analysis in the next turn.
        QVERIFY2(monitor.analysisRuns() - before < turns / 2, qPrintable(QString::number(monitor.analysisRuns() - before)));
        // And the last change is still analysed, a moment later.
        const qint64 after = monitor.analysisRuns();
        Instance last = server(4, 3);
        last.replication->secondsBehindSource = 1000;
        state.update(last);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.analysisRuns() > after, 5000);
    }

    void failedPollsDoNotRebuildTheTopology()
    {
        // Every failed poll re-probes the server's family; finding it used to rebuild the topology of
        // the whole fleet each time (1 % of 5,000 servers flapping at 1 s took the service's thread).
        TopologyState state;
        AnalysisMonitor monitor(&state, nullptr);
        for (int c = 0; c < 100; ++c) {
            state.update(server(c * 3, -1));
            state.update(server(c * 3 + 1, c * 3));
            state.update(server(c * 3 + 2, c * 3));
        }
        QTRY_VERIFY(monitor.analysisRuns() > 0);
        const qint64 builds = state.topologyBuilds();
        for (int n = 0; n < 50; ++n) {
            Instance failed;
            failed.key = server(1 + 3 * n, 0).key;
            failed.lastChecked = QDateTime::currentDateTimeUtc();
            failed.lastError = u"connection refused"_s;
            state.update(failed);
            Instance back = server(1 + 3 * n, 3 * n);
            state.update(back);
        }
        QVERIFY2(state.topologyBuilds() - builds <= 2, qPrintable(QString::number(state.topologyBuilds() - builds)));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisMonitor)
#include "tst_analysismonitor.moc"
