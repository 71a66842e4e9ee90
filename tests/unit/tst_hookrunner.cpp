// Hooks in both forms: argv (split by Arbor, placeholders substituted per argument after the split)
// and shell (orchestrator's lines with >> and $(...), run by /bin/sh with every placeholder one
// single-quoted word), so hostile values (host names full of shell syntax) stay data. Plus
// interpreters refused, timeouts (detached too), leftovers, exit codes, output capture and redaction,
// the scrubbed environment.
#include "resultassert.h"
#include "core/recovery/hookcommand.h"
#include "core/recovery/hookrunner.h"
#include "util/secretvalues.h"
#include "waitfor.h"

#include <csignal>

#include <QFile>
#include <QFileInfo>
#include <QProcess>
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
        QVERIFY_RESULT(c);
        QCOMPARE(c->argv(), argv);
        QCOMPARE(c->detached(), detached);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("why");
        QTest::newRow("unclosed quote") << u"echo 'abc"_s << u"not closed"_s;
        QTest::newRow("unclosed in shell form") << u"echo 'abc' >> \"/tmp/x"_s << u"not closed"_s;
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
        // A placeholder that a second interpreter would parse again: refused in both forms.
        QTest::newRow("bash -c") << u"bash -c 'notify {failedHost}'"_s << u"parsed again as code by bash -c"_s;
        QTest::newRow("sh via path") << u"/bin/sh -c \"x {failureDescription}\""_s << u"parsed again as code by sh -c"_s;
        QTest::newRow("env sh -c") << u"env X=1 sh -c 'x {failedHost}'"_s << u"by sh -c"_s;
        QTest::newRow("timeout bash -c") << u"timeout 5 bash -c 'x {failedHost}'"_s << u"by bash -c"_s;
        QTest::newRow("sudo sh -c") << u"sudo -u root sh -c 'x {failedHost}'"_s << u"by sh -c"_s;
        QTest::newRow("sudo -i") << u"sudo -i notify {failedHost}"_s << u"by sudo -i"_s;
        QTest::newRow("busybox sh") << u"busybox sh -c 'x {failedHost}'"_s << u"by sh -c"_s;
        QTest::newRow("ssh") << u"ssh proxy1 update-master {successorHost}"_s << u"by ssh"_s;
        QTest::newRow("python3 -c") << u"python3 -c 'print(\"{failedHost}\")'"_s << u"by python3 -c"_s;
        QTest::newRow("perl -e") << u"perl -e 'print q({failedHost})'"_s << u"by perl -e"_s;
        QTest::newRow("awk program") << u"awk 'BEGIN{print \"{failedHost}\"}'"_s << u"by awk"_s;
        QTest::newRow("eval, shell form") << u"eval echo {failedHost} >> /tmp/x"_s << u"by eval"_s;
        QTest::newRow("ssh, shell form") << u"ssh proxy \"update {failedHost}\" >> /tmp/log"_s << u"by ssh"_s;
        QTest::newRow("sh -c, shell form") << u"sh -c \"echo {failedHost}\" >> /tmp/log"_s << u"by sh -c"_s;
        QTest::newRow("pipe into sh") << u"echo {failedHost} | sh"_s << u"sh reading a pipe"_s;
        QTest::newRow("pipe into bash") << u"echo {failedHost} | /bin/bash -s >> /tmp/x"_s << u"reading a pipe"_s;
        // Where single quoting cannot be sure to hold.
        QTest::newRow("backquotes") << u"echo `echo {failedHost}` >> /tmp/x"_s << u"inside backquotes"_s;
        QTest::newRow("parameter expansion") << u"echo ${X:-{failedHost}} >> /tmp/x"_s << u"inside ${...}"_s;
        QTest::newRow("ansi quotes") << u"echo $'{failedHost}' >> /tmp/x"_s << u"inside $'...'"_s;
        QTest::newRow("comment") << u"echo x >> /tmp/x # {failedHost}"_s << u"inside a # comment"_s;
        QTest::newRow("here-document") << u"cat >> /tmp/x <<EOF\n{failedHost}\nEOF"_s << u"here-document"_s;
        QTest::newRow("case") << u"case x in x) echo {failedHost};; esac >> /tmp/x"_s << u"case statement"_s;
    }

    void refused()
    {
        QFETCH(QString, line);
        QFETCH(QString, why);
        const auto c = HookCommand::parse(line);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().contains(why), qPrintable(c.error()));
    }

    void shellFormIsDetected_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("shell");
        QTest::newRow("argv") << u"/usr/local/bin/notify --host {failedHost}"_s << false;
        QTest::newRow("argv with quoted syntax") << u"notify '>> a; b | c $d'"_s << false;
        QTest::newRow("script file argument") << u"python3 /usr/local/bin/notify.py {failedHost}"_s << false;
        QTest::newRow("redirect") << u"echo {failedHost} >> /tmp/log"_s << true;
        QTest::newRow("pipe") << u"echo {failedHost} | logger -t arbor"_s << true;
        QTest::newRow("semicolon") << u"echo x; echo {failedHost}"_s << true;
        QTest::newRow("and") << u"true && echo {failedHost}"_s << true;
        QTest::newRow("variable") << u"echo $HOME {failedHost}"_s << true;
        QTest::newRow("command substitution") << u"echo \"$(date +%s.%N) {failureType}\""_s << true;
        QTest::newRow("sh -c after ;") << u"sh -c 'reload'; echo {failedHost} >> /tmp/x"_s << true;
    }

    void shellFormIsDetected()
    {
        QFETCH(QString, line);
        QFETCH(bool, shell);
        const auto c = HookCommand::parse(line);
        QVERIFY_RESULT(c);
        QCOMPARE(c->usesShell(), shell);
    }

    void quotingByContext()
    {
        const QHash<QString, QString> v{{u"failedHost"_s, u"a'b"_s}};
        auto script = [&](const QString &line) { return HookCommand::parse(line)->expand(v).at(2); };
        QCOMPARE(script(u"echo {failedHost} >> f"_s), u"echo 'a'\\''b' >> f"_s);
        QCOMPARE(script(u"echo 'x {failedHost} y' >> f"_s), u"echo 'x a'\\''b y' >> f"_s);
        QCOMPARE(script(u"echo \"x {failedHost} y\" >> f"_s), u"echo \"x \"'a'\\''b'\" y\" >> f"_s);
        QCOMPARE(HookCommand::parse(u"echo {failedHost} >> f"_s)->expand(v).mid(0, 2), (QStringList{u"/bin/sh"_s, u"-c"_s}));
    }

    void orchestratorSampleHooksRun()
    {
        // orchestrator's sample hook lines, writing to this test's folder instead of /tmp/recovery.log.
        const QString log = m_dir.filePath(u"recovery.log"_s);
        const QStringList lines{
            u"echo 'Detected {failureType} on {failureCluster}. Affected replicas: {countSlaves}' >> /tmp/recovery.log"_s,
            u"echo 'Will recover from {failureType} on {failureCluster}' >> /tmp/recovery.log"_s,
            u"echo '(for all types) Recovered from {failureType} on {failureCluster}. Failed: {failedHost}:{failedPort}; Successor: {successorHost}:{successorPort}' >> /tmp/recovery.log"_s,
            u"echo 'Planned takeover complete' >> /tmp/recovery.log"_s,
        };
        HookContext ctx;
        ctx.failureType = u"DeadMaster"_s;
        ctx.clusterName = u"db1:3306"_s;
        ctx.failed = InstanceKey(u"db1"_s, 3306);
        ctx.successor = InstanceKey(u"db2"_s, 3306);
        ctx.replicas = {InstanceKey(u"db2"_s, 3306), InstanceKey(u"db3"_s, 3306)};
        for (QString line : lines) {
            line.replace(u"/tmp/recovery.log"_s, log);
            const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s, line, ctx, 10);
            QVERIFY2(r.ok(), qPrintable(r.error + r.output));
        }
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()),
                 u"Detected DeadMaster on db1:3306. Affected replicas: 2\n"
                 "Will recover from DeadMaster on db1:3306\n"
                 "(for all types) Recovered from DeadMaster on db1:3306. Failed: db1:3306; Successor: db2:3306\n"
                 "Planned takeover complete\n"_s);
    }

    void commandSubstitutionAndAppend()
    {
        const QString log = m_dir.filePath(u"failover.log"_s);
        const QString line = u"echo \"$(date +%s.%N) {failureType} {failedHost}\" >> "_s + log;
        const HookContext ctx = hostileContext(u"db1"_s);
        QVERIFY(HookRunner::run(u"PostFailoverProcesses"_s, line, ctx, 10).ok());
        QVERIFY(HookRunner::run(u"PostFailoverProcesses"_s, line, ctx, 10).ok());
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList got = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(got.size(), 2);
        for (const QString &l : got) {
            const QStringList words = l.split(u' ');
            QCOMPARE(words.size(), 3);
            bool number = false;
            QVERIFY2(words.at(0).toDouble(&number) > 1.6e9 && number, qPrintable(l));
            QCOMPARE(words.mid(1), (QStringList{u"DeadMaster"_s, u"db1"_s}));
        }
    }

    void hostileValuesInEveryPlaceholderExecuteNothing()
    {
        const QString marker = m_dir.filePath(u"pwned-shell"_s);
        const QString out = m_dir.filePath(u"out"_s);
        const QString t = u"touch "_s + marker;
        const QString hostile = u"x';%1;'\"$(%1)\"`%1`;%1\n%1 $(%1) \\'; %1 #\"; %1; echo '{failedPort}"_s.arg(t);
        // Every placeholder in every quoting context the shell form allows.
        const QStringList contexts{u"printf '%s|' {P} >> OUT"_s, u"printf '%s|' 'a {P} b' >> OUT"_s,
                                   u"printf '%s|' \"a {P} b\" >> OUT"_s, u"printf '%s|' \"$(printf %s {P})\" >> OUT"_s,
                                   u"printf '%s|' \"$(printf %s \"{P}\")\" >> OUT"_s, u"X={P}; printf '%s|' \"$X\" >> OUT"_s};
        const QStringList expected{hostile, u"a "_s + hostile + u" b"_s, u"a "_s + hostile + u" b"_s, hostile, hostile, hostile};
        for (const QString &name : HookCommand::placeholderNames()) {
            for (qsizetype i = 0; i < contexts.size(); ++i) {
                QString line = contexts.at(i);
                line.replace(u"{P}"_s, u'{' + name + u'}').replace(u"OUT"_s, out);
                const auto parsed = HookCommand::parse(line);
                QVERIFY2(parsed.ok() && parsed->usesShell(), qPrintable(parsed.error()));
                QHash<QString, QString> values;
                for (const QString &n : HookCommand::placeholderNames())
                    values.insert(n, hostile);
                QFile::remove(out);
                QProcess sh;
                sh.start(u"/bin/sh"_s, parsed->expand(values).mid(1));
                QVERIFY(sh.waitForFinished(10000));
                QFile f(out);
                QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(line));
                // The value arrived whole, byte for byte, and ran nothing.
                QCOMPARE(QString::fromUtf8(f.readAll()), expected.at(i) + u'|');
                QVERIFY2(!QFile::exists(marker), qPrintable(line));
            }
        }
        // And through the runner, with a context whose every text field is hostile.
        HookContext ctx = hostileContext(hostile);
        ctx.failureType = ctx.instanceType = ctx.command = ctx.clusterAlias = ctx.clusterDomain = ctx.arborHost = hostile;
        ctx.recoveryUid = ctx.successorAlias = ctx.successorBinlogCoordinates = hostile;
        QString line = u"echo {failedHost} '{failureType}' \"{failureDescription} {successorAlias}\" >> "_s + out;
        QVERIFY(HookRunner::run(u"PreFailoverProcesses"_s, line, ctx, 10).ok());
        QVERIFY(!QFile::exists(marker));
    }

    void environmentIsScrubbed()
    {
        arbor::core::SecretValues::remember(u"remembered-pw-1"_s);
        qputenv("ARBOR_TOPOLOGY_PASSWORD", "topology-pw-1");
        qputenv("ARBOR_BACKEND_PASSWORD", "backend-pw-1");
        qputenv("ARBOR_API_PASSWORD", "api-pw-1");
        qputenv("ARBOR_TOPOLOGY_USER", "arbor");
        qputenv("DEPLOY_SECRET", "deploy-secret-1");
        qputenv("INNOCENT_NAME", "remembered-pw-1");
        qputenv("ORC_FAILED_HOST", "stale");
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s, u"/usr/bin/env"_s, hostileContext(u"db9"_s), 10);
        for (const char *name : {"ARBOR_TOPOLOGY_PASSWORD", "ARBOR_BACKEND_PASSWORD", "ARBOR_API_PASSWORD", "ARBOR_TOPOLOGY_USER",
                                 "DEPLOY_SECRET", "INNOCENT_NAME"})
            qunsetenv(name);
        qunsetenv("ORC_FAILED_HOST");
        QVERIFY2(r.ok(), qPrintable(r.error));
        for (const QString &leak : {u"topology-pw-1"_s, u"backend-pw-1"_s, u"api-pw-1"_s, u"deploy-secret-1"_s,
                                    u"remembered-pw-1"_s, u"ARBOR_TOPOLOGY_USER"_s, u"=stale"_s})
            QVERIFY2(!r.output.contains(leak), qPrintable(leak));
        QVERIFY(r.output.contains(u"ORC_FAILED_HOST=db9\n"_s));
        QVERIFY(r.output.contains(u"ARBOR_FAILED_HOST=db9\n"_s));
        QVERIFY(r.output.contains(u"PATH="_s));
    }

    void outputIsRedacted()
    {
        arbor::core::SecretValues::remember(u"hunter2-replication"_s);
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s, u"echo 'pw=hunter2-replication!'"_s, HookContext{}, 10);
        QVERIFY(r.ok());
        QCOMPARE(r.output, u"pw=<redacted>!\n"_s);
    }

    void leftoversOfAHookAreKilled()
    {
        // The hook exits at once, leaving a child in its process group.
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s, u"sh -c 'sleep 30 & echo $!'"_s, HookContext{}, 10);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.leftoversKilled, 1);
        const QString pid = r.output.section(u'\n', 0, 0).trimmed();
        QVERIFY(!pid.isEmpty());
        QVERIFY(arbor::testsupport::waitFor([&] { return !QFile::exists(u"/proc/"_s + pid); }, 3000));
        QVERIFY(r.output.contains(u"left 1 process(es) in its process group"_s));
    }

    void escapedProcessesAreNamed()
    {
        const QString ready = m_dir.filePath(u"escaped-ready"_s);
        const HookResult r = HookRunner::run(
            u"PostFailoverProcesses"_s,
            u"sh -c 'setsid sh -c \"echo \\$\\$ > %1; exec sleep 30\" & while [ ! -s %1 ]; do :; done'"_s.arg(ready), HookContext{}, 10);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QFile f(ready);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString pid = QString::fromUtf8(f.readAll()).trimmed();
        QCOMPARE(r.escaped.size(), 1);
        QVERIFY2(r.escaped.first().startsWith(pid + u" ("_s), qPrintable(r.escaped.join(u',')));
        QVERIFY(r.output.contains(u"left its process group (setsid)"_s));
        ::kill(pid.toInt(), SIGKILL);
    }

    void detachedHooksHaveTheTimeoutToo()
    {
        const QString pidFile = m_dir.filePath(u"detached-pid"_s);
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s,
                                             u"sh -c 'echo $$ > %1; exec sleep 30' &"_s.arg(pidFile), HookContext{}, 1);
        QVERIFY(r.ok());
        QVERIFY(arbor::testsupport::waitFor([&] { return QFileInfo(pidFile).size() > 0; }, 5000));
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString pid = QString::fromUtf8(f.readAll()).trimmed();
        QVERIFY(QFile::exists(u"/proc/"_s + pid));
        QVERIFY(arbor::testsupport::waitFor([&] { return !QFile::exists(u"/proc/"_s + pid); }, 5000));
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
        // The hook ends by touching the marker 2 s after it starts: run() returned before that (no
        // marker yet), and the hook went on in the background (the marker comes).
        const HookResult r = HookRunner::run(u"PostFailoverProcesses"_s,
                                             u"sh -c 'sleep 2; touch \"$0\"' %1 &"_s.arg(marker), HookContext{}, 10);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.detached);
        QVERIFY(!QFile::exists(marker));
        QVERIFY(arbor::testsupport::waitFor([&] { return QFile::exists(marker); }, 8000));
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
