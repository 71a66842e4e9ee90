// RecoveryTarget: the one rule the CLI's `recover` and the API's recover/takeover routes share for
// what a manual recovery acts on, and the sentence when there is nothing to recover.
#include "core/recovery/recoverytarget.h"
#include "resultassert.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
const InstanceKey kMaster(u"127.0.0.1"_s, 3306);
const InstanceKey kIntermediate(u"127.0.0.1"_s, 3307);
const InstanceKey kReplica(u"127.0.0.1"_s, 3308);

Cluster cluster()
{
    return Cluster{kMaster.toString(), u"shop"_s, kMaster, {kMaster, kIntermediate, kReplica}};
}

ReplicationAnalysis row(const InstanceKey &key, AnalysisCode code, const QString &clusterName = kMaster.toString())
{
    ReplicationAnalysis a;
    a.key = key;
    a.code = code;
    a.clusterName = clusterName;
    return a;
}
} // namespace

class TestRecoveryTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theNamedServersFailure()
    {
        const QList<ReplicationAnalysis> rows{row(kMaster, AnalysisCode::NoProblem),
                                              row(kIntermediate, AnalysisCode::DeadIntermediateMaster)};
        const auto t = RecoveryTarget::choose(rows, cluster(), kIntermediate, false, u"--takeover"_s);
        QVERIFY_RESULT(t);
        QCOMPARE(t->key, kIntermediate);
        QCOMPARE(t->code, AnalysisCode::DeadIntermediateMaster);
    }

    void withoutAServerTheClustersActionableFailure()
    {
        const QList<ReplicationAnalysis> rows{row(kMaster, AnalysisCode::DeadMaster),
                                              row(InstanceKey(u"10.0.0.1"_s, 3306), AnalysisCode::DeadMaster, u"other"_s)};
        const auto t = RecoveryTarget::choose(rows, cluster(), std::nullopt, false, u"--takeover"_s);
        QVERIFY_RESULT(t);
        QCOMPARE(t->key, kMaster);
    }

    void takeoverActsOnTheLiveMaster()
    {
        const QList<ReplicationAnalysis> rows{row(kIntermediate, AnalysisCode::DeadIntermediateMaster)};
        const auto t = RecoveryTarget::choose(rows, cluster(), kMaster, true, u"--takeover"_s);
        QVERIFY_RESULT(t);
        QCOMPARE(t->key, kMaster);
        QCOMPARE(t->clusterAlias, u"shop"_s);
        QVERIFY(t->description.contains(u"graceful takeover"_s));
    }

    void nothingToRecoverSaysWhatWasFoundAndHowToSwitchOver()
    {
        const QList<ReplicationAnalysis> rows{row(kMaster, AnalysisCode::NoProblem),
                                              row(kIntermediate, AnalysisCode::DeadIntermediateMaster)};
        // The named server has no actionable failure, even though another server of the cluster has.
        const auto t = RecoveryTarget::choose(rows, cluster(), kMaster, false, u"graceful-master-takeover"_s);
        QVERIFY(!t.ok());
        QVERIFY2(t.error().contains(u"127.0.0.1:3306 has no failure Arbor can recover (127.0.0.1:3306 NoProblem)"_s),
                 qPrintable(t.error()));
        QVERIFY2(t.error().endsWith(u"use graceful-master-takeover"_s), qPrintable(t.error()));

        const auto whole = RecoveryTarget::choose({}, cluster(), std::nullopt, false, u"--takeover"_s);
        QVERIFY(!whole.ok());
        QVERIFY2(whole.error().contains(u"cluster 127.0.0.1:3306 has no failure Arbor can recover (no problem found)"_s),
                 qPrintable(whole.error()));
    }
};

QTEST_GUILESS_MAIN(TestRecoveryTarget)
#include "tst_recoverytarget.moc"
