// Hooks run without a shell: argv split by Arbor, placeholders substituted per argument after the
// split, so hostile values (host names full of shell syntax) stay data. Plus timeouts, exit codes,
// output capture, the environment and detached runs.
#include "recovery/hookcommand.h"
#include "recovery/hookrunner.h"
#include "waitfor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

HookContext hostileContext(const QString &host)
{
    HookContext c;
    c.failureType = u"DeadMaster"_s;
    c.instanceType = u"master"_s;
    c.failureDescription = u"it's dead; `reboot` $(id) \"quoted\""_s;
    c.failed = InstanceKey(host, 3306);
    c.clusterName = host + u":3306"_s;
    c.successor = InstanceKey(u"db2"_s, 3307);
    c.recoveryUid = u"uid-1"_s;
    return c;
}

} // namespace

class TestHookRunner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<bool>("detached");
        QTest::newRow("plain") << u"/bin/echo a b"_s << QStringList{u"/bin/echo"_s, u"a"_s, u"b"_s} << false;
        QTest::newRow("single quotes") << u"echo 'a b' c"_s << QStringList{u"echo"_s, u"a b"_s, u"c"_s} << false;
        QTest::newRow("double quotes") << u"echo \"a \\\"b\\\"\""_s << QStringList{u"echo"_s, u"a \"b\""_s} << false;
        QTest::newRow("backslash") << u"echo a\\ b"_s << QStringList{u"echo"_s, u"a b"_s} << false;
        QTest::newRow("joined quotes") << u"echo --host='{failedHost}'"_s << QStringList{u"echo"_s, u"--host={failedHost}"_s} << false;
        QTest::newRow("detached") << u"notify {failedHost} &"_s << QStringList{u"notify"_s, u"{failedHost}"_s} << true;
        QTest::newRow("detached glued") << u"notify x&"_s << QStringList{u"notify"_s, u"x"_s} << true;
        QTest::newRow("shell script with variables") << u"sh -c 'echo \"$ORC_FAILED_HOST\" >> /tmp/x'"_s
                                                      << QStringList{u"sh"_s, u"-c"_s, u"echo \"$ORC_FAILED_HOST\" >> /tmp/x"_s} << false;
    }

    void split()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, argv);
        QFETCH(bool, detached);
        const auto c = HookCommand::parse(line);
        QVERIFY2(c.ok(), qPrintable(c.error()));
        QCOMPARE(c->argv(), argv);
        QCOMPARE(c->detached(), detached);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("why");
        QTest::newRow("redirect") << u"echo {failedHost} >> /tmp/log"_s << u"shell syntax"_s;
        QTest::newRow("pipe") << u"echo x | mail"_s << u"shell syntax"_s;
        QTest::newRow("semicolon") << u"echo x; reboot"_s << u"shell syntax"_s;
        QTest::newRow("and") << u"true && reboot"_s << u"shell syntax"_s;
        QTest::newRow("variable") << u"echo $HOME"_s << u"shell syntax"_s;
        QTest::newRow("variable in double quotes") << u"echo \"$HOME\""_s << u"expanded by a shell"_s;
        QTest::newRow("unclosed quote") << u"echo 'abc"_s << u"not closed"_s;
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
        QTest::newRow("placeholder in shell script") << u"bash -c 'notify {failedHost}'"_s << u"inside a shell command"_s;
        QTest::newRow("placeholder in sh via path") << u"/bin/sh -c \"x {failureDescription}\""_s << u"inside a shell command"_s;
    }

    void refused()
    {
        QFETCH(QString, line);
        QFETCH(QString, why);
        const auto c = HookCommand::parse(line);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().contains(why), qPrintable(c.error()));
    }

    void hostileValuesStayData()
    {
        QVERIFY(m_dir.isValid());
        const QString marker = m_dir.filePath(u"pwned"_s);
        // Every shell metacharacter a value could carry; none of them may run.
        const QString host = u"x;touch %1;$(touch %1)`touch %1`|touch %1&&touch %1 'a\" {failedPort}"_s.arg(marker);
        const HookContext ctx = hostileContext(host);
        const HookResult r = HookRunner::run(u"PreFailoverProcesses"_s,
                                             u"/usr/bin/printf '%s|' {failedHost} {failureDescription} {successorHost}"_s,
                                             ctx, 10);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!QFile::exists(marker));
        // Each value arrived as exactly one argument, byte for byte, not re-scanned for placeholders.
        QCOMPARE(r.output, host + u'|' + ctx.failureDescription + u"|db2|"_s);
        QCOMPARE(r.argv.size(), 5);
    }

    void environment()
    {
        const HookContext ctx = hostileContext(u"db1;id"_s);
        const HookResult r = HookRunner::run(
            u"PostMasterFailoverProcesses"_s,
            u"sh -c 'printf \"%s/%s/%s/%s\" \"$ORC_FAILED_HOST\" \"$ARBOR_FAILED_PORT\" \"$ORC_SUCCESSOR_HOST\" \"$ORC_FAILURE_TYPE\"'"_s,
            ctx, 10);
        QVERIFY2(r.ok(), qPrintable(r.error + r.output));
        QCOMPARE(r.output, u"db1;id/3306/db2/DeadMaster"_s);
    }

    void exitCodeAndOutput()
    {
        const HookResult r = HookRunner::run(u"PreFailoverProcesses"_s, u"sh -c 'echo refusing; echo oops >&2; exit 3'"_s,
                                             HookContext{}, 10);
        QVERIFY(!r.ok());
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.output.contains(u"refusing"_s));
        QVERIFY(r.output.contains(u"oops"_s));
        QVERIFY2(r.error.contains(u"exited with code 3"_s), qPrintable(r.error));
    }

    void missingProgram()
    {
        const HookResult r = HookRunner::run(u"PreFailoverProcesses"_s, u"/nonexistent/hook {failedHost}"_s, HookContext{}, 5);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"could not start"_s), qPrintable(r.error));
    }

    void timeoutKillsTheGroup()
    {
        const QString marker = m_dir.filePath(u"late"_s);
        QElapsedTimer t;
        t.start();
        // The child of the hook would write the marker after 3 s if only the hook itself were killed.
        const HookResult r = HookRunner::run(u"PreFailoverProcesses"_s,
                                             u"sh -c 'sh -c \"sleep 3; touch %1\" & sleep 30'"_s.arg(marker), HookContext{}, 1);
        QVERIFY(r.timedOut);
        QVERIFY(!r.ok());
        QVERIFY(t.elapsed() < 5000);
        QVERIFY(!arbor::testsupport::waitFor([&] { return QFile::exists(marker); }, 3500));
    }

    void detachedRunsInBackground()
    {
        const QString marker = m_dir.filePath(u"detached"_s);
        QElapsedTimer t;
        t.start();
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s,
                                             u"sh -c 'sleep 1; touch \"$0\"' %1 &"_s.arg(marker), HookContext{}, 10);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.detached);
        QVERIFY(t.elapsed() < 900);
        QVERIFY(arbor::testsupport::waitFor([&] { return QFile::exists(marker); }, 5000));
    }

    void runAllStopsOnFirstFailure()
    {
        const QList<HookResult> rs = HookRunner::runAll(u"PreFailoverProcesses"_s,
                                                        {u"true"_s, u"false"_s, u"true"_s}, HookContext{}, 5, true);
        QCOMPARE(rs.size(), 2);
        QVERIFY(rs.at(0).ok());
        QVERIFY(!rs.at(1).ok());
        QCOMPARE(HookRunner::runAll(u"PostFailoverProcesses"_s, {u"false"_s, u"true"_s}, HookContext{}, 5, false).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHookRunner)
#include "tst_hookrunner.moc"
