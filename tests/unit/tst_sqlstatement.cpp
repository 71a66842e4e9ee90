// SqlStatement, the one redaction point for statements that leave the process: secrets are held
// apart, shown as <redacted> everywhere but on the wire, and scrubbed from server messages that echo
// the statement. Plans made with configured replication credentials never show the password.
#include "syntheticfacts.h"
#include "dialect/dialect.h"
#include "dialect/sqlstatement.h"
#include "ops/operationrunner.h"

#include <QTest>

#include <type_traits>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

// No silent way from a statement to text: every rendering says which one it means.
static_assert(!std::is_convertible_v<SqlStatement, QString>);

namespace {
const QString kSecret = u"Tr0ub4dor&3-'q"_s;

Instance server(int port, int sourcePort = 0)
{
    Instance i = SyntheticFacts::plannedServer(port, sourcePort);
    if (i.replication)
        i.replication->sourceUser = u"repl"_s;
    return i;
}
} // namespace

class TestSqlStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainStatementIsItsText()
    {
        const SqlStatement s(u"STOP SLAVE"_s);
        QCOMPARE(s.toString(), u"STOP SLAVE"_s);
        QCOMPARE(s.textForServer(), u"STOP SLAVE"_s);
        QVERIFY(!s.hasSecrets());
        QVERIFY(SqlStatement().isEmpty());
        QVERIFY(SqlStatement(QString()).isEmpty());
    }

    void secretIsRedactedEverywhereButOnTheWire()
    {
        Dialect::ChangeSource c;
        c.source = InstanceKey(u"db1"_s, 3306);
        c.user = u"repl"_s;
        c.password = kSecret;
        for (const QString &version : {u"10.11.6-MariaDB"_s, u"5.7.44"_s, u"8.4.0"_s}) {
            const SqlStatement s = Dialect::forServer(version, {}).changeSourceStatement(c);
            QVERIFY(s.hasSecrets());
            const QString shown = s.toString();
            QVERIFY2(!shown.contains(u"Tr0ub4dor"_s), qPrintable(shown));
            QVERIFY2(shown.contains(u"_PASSWORD=<redacted>, "_s), qPrintable(shown));
            QVERIFY2(s.textForServer().contains(Dialect::quoteString(kSecret)), qPrintable(s.textForServer()));
            // Only the secret differs.
            QCOMPARE(s.textForServer().replace(Dialect::quoteString(kSecret), u"<redacted>"_s), shown);
        }
    }

    void serverMessagesAreScrubbed()
    {
        Dialect::ChangeSource c;
        c.source = InstanceKey(u"db1"_s, 3306);
        c.user = u"repl"_s;
        c.password = kSecret;
        const SqlStatement s = Dialect::forServer(u"10.11.6-MariaDB"_s, {}).changeSourceStatement(c);
        // What a server says on a syntax error: the statement from the failing token on.
        const QString echoed = u"You have an error in your SQL syntax; check the manual near '"_s
                               + s.textForServer().mid(s.textForServer().indexOf(u"MASTER_PASSWORD"_s)) + u"' at line 1"_s;
        const QString scrubbed = s.redact(echoed);
        QVERIFY2(!scrubbed.contains(u"Tr0ub4dor"_s), qPrintable(scrubbed));
        QVERIFY(scrubbed.contains(u"MASTER_PASSWORD=<redacted>"_s));
        // The bare value, however the server quotes it.
        QVERIFY(!s.redact(u"password \"%1\" rejected"_s.arg(kSecret)).contains(u"Tr0ub4dor"_s));
        QCOMPARE(SqlStatement(u"STOP SLAVE"_s).redact(u"error 1045"_s), u"error 1045"_s);
    }

    void plansNeverShowThePassword()
    {
        OperationOptions options;
        options.replicationUser = u"repl"_s;
        options.replicationPassword = kSecret;
        const QList<Instance> facts{server(1), server(2, 1), server(3, 1), server(4, 2)};
        for (OperationKind kind : {OperationKind::Relocate, OperationKind::Repoint, OperationKind::MakeCoMaster,
                                   OperationKind::DisableGtid, OperationKind::TakeMaster}) {
            OperationRequest request{kind, InstanceKey(u"db"_s, kind == OperationKind::MakeCoMaster ? 2 : 4),
                                     kind == OperationKind::Relocate ? InstanceKey(u"db"_s, 3) : InstanceKey(), {}};
            const OperationPlan plan = OperationRunner::plan(facts, request, options);
            QVERIFY2(!plan.toText().contains(u"Tr0ub4dor"_s), qPrintable(plan.toText()));
            for (const OperationPlan::Step &step : plan.steps)
                QVERIFY2(!step.sql.contains(u"Tr0ub4dor"_s), qPrintable(step.sql));
        }
    }
};

QTEST_APPLESS_MAIN(TestSqlStatement)
#include "tst_sqlstatement.moc"
