// One write path to the servers: a statement that changes a server (CHANGE MASTER, START/STOP
// SLAVE, RESET, SET GLOBAL, ...) is written or built only in core/ops and core/recovery (with the
// statement texts themselves in core/dialect). This scans the sources: a new copy elsewhere (such as
// the window's old ServerActionRunner, which sent Dialect's START SLAVE past the cluster lock, the
// legality check and the audit) fails here with the file and line.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestOneWritePath : public QObject
{
    Q_OBJECT

    static QString root() { return QStringLiteral(ARBOR_TEST_DATA_DIR "/../.."); }

    // Where writes may be built: the operation and recovery engines, the dialect that spells them.
    static bool allowed(const QString &relative)
    {
        return relative.startsWith(u"core/ops/"_s) || relative.startsWith(u"core/recovery/"_s)
               || relative.startsWith(u"core/dialect/"_s);
    }

    // A string literal that starts like a statement changing a server, or a call to one of the
    // dialect's builders of such statements.
    static QStringList findings(const QString &text)
    {
        // Plain string literals, not raw ones: moc reads this file too.
        static const QRegularExpression literal(
            u"\"\\s*(CHANGE\\s+MASTER|CHANGE\\s+REPLICATION\\s+SOURCE|START\\s+SLAVE|START\\s+REPLICA|STOP\\s+SLAVE|"
            "STOP\\s+REPLICA|RESET\\s+SLAVE|RESET\\s+REPLICA|RESET\\s+MASTER|RESET\\s+BINARY|"
            "SET\\s+GLOBAL\\s+[\\w%.]+\\s*=|SET\\s+@@GLOBAL\\.[\\w%]+\\s*=|PURGE\\s+BINARY|KILL\\s)[^\"]*\""_s);
        static const QRegularExpression builder(
            u"\\b(changeSourceStatement|startReplicaStatement|stopReplicaStatement|resetReplicaAllStatement|"
            "setReadOnlyStatement|startReplicaUntilStatement)\\s*\\("_s);
        QStringList out;
        const QStringList lines = text.split(u'\n');
        for (int n = 0; n < lines.size(); ++n) {
            for (const QRegularExpression *re : {&literal, &builder}) {
                auto m = re->match(lines.at(n));
                if (m.hasMatch())
                    out << u"line %1: %2"_s.arg(n + 1).arg(m.captured(0));
            }
        }
        return out;
    }

private Q_SLOTS:
    void detectorSeesWrites()
    {
        // The scan must be able to fail: the statements and builders it exists to catch.
        QVERIFY(!findings(u"q.exec(u\"STOP SLAVE\"_s);"_s).isEmpty());
        QVERIFY(!findings(u"run(u\"SET GLOBAL read_only = 1\"_s);"_s).isEmpty());
        QVERIFY(!findings(u"const QString s = d.startReplicaStatement();"_s).isEmpty());
        QVERIFY(!findings(u"\"CHANGE MASTER TO MASTER_HOST='x'\""_s).isEmpty());
        // Prose that names a statement is not one.
        QVERIFY(findings(u"tr(\"grant what START SLAVE needs\")"_s).isEmpty());
        QVERIFY(findings(u"u\"SELECT @@read_only\"_s"_s).isEmpty());
        QVERIFY(findings(u"u\"SET GLOBAL read_only (promotion, demotion)\"_s"_s).isEmpty());
        QVERIFY(!findings(u"u\"SET @@GLOBAL.read_only=1\"_s"_s).isEmpty());
    }

    void onlyCoreOpsAndRecoveryWrite()
    {
        QStringList offenders;
        int scanned = 0;
        for (const QString &folder : {u"core"_s, u"widgets"_s, u"app"_s}) {
            QDirIterator it(root() + u'/' + folder, {u"*.cpp"_s, u"*.h"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString relative = QDir(root()).relativeFilePath(path);
                if (allowed(relative))
                    continue;
                QFile f(path);
                QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
                ++scanned;
                for (const QString &hit : findings(QString::fromUtf8(f.readAll())))
                    offenders << relative + u", "_s + hit;
            }
        }
        QVERIFY2(scanned > 100, qPrintable(u"only %1 files scanned under %2"_s.arg(scanned).arg(root())));
        QVERIFY2(offenders.isEmpty(), qPrintable(u"statements that change a server outside core/ops and core/recovery:\n"_s
                                                 + offenders.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestOneWritePath)
#include "tst_onewritepath.moc"
