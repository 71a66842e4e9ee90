// The promotion rules editor, offscreen: one row per known server (and per server with a stored rule),
// bulk edits of a selection staged until Save, import and export in the format of the real
// `arbor promotion-rules --json`, bad files refused whole, unsaved edits not dropped silently.
#include "resultassert.h"
#include "model/topologystate.h"
#include "promotion/promotionruleseditor.h"
#include "core/recovery/promotionrulesjson.h"
#include "store/store.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;

namespace {
Instance server(int port, int sourcePort, const QString &dc)
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, port);
    i.version = u"10.11.6-MariaDB-log"_s;
    i.flavour = Flavour::MariaDB;
    i.lastCheckValid = true;
    i.lastChecked = i.lastSeen = QDateTime::currentDateTimeUtc();
    i.logBin = true;
    i.logReplicaUpdates = true;
    i.dataCenter = dc;
    if (sourcePort > 0) {
        ReplicationState r;
        r.sourceKey = InstanceKey(u"127.0.0.1"_s, sourcePort);
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        i.replication = r;
        i.readOnly = true;
    }
    return i;
}

InstanceKey key(int port)
{
    return InstanceKey(u"127.0.0.1"_s, port);
}

struct Run
{
    int code = -1;
    QByteArray out;
    QString err;
};

Run runArbor(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(ARBOR_BINARY), arguments);
    if (!p.waitForFinished(30000))
        p.kill();
    return {p.exitCode(), p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
}

// Orders as the store does and drops "Active" only when asked; otherwise the CLI's bytes.
QJsonArray parsed(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}
} // namespace

class TestPromotionRulesEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TopologyState m_state;

    QString storePath(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // One cluster of three: 3306 master (dc-east), 3307 and 3308 replicas (dc-east, dc-west).
        m_state.update(server(3306, 0, u"dc-east"_s));
        m_state.update(server(3307, 3306, u"dc-east"_s));
        m_state.update(server(3308, 3306, u"dc-west"_s));
    }

    void rowsBulkEditSaveAndExportMatchTheCli()
    {
        Store store(StoreOptions::sqlite(storePath(u"a.sqlite3"_s)));
        QVERIFY(store.open().ok());
        // A rule for a server the topology does not know (decommissioned, or not discovered yet).
        QVERIFY(store.setPromotionRule({key(4000), PromotionRule::MustNot, {}, QDateTime::currentDateTimeUtc()}).ok());

        PromotionRulesEditor editor(&m_state, &store);
        editor.show();
        QTableWidget *table = editor.table();
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, PromotionRulesEditor::ServerColumn)->text(), u"127.0.0.1:3306"_s);
        QCOMPARE(table->item(0, PromotionRulesEditor::DataCenterColumn)->text(), u"dc-east"_s);
        QCOMPARE(table->item(2, PromotionRulesEditor::DataCenterColumn)->text(), u"dc-west"_s);
        QCOMPARE(table->item(0, PromotionRulesEditor::RuleColumn)->text(), u"neutral"_s);
        QCOMPARE(table->item(0, PromotionRulesEditor::ClusterColumn)->text(), u"127.0.0.1:3306"_s);
        QCOMPARE(table->item(3, PromotionRulesEditor::RuleColumn)->text(), u"must_not"_s);
        QVERIFY(table->item(3, PromotionRulesEditor::StatusColumn)->text().contains(u"not in the topology"_s));
        QVERIFY(!editor.saveButton()->isEnabled());

        // Bulk edit through the controls: select two, prefer for 8 hours, Apply.
        editor.selectServers({key(3307), key(3308)});
        auto *rule = editor.findChild<QComboBox *>(u"ruleBox"_s);
        auto *expiry = editor.findChild<QComboBox *>(u"expiryBox"_s);
        auto *apply = editor.findChild<QPushButton *>(u"applyButton"_s);
        QVERIFY(rule && expiry && apply);
        QCOMPARE(apply->text(), u"Apply to 2 selected"_s);
        rule->setCurrentIndex(rule->findText(u"prefer"_s));
        expiry->setCurrentIndex(expiry->findData(8 * 3600));
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(editor.pendingCount(), 2);
        QVERIFY(table->item(1, PromotionRulesEditor::StatusColumn)->text().startsWith(u"* unsaved"_s));
        QVERIFY(table->item(1, PromotionRulesEditor::ServerColumn)->font().bold());
        QCOMPARE(store.readPromotionRules()->size(), 1); // staged, not written
        QVERIFY(editor.saveButton()->isEnabled());

        // The filter hides rows, and hidden rows are not edited by a bulk apply.
        editor.filterBox()->setText(u"dc-west"_s);
        QCOMPARE(table->isRowHidden(1), true);
        QCOMPARE(table->isRowHidden(2), false);
        table->selectAll();
        QCOMPARE(editor.selectedServers(), QList<InstanceKey>{key(3308)});
        QCOMPARE(editor.applyToSelection(PromotionRule::MustNot, {}), 1);
        editor.filterBox()->clear();
        QCOMPARE(editor.entry(key(3307))->rule, PromotionRule::Prefer);
        QCOMPARE(editor.entry(key(3308))->rule, PromotionRule::MustNot);

        QSignalSpy saved(&editor, &PromotionRulesEditor::rulesSaved);
        QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().value<QList<PromotionRuleEntry>>().size(), 2);
        QCOMPARE(editor.pendingCount(), 0);
        const auto rules = store.readPromotionRules();
        QVERIFY(rules.ok());
        QCOMPARE(rules->size(), 3);
        QCOMPARE(rules->at(0).key, key(3307));
        QCOMPARE(rules->at(0).rule, PromotionRule::Prefer);
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(rules->at(0).expiresAt);
        QVERIFY2(left > 8 * 3600 - 60 && left <= 8 * 3600, qPrintable(QString::number(left)));
        QCOMPARE(rules->at(1).rule, PromotionRule::MustNot);
        QVERIFY(!rules->at(1).expiresAt.isValid());

        // Export reads exactly like the real CLI's dump of the same store.
        const QString exported = m_dir.filePath(u"exported.json"_s);
        const auto n = editor.exportFile(exported);
        QVERIFY_RESULT(n);
        QCOMPARE(n.value(), 3);
        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray ours = f.readAll();
        const Run cli = runArbor({u"promotion-rules"_s, u"--json"_s, u"--store"_s, storePath(u"a.sqlite3"_s)});
        QVERIFY2(cli.code == 0, qPrintable(cli.err));
        QCOMPARE(parsed(ours), parsed(cli.out));

        // Picking one server starts the bulk controls from its rule.
        editor.selectServers({key(3308)});
        QCOMPARE(rule->currentText(), u"must_not"_s);

        // Neutral without expiry removes the stored row (the store's meaning of "no rule").
        editor.selectServers({key(4000)});
        editor.applyToSelection(PromotionRule::Neutral, {});
        QVERIFY(editor.save().ok());
        QCOMPARE(store.readPromotionRules()->size(), 2);
        QCOMPARE(table->rowCount(), 3); // the unknown server had only its rule
    }

    void importsTheCliDumpAndRefusesBadFilesWhole()
    {
        // Rules set and dumped by the real CLI in one store...
        const QString source = storePath(u"cli.sqlite3"_s);
        QCOMPARE(runArbor({u"promotion-rule"_s, u"127.0.0.1:3306"_s, u"prefer_not"_s, u"--store"_s, source}).code, 0);
        QCOMPARE(runArbor({u"promotion-rule"_s, u"127.0.0.1:3308"_s, u"must"_s, u"--expire"_s, u"2h"_s, u"--store"_s, source}).code, 0);
        const Run dump = runArbor({u"promotion-rules"_s, u"--json"_s, u"--store"_s, source});
        QVERIFY2(dump.code == 0, qPrintable(dump.err));
        const QString file = m_dir.filePath(u"dump.json"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(dump.out);
        f.close();

        // ... import into the editor of another: staged, then saved, then the CLI reads the same back.
        const QString target = storePath(u"b.sqlite3"_s);
        Store store(StoreOptions::sqlite(target));
        QVERIFY(store.open().ok());
        PromotionRulesEditor editor(&m_state, &store);
        const auto imported = editor.importFile(file);
        QVERIFY_RESULT(imported);
        QCOMPARE(imported.value(), 2);
        QCOMPARE(editor.pendingCount(), 2);
        QVERIFY(editor.messageLabel()->text().contains(u"2 change(s) staged"_s));
        QCOMPARE(editor.entry(key(3308))->rule, PromotionRule::Must);
        QVERIFY(editor.save().ok());
        const Run back = runArbor({u"promotion-rules"_s, u"--json"_s, u"--store"_s, target});
        QCOMPARE(parsed(back.out), parsed(dump.out));

        // A file with one bad entry changes nothing at all and says which entry and why.
        QJsonArray bad = parsed(dump.out);
        QJsonObject third{{u"Hostname"_s, u"127.0.0.1"_s}, {u"Port"_s, 3307}, {u"PromotionRule"_s, u"always"_s}, {u"ExpiresAt"_s, u""_s}};
        bad.prepend(QJsonObject{{u"Hostname"_s, u"127.0.0.1"_s}, {u"Port"_s, 3307}, {u"PromotionRule"_s, u"prefer"_s}, {u"ExpiresAt"_s, u""_s}});
        bad.append(third);
        const QString badFile = m_dir.filePath(u"bad.json"_s);
        QFile b(badFile);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(QJsonDocument(bad).toJson());
        b.close();
        const auto refused = editor.importFile(badFile);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(u"entry 4"_s) && refused.error().contains(u"'always' is not a promotion rule"_s),
                 qPrintable(refused.error()));
        QCOMPARE(editor.pendingCount(), 0);
        QVERIFY(!PromotionRulesJson::read("{\"not\": \"an array\"}").ok());
        QVERIFY(PromotionRulesJson::read("[{\"Hostname\":\"h;rm -rf /\",\"Port\":1,\"PromotionRule\":\"must\"}]").error().contains(u"entry 1"_s));
    }

    void unsavedEditsAreNotDroppedSilently()
    {
        Store store(StoreOptions::sqlite(storePath(u"c.sqlite3"_s)));
        QVERIFY(store.open().ok());
        PromotionRulesEditor editor(&m_state, &store);
        editor.show();
        editor.selectServers({key(3306)});
        editor.applyToSelection(PromotionRule::Prefer, {});
        QString asked;
        editor.setConfirmer([&asked](const QString &, const QString &text) {
            asked = text;
            return false;
        });
        editor.reject();
        QVERIFY(editor.isVisible());
        QVERIFY2(asked.contains(u"1 staged change"_s), qPrintable(asked));
        editor.setConfirmer([](const QString &, const QString &) { return true; });
        editor.reject();
        QVERIFY(!editor.isVisible());
        QVERIFY(store.readPromotionRules()->isEmpty());

        if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty()) {
            PromotionRulesEditor shown(&m_state, &store);
            QVERIFY(store.setPromotionRule({key(3308), PromotionRule::MustNot, {}, {}}).ok());
            QVERIFY(store.setPromotionRule({key(4000), PromotionRule::Prefer, QDateTime::currentDateTimeUtc().addSecs(-60), {}}).ok());
            shown.reload();
            shown.selectServers({key(3306), key(3307)});
            shown.applyToSelection(PromotionRule::Prefer, QDateTime::currentDateTimeUtc().addDays(1));
            shown.show();
            QVERIFY(QTest::qWaitForWindowExposed(&shown));
            QVERIFY(shown.grab().save(QDir(dir).filePath(u"promotion-rules.png"_s)));
        }
    }
};

QTEST_MAIN(TestPromotionRulesEditor)
#include "tst_promotionruleseditor.moc"
