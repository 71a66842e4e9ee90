// The recovery part of the service config: orchestrator's flat keys and Arbor's sections, hooks
// parsed when the config is read, every problem named with its key path.
#include "config/serviceconfig.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestRecoveryConfig : public QObject
{
    Q_OBJECT

    static ServiceConfig::Check check(const QByteArray &body)
    {
        return ServiceConfig::check("{\"backend\": {\"kind\": \"sqlite\", \"sqliteFile\": \"/tmp/x.sqlite3\"}," + body + "}",
                                    u"test.json"_s);
    }

private Q_SLOTS:
    void defaultsWithoutRecoveryKeys()
    {
        const auto c = ServiceConfig::check("{\"backend\": {\"kind\": \"sqlite\", \"sqliteFile\": \"/tmp/x\"}}", u"t"_s);
        QVERIFY(c.errors.isEmpty());
        QCOMPARE(c.config.recovery.automatic, true);
        QCOMPARE(c.config.recovery.options.recoveryPeriodBlockSeconds, 3600);
        QVERIFY(c.config.recovery.options.recoverMasterClusterFilters.isEmpty());
        QVERIFY(c.config.warnings.join(u'\n').contains(u"never recovered automatically"_s));
    }

    void orchestratorFlatKeys()
    {
        const auto c = check("\"RecoveryPeriodBlockSeconds\": 600, \"RecoverMasterClusterFilters\": [\"*\"], \"RecoverIntermediateMasterClusterFilters\": [\"alias~=^prod\"], \"PromotionIgnoreHostnameFilters\": [\"-backup-\"], \"PreventCrossDataCenterMasterFailover\": true, \"FailMasterPromotionIfSQLThreadNotUpToDate\": true, \"FailMasterPromotionOnLagMinutes\": 2, \"MasterFailoverLostInstancesDowntimeMinutes\": 5, \"ReasonableReplicationLagSeconds\": 20, \"PreFailoverProcesses\": [\"/usr/local/bin/gate {failureCluster}\"], \"PostMasterFailoverProcesses\": [\"/usr/local/bin/vip {failedHost} {successorHost} &\"], \"PostTakeMasterProcesses\": [\"x\"], \"CoMasterRecoveryMustPromoteOtherCoMaster\": true");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        const RecoveryOptions &o = c.config.recovery.options;
        QCOMPARE(o.recoveryPeriodBlockSeconds, 600);
        QCOMPARE(o.recoverMasterClusterFilters, QStringList{u"*"_s});
        QCOMPARE(o.recoverIntermediateMasterClusterFilters, QStringList{u"alias~=^prod"_s});
        QCOMPARE(o.promotionIgnoreHostnameFilters, QStringList{u"-backup-"_s});
        QVERIFY(o.preventCrossDataCenterMasterFailover);
        QCOMPARE(o.relayLogPolicy, RecoveryOptions::RelayLogPolicy::Fail);
        QCOMPARE(o.failMasterPromotionOnLagSeconds, 120);
        QCOMPARE(o.lostReplicasDowntimeSeconds, 300);
        QCOMPARE(c.config.recovery.analysis.reasonableReplicationLagSeconds, 20);
        QCOMPARE(o.preFailoverProcesses.size(), 1);
        QCOMPARE(o.postMasterFailoverProcesses.size(), 1);
        const QString w = c.config.warnings.join(u'\n');
        QVERIFY2(w.contains(u"PostTakeMasterProcesses: orchestrator key not honoured by Arbor, ignored: Arbor runs hooks"_s), qPrintable(w));
        QVERIFY2(w.contains(u"CoMasterRecoveryMustPromoteOtherCoMaster: orchestrator key not honoured by Arbor, ignored: Arbor does not recover co-masters"_s), qPrintable(w));
        QVERIFY(!w.contains(u"PreventCrossDataCenterMasterFailover"_s));
    }

    void nativeSectionsWin()
    {
        const auto c = check("\"RecoveryPeriodBlockSeconds\": 600, \"recovery\": {\"automatic\": false, \"recoveryPeriodBlockSeconds\": 60, \"relayLogPolicy\": \"ignore\", \"recoverMasterClusterFilters\": [\"alias=main\"]}, \"hooks\": {\"timeoutSeconds\": 5, \"PostFailoverProcesses\": [\"/bin/true {successorHost}\"]}, \"analysis\": {\"gracePeriodMilliseconds\": 1500}");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        const RecoveryConfig &r = c.config.recovery;
        QCOMPARE(r.automatic, false);
        QCOMPARE(r.options.recoveryPeriodBlockSeconds, 60);
        QCOMPARE(r.options.relayLogPolicy, RecoveryOptions::RelayLogPolicy::Ignore);
        QCOMPARE(r.options.hookTimeoutSeconds, 5);
        QCOMPARE(r.options.postFailoverProcesses, QStringList{u"/bin/true {successorHost}"_s});
        QCOMPARE(r.analysis.gracePeriodMs, 1500);
    }

    void problemsNameTheKeyPath_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative block") << QByteArray("\"RecoveryPeriodBlockSeconds\": -1")
                                        << u"RecoveryPeriodBlockSeconds: must be from 0 to 604800"_s;
        QTest::newRow("bad filter regex") << QByteArray("\"RecoverMasterClusterFilters\": [\"*\", \"alias~=(x\"]")
                                          << u"RecoverMasterClusterFilters[1]: \"(x\" is not a valid regular expression"_s;
        QTest::newRow("fail and delay") << QByteArray("\"FailMasterPromotionIfSQLThreadNotUpToDate\": true, \"DelayMasterPromotionIfSQLThreadNotUpToDate\": true")
                                        << u"FailMasterPromotionIfSQLThreadNotUpToDate: cannot be true together"_s;
        QTest::newRow("placeholder into a shell") << QByteArray("\"PreFailoverProcesses\": [\"echo {failedHost} | sh\"]")
                                                  << u"PreFailoverProcesses[0]: the hook"_s;
        QTest::newRow("shell") << QByteArray("\"hooks\": {\"shell\": \"perl\"}") << u"hooks.shell: must be sh, bash or dash"_s;
        QTest::newRow("ignore host regex") << QByteArray("\"RecoveryIgnoreHostnameFilters\": [\"(\"]")
                                           << u"RecoveryIgnoreHostnameFilters[0]: is not a valid regular expression"_s;
        QTest::newRow("hook not a list") << QByteArray("\"hooks\": {\"PostFailoverProcesses\": \"/bin/true\"}")
                                         << u"hooks.PostFailoverProcesses: must be a list of strings"_s;
        QTest::newRow("hook timeout") << QByteArray("\"hooks\": {\"timeoutSeconds\": 0}")
                                      << u"hooks.timeoutSeconds: must be from 1 to 86400, not 0"_s;
        QTest::newRow("automatic type") << QByteArray("\"recovery\": {\"automatic\": \"yes\"}")
                                        << u"recovery.automatic: must be true or false"_s;
        QTest::newRow("relay policy") << QByteArray("\"recovery\": {\"relayLogPolicy\": \"later\"}")
                                      << u"recovery.relayLogPolicy: must be \"delay\", \"fail\" or \"ignore\""_s;
        QTest::newRow("ignore regex") << QByteArray("\"recovery\": {\"promotionIgnoreHostnameFilters\": [\"[a\"]}")
                                      << u"recovery.promotionIgnoreHostnameFilters[0]: is not a valid regular expression"_s;
        QTest::newRow("password") << QByteArray("\"recovery\": {\"replicationPassword\": \"x\"}")
                                  << u"recovery.replicationPassword: passwords do not go into the config"_s;
        QTest::newRow("credentials file") << QByteArray("\"recovery\": {\"replicationCredentialsFile\": \"/nonexistent/repl.cnf\"}")
                                          << u"recovery.replicationCredentialsFile: "_s;
        QTest::newRow("grace") << QByteArray("\"analysis\": {\"gracePeriodMilliseconds\": 1.5}")
                               << u"analysis.gracePeriodMilliseconds: must be a whole number"_s;
    }

    void problemsNameTheKeyPath()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto c = check(body);
        const QString errors = c.errors.join(u'\n');
        QVERIFY2(errors.contains(expected), qPrintable(errors));
    }

    void unknownKeysInSectionsAreErrors()
    {
        const auto c = check("\"hooks\": {\"PostFailoverProcess\": []}, \"recovery\": {\"_note\": \"comment\"}");
        const QString e = c.errors.join(u'\n');
        QVERIFY2(e.contains(u"hooks.PostFailoverProcess: unknown key; did you mean PostFailoverProcesses?"_s), qPrintable(e));
        QCOMPARE(c.errors.size(), 1); // the comment is not a key
    }

    void orchestratorRecoveryKeys()
    {
        const auto c = check("\"RecoveryIgnoreHostnameFilters\": [\"^test-\"], \"FailureDetectionPeriodBlockMinutes\": 5, "
                             "\"ProcessesShellCommand\": \"bash\", \"ReasonableLockedSemiSyncMasterSeconds\": 7, "
                             "\"ApplyMySQLPromotionAfterMasterFailover\": false, \"PostponeReplicaRecoveryOnLagMinutes\": 3, "
                             "\"DetachLostSlavesAfterMasterFailover\": true, \"MasterFailoverDetachReplicaMasterHost\": true, "
                             "\"PreFailoverProcesses\": [\"echo 'Will recover from {failureType}' >> /tmp/recovery.log\"]");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        const RecoveryOptions &o = c.config.recovery.options;
        QCOMPARE(o.recoveryIgnoreHostnameFilters, QStringList{u"^test-"_s});
        QCOMPARE(o.failureDetectionPeriodBlockSeconds, 300);
        QCOMPARE(o.hookShell, u"/bin/bash"_s);
        QCOMPARE(c.config.recovery.analysis.reasonableLockedSemiSyncMasterMs, 7000);
        QCOMPARE(o.preFailoverProcesses.size(), 1);
        const QString w = c.config.warnings.join(u'\n');
        // The failover-detail keys are honoured: the options carry them, and only the one needing hooks warns.
        QVERIFY(!o.applyPromotion);
        QVERIFY(o.detachPromotedMasterHost);
        QVERIFY(o.detachLostReplicas);
        QVERIFY2(w.contains(u"ApplyMySQLPromotionAfterMasterFailover: false: a master failover leaves"_s), qPrintable(w));
        QCOMPARE(o.postponeReplicaRecoveryOnLagSeconds, 180);
        QVERIFY2(!w.contains(u"PostponeReplicaRecoveryOnLagMinutes"_s), qPrintable(w));
    }
};

QTEST_GUILESS_MAIN(TestRecoveryConfig)
#include "tst_recoveryconfig.moc"
