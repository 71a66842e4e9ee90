// The analysis as a table: each row is a made-up topology in a tiny notation and the codes Arbor must
// report. Notation: space-separated servers "name>source:flags" (source and flags optional).
// Flags: ! unreachable, c IO connecting with error 2003, s IO stopped, S both threads stopped,
// e SQL thread error, l lagging 120 s, R read_only, x STATEMENT / y MIXED binlog, v older major version,
// n no log_slave_updates, g file positioning (no GTID), k semi-sync locked, E errant GTID, D downtimed.
#include "analysis/analyzer.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

InstanceKey keyOf(const QString &name)
{
    return InstanceKey(u"db-"_s + name, 3306);
}

struct Parsed
{
    QList<Instance> instances;
    QSet<InstanceKey> downtimed;
};

Parsed parse(const QString &spec)
{
    Parsed out;
    int serverId = 1;
    const QStringList tokens = spec.split(u' ', Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const QString head = token.section(u':', 0, 0);
        const QString flags = token.section(u':', 1);
        const QString name = head.section(u'>', 0, 0);
        const QString source = head.section(u'>', 1);
        Instance i;
        i.key = keyOf(name);
        i.serverId = serverId++;
        i.version = flags.contains(u'v') ? u"10.6.18-MariaDB-log"_s : u"10.11.6-MariaDB-log"_s;
        i.flavour = Flavour::MariaDB;
        i.logBin = true;
        i.logReplicaUpdates = !flags.contains(u'n');
        i.binlogFormat = flags.contains(u'x') ? u"STATEMENT"_s : flags.contains(u'y') ? u"MIXED"_s : u"ROW"_s;
        i.lastCheckValid = !flags.contains(u'!');
        i.lastChecked = QDateTime::currentDateTimeUtc();
        i.readOnly = flags.contains(u'R') || !source.isEmpty();
        i.gtidBinlogPos = u"0-1-100"_s;
        if (flags.contains(u'E'))
            i.gtidBinlogPos = u"0-%1-101"_s.arg(i.serverId);
        if (flags.contains(u'k')) {
            i.semiSync.available = true;
            i.semiSync.sourceEnabled = true;
            i.semiSync.sourceActive = true;
            i.semiSync.sourceClients = 0;
        }
        if (!source.isEmpty()) {
            ReplicationState r;
            r.sourceKey = keyOf(source);
            r.ioThread = ReplicationState::ThreadState::Running;
            r.sqlThread = ReplicationState::ThreadState::Running;
            r.secondsBehindSource = 0;
            r.gtidPositioning = flags.contains(u'g') ? u"No"_s : u"Slave_Pos"_s;
            if (flags.contains(u'c')) {
                r.ioThread = ReplicationState::ThreadState::Connecting;
                r.lastIoErrno = 2003;
                r.lastIoError = u"error reconnecting to master 'repl@db-m:3306' - retry-time: 1 maximum-retries: 86400"_s;
                r.secondsBehindSource.reset();
            }
            if (flags.contains(u's')) {
                r.ioThread = ReplicationState::ThreadState::Stopped;
                r.secondsBehindSource.reset();
            }
            if (flags.contains(u'S')) {
                r.ioThread = ReplicationState::ThreadState::Stopped;
                r.sqlThread = ReplicationState::ThreadState::Stopped;
                r.secondsBehindSource.reset();
            }
            if (flags.contains(u'e')) {
                r.sqlThread = ReplicationState::ThreadState::Stopped;
                r.lastSqlErrno = 1062;
                r.lastSqlError = u"Duplicate entry"_s;
                r.secondsBehindSource.reset();
            }
            if (flags.contains(u'l'))
                r.secondsBehindSource = 120;
            i.replication = r;
        }
        if (flags.contains(u'D'))
            out.downtimed.insert(i.key);
        out.instances.append(i);
    }
    return out;
}

QList<ReplicationAnalysis> analyze(const QString &spec)
{
    const Parsed p = parse(spec);
    return Analyzer::analyze(Topology::build(p.instances), AnalysisOptions{}, p.downtimed);
}

// "name=Code" pairs, sorted, for rows with a code.
QString codes(const QList<ReplicationAnalysis> &rows)
{
    QStringList out;
    for (const ReplicationAnalysis &a : rows) {
        if (a.code != AnalysisCode::NoProblem)
            out << a.key.host().mid(3) + u'=' + a.codeName();
    }
    out.sort();
    return out.join(u' ');
}

} // namespace

class TestAnalyzer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codes_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        const QList<std::tuple<const char *, QString, QString>> rows{
            {"healthy star", u"m r1>m r2>m"_s, u""_s},
            {"killed master, replicas agree", u"m:! r1>m:c r2>m:c"_s, u"m=DeadMaster"_s},
            {"hung master, replicas still connected", u"m:! r1>m r2>m"_s, u"m=UnreachableMaster"_s},
            {"one replica still replicates", u"m:! r1>m:c r2>m"_s, u"m=UnreachableMaster"_s},
            {"dead master, one replica unreachable", u"m:! r1>m:c r2>m:!"_s, u"m=DeadMasterAndSomeReplicas"_s},
            {"everything unreachable", u"m:! r1>m:! r2>m:!"_s, u"m=DeadMasterAndReplicas"_s},
            {"lone master unreachable", u"m:!"_s, u"m=DeadMasterWithoutReplicas"_s},
            {"unreachable master, all lagging", u"m:! r1>m:l r2>m:l"_s, u"m=UnreachableMasterWithLaggingReplicas"_s},
            {"stopped IO threads agree too", u"m:! r1>m:s r2>m:S"_s, u"m=DeadMaster"_s},
            {"single replica stopped", u"m r1>m:S"_s, u"m=MasterSingleReplicaNotReplicating"_s},
            {"single replica dead", u"m r1>m:!"_s, u"m=MasterSingleReplicaDead"_s},
            {"all replicas stopped", u"m r1>m:S r2>m:S"_s, u"m=AllMasterReplicasNotReplicating"_s},
            {"replicas stopped or dead", u"m r1>m:S r2>m:!"_s, u"m=AllMasterReplicasNotReplicatingOrDead"_s},
            {"one of two replicas stopped", u"m r1>m:S r2>m"_s, u""_s},
            {"replica cannot connect to live master", u"m r1>m:c r2>m"_s,
             u"r1=FirstTierReplicaFailingToConnectToMaster"_s},
            {"semi-sync master without semi-sync replicas", u"m:k r1>m"_s, u"m=LockedSemiSyncMasterHypothesis"_s},
            {"dead intermediate master", u"m i>m:! a>i:c b>i:c"_s, u"i=DeadIntermediateMaster m=MasterSingleReplicaDead"_s},
            {"dead IM, single replica failing", u"m i>m:! a>i:c"_s,
             u"i=DeadIntermediateMasterWithSingleReplicaFailingToConnect m=MasterSingleReplicaDead"_s},
            {"dead IM, single replica stopped", u"m i>m:! a>i:s"_s, u"i=DeadIntermediateMasterWithSingleReplica m=MasterSingleReplicaDead"_s},
            {"dead IM, some replicas unreachable", u"m i>m:! a>i:c b>i:!"_s,
             u"i=DeadIntermediateMasterAndSomeReplicas m=MasterSingleReplicaDead"_s},
            {"dead IM and its replicas", u"m i>m:! a>i:! b>i:!"_s, u"i=DeadIntermediateMasterAndReplicas m=MasterSingleReplicaDead"_s},
            {"unreachable IM, replicas connected", u"m i>m:! a>i b>i"_s, u"i=UnreachableIntermediateMaster m=MasterSingleReplicaDead"_s},
            {"unreachable IM, replicas lagging", u"m i>m:! a>i:l b>i:l"_s,
             u"i=UnreachableIntermediateMasterWithLaggingReplicas m=MasterSingleReplicaDead"_s},
            {"IM replicas cannot connect", u"m i>m a>i:c b>i:c"_s,
             u"i=AllIntermediateMasterReplicasFailingToConnectOrDead"_s},
            {"IM replicas failing or dead", u"m i>m a>i:c b>i:!"_s,
             u"i=AllIntermediateMasterReplicasFailingToConnectOrDead"_s},
            {"IM replicas stopped", u"m i>m a>i:S b>i:S"_s, u"i=AllIntermediateMasterReplicasNotReplicating"_s},
            {"dead master whose only replica is an IM", u"m:! i>m:c a>i b>i"_s, u"m=DeadMaster"_s},
            {"downtimed dead master still analysed", u"m:!D r1>m:c"_s, u"m=DeadMaster"_s},
            {"dead master in a tree", u"m:! r1>m:c i>m:c a>i b>i"_s, u"m=DeadMaster"_s},
            {"replica with SQL error, live master", u"m r1>m:e r2>m"_s, u""_s},
            {"SQL-broken replica still connected: no agreement", u"m:! r1>m:e r2>m:c"_s, u"m=UnreachableMaster"_s},
            {"two clusters, one dead", u"m r1>m n:! s1>n:c"_s, u"n=DeadMaster"_s},
            {"lagging replicas that lost the master", u"m:! r1>m:cl r2>m:c"_s, u"m=DeadMaster"_s},
            {"IM cannot connect to live master", u"m i>m:c a>i"_s,
             u"i=FirstTierReplicaFailingToConnectToMaster m=MasterSingleReplicaNotReplicating"_s},
            {"dead master and dead IM", u"m:! i>m:! a>i:c r1>m:c"_s,
             u"i=DeadIntermediateMasterWithSingleReplicaFailingToConnect m=DeadMasterAndSomeReplicas"_s},
            {"deep replica failing is not first tier", u"m i>m a>i:c b>i"_s, u""_s},
        };
        for (const auto &[name, spec, expected] : rows)
            QTest::newRow(name) << spec << expected;
    }

    void codes()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        QCOMPARE(::codes(analyze(spec)), expected);
    }

    void warnings_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << u"m r1>m r2>m"_s << u""_s;
        QTest::newRow("statement and row") << u"m r1>m r2>m:x"_s << u"StatementAndRowLoggingReplicasStructureWarning"_s;
        QTest::newRow("mixed and row") << u"m r1>m:y r2>m"_s << u"MixedAndRowLoggingReplicasStructureWarning"_s;
        QTest::newRow("versions") << u"m r1>m:v r2>m"_s << u"MultipleMajorVersionsLoggingReplicasStructureWarning"_s;
        QTest::newRow("no logging") << u"m r1>m:n r2>m:n"_s
                                    << u"NoLoggingReplicasStructureWarning NoFailoverSupportStructureWarning"_s;
        QTest::newRow("gtid modes") << u"m r1>m:g r2>m"_s << u"DifferentGTIDModesStructureWarning"_s;
        QTest::newRow("read-only master") << u"m:R r1>m"_s << u"NoWriteableMasterStructureWarning"_s;
        QTest::newRow("errant gtid") << u"m r1>m:E r2>m"_s << u"ErrantGTIDStructureWarning"_s;
    }

    void warnings()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        QString got;
        for (const ReplicationAnalysis &a : analyze(spec)) {
            if (a.key == keyOf(u"m"_s))
                got = a.structureWarnings.join(u' ');
        }
        QCOMPARE(got, expected);
    }

    void countsAndDescription()
    {
        const auto rows = analyze(u"m:!D r1>m:c r2>m:c r3>m:!"_s);
        QCOMPARE(rows.size(), 1);
        const ReplicationAnalysis &a = rows.first();
        QCOMPARE(a.code, AnalysisCode::DeadMasterAndSomeReplicas);
        QVERIFY(a.isDowntimed);
        QVERIFY(a.isActionable());
        QCOMPARE(a.countReplicas, 3);
        QCOMPARE(a.countValidReplicas, 2);
        QCOMPARE(a.countReplicasAgreeingSourceLost, 2);
        QCOMPARE(a.countReplicasFailingToConnect, 2);
        QCOMPARE(a.countValidReplicatingReplicas, 0);
        QCOMPARE(a.clusterName, keyOf(u"m"_s).toString());
        QVERIFY2(a.description.contains(u"2 of 3 replicas reachable"_s), qPrintable(a.description));
    }

    void unreachableMasterSaysWhy()
    {
        // A master that answers but whose binary log is stuck (a full disk) is not "unreachable" without a
        // cause: the analysis carries its last poll's error, so the DBA reads why.
        Parsed p = parse(u"m:! r1>m r2>m"_s);
        p.instances[0].lastError = u"db-m:3306 answers, but its binary log does not: ... a full disk"_s;
        const auto rows = Analyzer::analyze(Topology::build(p.instances), AnalysisOptions{}, p.downtimed);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().code, AnalysisCode::UnreachableMaster);
        QVERIFY2(rows.first().description.contains(u"binary log does not"_s), qPrintable(rows.first().description));
    }

    void namesRoundTrip()
    {
        for (int c = int(AnalysisCode::NoProblem); c <= int(AnalysisCode::FirstTierReplicaFailingToConnectToMaster); ++c)
            QCOMPARE(analysisCodeFromName(analysisCodeName(AnalysisCode(c))), AnalysisCode(c));
        QVERIFY(!isActionable(AnalysisCode::UnreachableMaster));
        QVERIFY(!isActionable(AnalysisCode::DeadMasterAndReplicas));
        QVERIFY(isActionable(AnalysisCode::DeadIntermediateMaster));
    }
};

QTEST_GUILESS_MAIN(TestAnalyzer)
#include "tst_analyzer.moc"
