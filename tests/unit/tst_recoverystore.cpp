// The store's recovery tables (migration 4): promotion rules with expiry, the analysis changelog,
// recoveries with steps, acknowledgements, the global switch, and the anti-flapping check on top.
#include "resultassert.h"
#include "core/recovery/antiflapping.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestRecoveryStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    RecoveryRecord recovery(const QString &uid, const QString &cluster, int port, int secondsAgo)
    {
        RecoveryRecord r;
        r.uid = uid;
        r.clusterName = cluster;
        r.failed = InstanceKey(u"db1"_s, port);
        r.successor = InstanceKey(u"db2"_s, port);
        r.analysis = u"DeadMaster"_s;
        r.kind = u"master"_s;
        r.trigger = u"automatic"_s;
        r.status = u"succeeded"_s;
        r.lostReplicas = {InstanceKey(u"db3"_s, 3306)};
        r.startedAt = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo);
        r.endedAt = r.startedAt.addSecs(1);
        return r;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<Store>(StoreOptions::sqlite(m_dir.filePath(u"s%1.sqlite3"_s).arg(nextId())));
        auto o = m_store->open();
        QVERIFY_RESULT(o);
        QVERIFY(m_store->schemaVersion() >= 4);
    }

    void promotionRules()
    {
        const InstanceKey a(u"db1"_s, 3306), b(u"db2"_s, 3306);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->setPromotionRule({a, PromotionRule::Prefer, now.addSecs(3600), now}).ok());
        QVERIFY(m_store->setPromotionRule({b, PromotionRule::MustNot, {}, now}).ok());
        auto rules = m_store->readPromotionRules();
        QVERIFY(rules.ok());
        QCOMPARE(rules->size(), 2);
        QCOMPARE(rules->at(0).rule, PromotionRule::Prefer);
        QVERIFY(rules->at(0).isActiveAt(now));
        QVERIFY(!rules->at(0).isActiveAt(now.addSecs(7200)));
        QVERIFY(!rules->at(1).expiresAt.isValid());
        QVERIFY(m_store->setPromotionRule({b, PromotionRule::Neutral, {}, now}).ok()); // neutral removes
        QCOMPARE(m_store->readPromotionRules()->size(), 1);
        QVERIFY(!parsePromotionRule(u"always"_s).ok());
        QCOMPARE(*parsePromotionRule(u"prefer-not"_s), PromotionRule::PreferNot);
    }

    void analysisChanges()
    {
        AnalysisChange c{QDateTime::currentDateTimeUtc(), InstanceKey(u"db1"_s, 3306), u"db1:3306"_s, u"DeadMaster"_s,
                         u"UnreachableMaster"_s, u"dead"_s, {u"NoFailoverSupportStructureWarning"_s}};
        QVERIFY(m_store->recordAnalysisChange(c).ok());
        const auto read = m_store->readAnalysisChanges(10, u"db1:3306"_s);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().previousAnalysis, u"UnreachableMaster"_s);
        QCOMPARE(read->first().structureWarnings, QStringList{u"NoFailoverSupportStructureWarning"_s});
    }

    void recoveriesStepsAndAcknowledgement()
    {
        QVERIFY(m_store->writeRecovery(recovery(u"r1"_s, u"db1:3306"_s, 3306, 10)).ok());
        QVERIFY(m_store->appendRecoveryStep({u"r1"_s, {}, u"hook"_s, u"PreFailoverProcesses: true"_s, true, u"out"_s}).ok());
        QVERIFY(m_store->appendRecoveryStep({u"r1"_s, {}, u"sql"_s, u"STOP SLAVE"_s, false, u"denied"_s}).ok());
        const auto steps = m_store->readRecoverySteps(u"r1"_s);
        QVERIFY(steps.ok());
        QCOMPARE(steps->size(), 2);
        QCOMPARE(steps->at(1).ok, false);
        auto recs = m_store->readRecoveries(10);
        QVERIFY(recs.ok());
        QCOMPARE(recs->first().lostReplicas.size(), 1);
        QVERIFY(!recs->first().isAcknowledged());

        // Anti-flapping: same cluster, or the failed server was the successor, within the period.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto b = AntiFlapping::blockingRecovery(*m_store, u"db1:3306"_s, QString(), InstanceKey(u"x"_s, 1), 3600, now);
        QVERIFY(b.ok() && b->has_value());
        b = AntiFlapping::blockingRecovery(*m_store, u"db2:3306"_s, QString(), InstanceKey(u"db2"_s, 3306), 3600, now);
        QVERIFY(b.ok() && b->has_value());
        QVERIFY(AntiFlapping::explain(**b, 3600).contains(u"ack-recovery r1"_s));
        b = AntiFlapping::blockingRecovery(*m_store, u"other:1"_s, QString(), InstanceKey(u"other"_s, 1), 3600, now);
        QVERIFY(b.ok() && !b->has_value());
        b = AntiFlapping::blockingRecovery(*m_store, u"db1:3306"_s, QString(), InstanceKey(u"x"_s, 1), 5, now);
        QVERIFY(b.ok() && !b->has_value()); // period over

        const auto acked = m_store->acknowledgeRecoveries(QString(), u"db1:3306"_s, u"dba"_s, u"looked at it"_s);
        QVERIFY(acked.ok());
        QCOMPARE(acked.value(), 1);
        QCOMPARE(m_store->acknowledgeRecoveries(QString(), QString(), u"dba"_s, u"again"_s).value(), 0);
        recs = m_store->readRecoveries(10);
        QVERIFY(recs->first().isAcknowledged());
        QCOMPARE(recs->first().acknowledgedBy, u"dba"_s);
        b = AntiFlapping::blockingRecovery(*m_store, u"db1:3306"_s, QString(), InstanceKey(u"x"_s, 1), 3600, now);
        QVERIFY(b.ok() && !b->has_value());
    }

    void recoveryStoppedAtItsFenceDoesNotBlockTheNextLeader()
    {
        // A node lost its lease mid-recovery and stopped before its first SQL step: the node holding
        // the lease now must be free to recover the same failure (scenario 8 of tests/chaos).
        RecoveryRecord fenced = recovery(u"f1"_s, u"db1:3306"_s, 3306, 10);
        fenced.status = u"failed"_s;
        fenced.successor = InstanceKey();
        QVERIFY(m_store->writeRecovery(fenced).ok());
        const QDateTime at = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f1"_s, at, u"detect"_s, u"DeadMaster"_s, true, {}}).ok());
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f1"_s, at, u"hook"_s, u"PreFailoverProcesses"_s, true, {}}).ok());
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f1"_s, at, u"fence"_s, u"stopped before promoting"_s, false, {}}).ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto b = AntiFlapping::blockingRecovery(*m_store, u"db1:3306"_s, QString(), InstanceKey(u"db1"_s, 3306), 3600, now);
        QVERIFY(b.ok());
        QVERIFY2(!b->has_value(), qPrintable(b->has_value() ? (*b)->uid : QString()));

        // One that changed a server before its fence still blocks: a human looks first.
        RecoveryRecord halfway = recovery(u"f2"_s, u"db5:3306"_s, 3306, 10);
        halfway.status = u"failed"_s;
        QVERIFY(m_store->writeRecovery(halfway).ok());
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f2"_s, at, u"sql"_s, u"promote db2:3306"_s, true, {}}).ok());
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f2"_s, at, u"fence"_s, u"stopped before repointing"_s, false, {}}).ok());
        b = AntiFlapping::blockingRecovery(*m_store, u"db5:3306"_s, QString(), InstanceKey(u"x"_s, 1), 3600, now);
        QVERIFY(b.ok() && b->has_value());
        QCOMPARE((*b)->uid, u"f2"_s);

        // And so does one that failed for any other reason (a failing pre-failover hook).
        RecoveryRecord aborted = recovery(u"f3"_s, u"db7:3306"_s, 3306, 10);
        aborted.status = u"aborted"_s;
        QVERIFY(m_store->writeRecovery(aborted).ok());
        QVERIFY(m_store->appendRecoveryStep(RecoveryStep{u"f3"_s, at, u"hook"_s, u"PreFailoverProcesses"_s, false, {}}).ok());
        b = AntiFlapping::blockingRecovery(*m_store, u"db7:3306"_s, QString(), InstanceKey(u"x"_s, 1), 3600, now);
        QVERIFY(b.ok() && b->has_value());
    }

    void replicaHistoryRoundTripAndForget()
    {
        const InstanceKey a(u"db1"_s, 3306), b(u"db2"_s, 3306);
        const QDateTime at = QDateTime::currentDateTimeUtc(); // ms precision, as the store keeps it
        QHash<InstanceKey, ReplicaHistory> h;
        h.insert(a, ReplicaHistory{at, 3, {}});
        h.insert(b, ReplicaHistory{{}, std::nullopt, at.addSecs(-5)});
        QVERIFY_RESULT(m_store->writeReplicaHistory(h));
        auto back = m_store->readReplicaHistory();
        QVERIFY_RESULT(back);
        QCOMPARE(back->size(), 2);
        QCOMPARE(back->value(a).lastReplicatingAt, at);
        QCOMPARE(back->value(a).lagAtLastReplicating, std::optional<qint64>(3));
        QVERIFY(!back->value(a).sqlBrokenSince.isValid());
        QVERIFY(!back->value(b).lastReplicatingAt.isValid());
        QVERIFY(!back->value(b).lagAtLastReplicating.has_value());
        QCOMPARE(back->value(b).sqlBrokenSince, at.addSecs(-5));
        h.insert(a, ReplicaHistory{at.addSecs(10), 0, {}}); // replaced, not added
        QVERIFY_RESULT(m_store->writeReplicaHistory(h));
        QCOMPARE(m_store->readReplicaHistory()->value(a).lastReplicatingAt, at.addSecs(10));
        QVERIFY_RESULT(m_store->forgetInstance(a));
        QVERIFY(!m_store->readReplicaHistory()->contains(a));
    }

    void globalSwitch()
    {
        QVERIFY(!m_store->readRecoveriesDisabled()->has_value());
        QVERIFY(m_store->setRecoveriesDisabled(true, u"dba"_s, u"maintenance"_s).ok());
        const auto d = m_store->readRecoveriesDisabled();
        QVERIFY(d.ok() && d->has_value());
        QVERIFY((*d)->contains(u"maintenance"_s));
        QVERIFY(m_store->setRecoveriesDisabled(false, u"dba"_s, QString()).ok());
        QVERIFY(!m_store->readRecoveriesDisabled()->has_value());
    }

private:
    static int nextId()
    {
        static int n = 0;
        return ++n;
    }
};

QTEST_GUILESS_MAIN(TestRecoveryStore)
#include "tst_recoverystore.moc"
