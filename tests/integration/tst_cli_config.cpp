// `arbor config check|migrate` and `arbor --service --config` as a user runs them, through the real
// binary: orchestrator's sample keys load, typos and duplicates are errors naming the key, errors
// print as text, credentials files are checked, migrate writes a config that checks.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCliConfig : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_dir;

    static Run arbor(const QStringList &arguments)
    {
        QProcess p;
        p.start(QStringLiteral(ARBOR_BINARY), arguments);
        if (!p.waitForFinished(60000))
            p.kill();
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QString write(const QString &name, const QByteArray &content, bool isPrivate = true)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        f.close();
        f.setPermissions(isPrivate ? QFile::ReadOwner | QFile::WriteOwner
                                   : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        return path;
    }

    static QByteArray sample()
    {
        QFile f(QStringLiteral(ARBOR_TEST_DATA_DIR "/orchestrator-all-keys.conf.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyKeyOfOrchestratorsSamplesPasses()
    {
        const QByteArray json = sample();
        QVERIFY(!json.isEmpty());
        const Run r = arbor({u"config"_s, u"check"_s, write(u"orchestrator.conf.json"_s, json)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"error:"_s), qPrintable(r.err));
        QVERIFY2(r.out.contains(u"is valid"_s), qPrintable(r.out));
        QVERIFY2(r.err.contains(u"warning: PseudoGTIDPattern: orchestrator key not honoured by Arbor, ignored: "_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"warning: ConsulAddress: orchestrator key not honoured"_s), qPrintable(r.err));
        // Plaintext database passwords only from a file no one else can read.
        const Run open = arbor({u"config"_s, u"check"_s, write(u"readable.conf.json"_s, json, false)});
        QCOMPARE(open.code, 1);
        QVERIFY2(open.err.contains(u"error: MySQLTopologyPassword: a password in a config file that other users can read"_s),
                 qPrintable(open.err));
    }

    void misspeltKeyIsAnErrorInCheckAndAtStart()
    {
        const QString path = write(u"typo.json"_s, R"({"backend": {"sqliteFile": "/tmp/x.sqlite3"}, "PreFailoverProcess": [],
            "topology": {"pollSecond": 5}, "RaftEnabled": false})");
        const Run r = arbor({u"config"_s, u"check"_s, path});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"error: PreFailoverProcess: unknown key; did you mean PreFailoverProcesses?\n"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"error: topology.pollSecond: unknown key; did you mean pollSeconds?\n"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"warning: RaftEnabled: orchestrator key not honoured"_s), qPrintable(r.err));

        const Run service = arbor({u"--service"_s, u"--config"_s, path});
        QCOMPARE(service.code, 2);
        QVERIFY2(service.err.contains(u"\n  PreFailoverProcess: unknown key; did you mean PreFailoverProcesses?\n"_s), qPrintable(service.err));
        // Each error line is text, not a pointer value streamed in front of it.
        QVERIFY2(!QRegularExpression(u"0x[0-9a-f]{6,}"_s).match(service.err).hasMatch(), qPrintable(service.err));
    }

    void duplicateKeyIsAnError()
    {
        const Run r = arbor({u"config"_s, u"check"_s,
                             write(u"dup.json"_s, "{\n\"BackendDB\": \"sqlite\",\n\"SQLite3DataFile\": \"/tmp/a\",\n"
                                                  "\"InstancePollSeconds\": 1,\n\"InstancePollSeconds\": 5\n}")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"error: InstancePollSeconds: the key is given twice in one object (lines 4 and 5)"_s), qPrintable(r.err));
    }

    void credentialsFilesAreChecked()
    {
        const QString creds = write(u"topology.cnf"_s, "[client]\nuser=arbor\npassword=pw-for-test\n", false);
        const QByteArray json = "{\"backend\": {\"sqliteFile\": \"/tmp/x.sqlite3\"}, \"topology\": {\"credentialsFile\": \""
                                + creds.toUtf8() + "\"}, \"MySQLOrchestratorCredentialsConfigFile\": \"/nonexistent/b.cnf\"}";
        const Run r = arbor({u"config"_s, u"check"_s, write(u"creds.json"_s, json)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"error: topology.credentialsFile: credentials file %1 is readable by other users"_s.arg(creds)),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"backend.credentialsFile"_s), "the SQLite backend reads no backend credentials");
        QVERIFY(!r.err.contains(u"pw-for-test"_s));
        QFile::setPermissions(creds, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(arbor({u"config"_s, u"check"_s, m_dir.filePath(u"creds.json"_s)}).code, 0);
    }

    void globalOptionsBeforeTheVerb()
    {
        const QString store = m_dir.filePath(u"cli.sqlite3"_s);
        const Run help = arbor({u"--store"_s, store, u"relocate"_s, u"--help"_s});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.startsWith(u"Usage: arbor relocate"_s), qPrintable(help.out + help.err));
        const Run clusters = arbor({u"--store"_s, store, u"clusters"_s});
        QVERIFY2(!clusters.err.contains(u"no display"_s), qPrintable(clusters.err));
        QCOMPARE(clusters.code, 0);
        // Not a verb anywhere: still the desktop path (which says there is no display here).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"QT_QPA_PLATFORM"_s);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ARBOR_BINARY), {u"--store"_s, store});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(u"no display"_s));
    }

    void helpKeepsItsColumns()
    {
        const Run r = arbor({u"--help"_s});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.section(u"Commands:\n"_s, 1).section(u"\n\n"_s, 0, 0).split(u'\n');
        QVERIFY(lines.size() > 30);
        qsizetype column = -1;
        for (const QString &line : lines) {
            const auto m = QRegularExpression(u"^  (\\S+)( {2,})\\S"_s).match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line)); // "move-up-replicasMove every..." would not match
            const qsizetype at = m.capturedEnd(2);
            QVERIFY2(column < 0 || at == column, qPrintable(line));
            column = at;
        }
    }

    void migrateWritesAConfigThatChecks()
    {
        QByteArray json = sample();
        json.replace("\"AuthenticationMethod\": \"\"", "\"AuthenticationMethod\": \"basic\"");
        json.replace("\"HTTPAuthUser\": \"\"", "\"HTTPAuthUser\": \"dba\"");
        json.replace("\"HTTPAuthPassword\": \"\"", "\"HTTPAuthPassword\": \"api-password-1\"");
        const Run r = arbor({u"config"_s, u"migrate"_s, write(u"orchestrator-basic.conf.json"_s, json)});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"dropped: PseudoGTIDPattern: Arbor moves replicas with GTID"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"dropped: RemoveTextFromHostnameDisplay: "_s), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"dropped: InstancePollSeconds"_s));
        QVERIFY(!r.out.contains(u"api-password-1"_s));
        QVERIFY(!r.err.contains(u"api-password-1"_s));
        const QJsonObject native = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(native.value(u"api"_s).toObject().value(u"users"_s).toArray().first().toObject().value(u"passwordHash"_s)
                    .toString().startsWith(u"pbkdf2-sha256$"_s));
        QCOMPARE(native.value(u"hooks"_s).toObject().value(u"PreFailoverProcesses"_s).toArray().first().toString(),
                 u"echo 'Will recover from {failureType} on {failureCluster}' >> /tmp/recovery.log"_s);
        const Run check = arbor({u"config"_s, u"check"_s, write(u"arbor.json"_s, r.out.toUtf8())});
        QVERIFY2(check.code == 0, qPrintable(check.err));
    }
};

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cli_config.moc"
