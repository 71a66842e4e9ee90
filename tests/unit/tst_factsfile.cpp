// FactsFile: the snapshots `arbor replication-analysis --facts` reads, orchestrator's instance JSON
// (shaped as /api/cluster/HINT answers it) and Arbor's export, analysed without any server.
#include "resultassert.h"
#include "analysis/analyzer.h"
#include "analysis/factsfile.h"
#include "core/export/topologyjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
// One instance as orchestrator 3.2.6 writes it (the fields the analysis needs, orchestrator's names).
QJsonObject orchestratorInstance(int port, int masterPort, bool reachable, bool ioRunning, bool downtimed = false)
{
    auto key = [](int p) { return QJsonObject{{u"Hostname"_s, u"127.0.0.1"_s}, {u"Port"_s, p}}; };
    return QJsonObject{
        {u"Key"_s, key(port)},
        {u"MasterKey"_s, masterPort ? key(masterPort) : QJsonObject{{u"Hostname"_s, u""_s}, {u"Port"_s, 0}}},
        {u"ServerID"_s, port},
        {u"Version"_s, u"10.11.19-MariaDB-0+deb12u1-log"_s},
        {u"FlavorName"_s, u"MariaDB"_s},
        {u"ReadOnly"_s, masterPort != 0},
        {u"LogBinEnabled"_s, true},
        {u"LogReplicationUpdatesEnabled"_s, true},
        {u"Binlog_format"_s, u"ROW"_s},
        {u"Slave_IO_Running"_s, masterPort && ioRunning},
        {u"Slave_SQL_Running"_s, masterPort != 0},
        {u"ReplicationIOThreadState"_s, masterPort ? (ioRunning ? 1 : 0) : -1},
        {u"ReplicationSQLThreadState"_s, masterPort ? 1 : -1},
        {u"UsingMariaDBGTID"_s, masterPort != 0},
        {u"LastIOError"_s, ioRunning ? u""_s : u"error reconnecting to master"_s},
        {u"SecondsBehindMaster"_s, QJsonObject{{u"Int64"_s, 0}, {u"Valid"_s, masterPort && ioRunning}}},
        {u"IsLastCheckValid"_s, reachable},
        {u"LastSeenTimestamp"_s, u"2026-11-25T23:46:05Z"_s},
        {u"IsDowntimed"_s, downtimed},
    };
}

QString codeOf(const QList<ReplicationAnalysis> &rows, int port)
{
    for (const ReplicationAnalysis &a : rows) {
        if (a.key.port() == port)
            return a.codeName();
    }
    return u"NoProblem"_s;
}
} // namespace

class TestFactsFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orchestratorDeadMasterIsAnalysedAsArborWould()
    {
        const QJsonArray cluster{orchestratorInstance(34061, 0, false, false), orchestratorInstance(34062, 34061, true, false),
                                 orchestratorInstance(34063, 34061, true, false, true)};
        const auto facts = FactsFile::parse(QJsonDocument(cluster).toJson());
        QVERIFY_RESULT(facts);
        QCOMPARE(facts->format, u"orchestrator"_s);
        QCOMPARE(facts->instances.size(), 3);
        QCOMPARE(facts->downtimed, QSet<InstanceKey>{InstanceKey(u"127.0.0.1"_s, 34063)});
        const auto rows = Analyzer::analyze(Topology::build(facts->instances), AnalysisOptions{}, facts->downtimed);
        QCOMPARE(codeOf(rows, 34061), u"DeadMaster"_s);
    }

    void healthyClusterWrappedInDetails()
    {
        const QJsonArray cluster{orchestratorInstance(34061, 0, true, true), orchestratorInstance(34062, 34061, true, true)};
        const QJsonObject wrapped{{u"Code"_s, u"OK"_s}, {u"Details"_s, cluster}};
        const auto facts = FactsFile::parse(QJsonDocument(wrapped).toJson());
        QVERIFY_RESULT(facts);
        const auto rows = Analyzer::analyze(Topology::build(facts->instances), AnalysisOptions{}, facts->downtimed);
        QCOMPARE(codeOf(rows, 34061), u"NoProblem"_s);
    }

    void arborExportRoundTrips()
    {
        QList<Instance> servers;
        for (int port : {3306, 3307}) {
            Instance i;
            i.key = InstanceKey(u"db"_s, port);
            i.lastCheckValid = true;
            i.logBin = true;
            if (port == 3307) {
                ReplicationState r;
                r.sourceKey = InstanceKey(u"db"_s, 3306);
                r.ioThread = r.sqlThread = ReplicationState::ThreadState::Running;
                i.replication = r;
            }
            servers << i;
        }
        const Topology t = Topology::build(servers);
        const auto facts = FactsFile::parse(TopologyJson::toText(t, t.clusters()));
        QVERIFY_RESULT(facts);
        QCOMPARE(facts->format, u"arbor-topology"_s);
        QCOMPARE(facts->instances.size(), 2);
    }

    void badFactsSayWhy()
    {
        QVERIFY(FactsFile::parse("not json").error().contains(u"not JSON"_s));
        QVERIFY(FactsFile::parse("{\"x\": 1}").error().contains(u"neither"_s));
        QVERIFY(FactsFile::parse("[]").error().contains(u"no instance"_s));
        QVERIFY(FactsFile::parse("[1]").error().contains(u"not an instance"_s));
        const QJsonArray twice{orchestratorInstance(1, 0, true, true), orchestratorInstance(1, 0, true, true)};
        QVERIFY(FactsFile::parse(QJsonDocument(twice).toJson()).error().contains(u"twice"_s));
    }
};

QTEST_GUILESS_MAIN(TestFactsFile)
#include "tst_factsfile.moc"
