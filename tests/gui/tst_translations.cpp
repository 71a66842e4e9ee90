// The German build shows German: the compiled catalogue loads, the window, the charts and the tray
// speak German (plurals included), English gets its plural forms, and arbor_de.ts has no gaps.
#include "charts/chartspanel.h"
#include "charts/timechartview.h"
#include "history/historysampler.h"
#include "history/laghistory.h"
#include "i18n/translations.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"
#include "tray/traynotifier.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;

class TestTranslations : public QObject
{
    Q_OBJECT
    const QStringList m_dirs{QStringLiteral(ARBOR_QM_DIR)};

    static QString failureTitle(int servers)
    {
        TrayNotifier tray(nullptr, nullptr);
        for (int i = 0; i < servers; ++i)
            tray.notify({0, HistoryEvent::Kind::Unreachable, InstanceKey(u"db"_s + QString::number(i), 3306), {}});
        tray.flush();
        return tray.lastTitle();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { Translations::install(u"en"_s, m_dirs); }

    void catalogueIsComplete()
    {
        QFile ts(QStringLiteral(ARBOR_SOURCE_DIR "/translations/arbor_de.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"source"_s)
                source = xml.readElementText();
            else if (xml.name() == u"translation"_s) {
                ++messages;
                if (xml.attributes().value(u"type"_s) == u"unfinished"_s)
                    unfinished << source;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 400);
        QVERIFY2(unfinished.isEmpty(), qPrintable(u"untranslated: "_s + unfinished.join(u" | "_s)));
        QVERIFY(Translations::available(m_dirs).contains(u"de"_s));
    }

    void germanWindow()
    {
        QCOMPARE(Translations::install(u"de"_s, m_dirs), u"de"_s);
        PollerOptions o;
        Poller poller(o);
        TopologyState state;
        LagHistory history;
        MainWindow window(&poller, &state);
        window.attachHistory(&history, nullptr);
        window.show();
        QCOMPARE(window.windowTitle(), u"Arbor — Replikationstopologien"_s);
        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.contains(u"&Datei"_s) && menus.contains(u"&Ansicht"_s) && menus.contains(u"&Einstellungen"_s),
                 qPrintable(menus.join(u", "_s)));
        QStringList docks;
        for (QDockWidget *d : window.findChildren<QDockWidget *>())
            docks << d->windowTitle();
        QVERIFY2(docks.contains(u"Aktivität"_s) && docks.contains(u"Diagramme"_s), qPrintable(docks.join(u", "_s)));
        QCOMPARE(window.activityLog()->headerItem()->text(0), u"Zeit"_s);

        ChartsPanel *charts = window.charts();
        QCOMPARE(charts->tabs()->tabText(0), u"Verzögerung"_s);
        QCOMPARE(charts->tabs()->tabText(2), u"Abfragedauer"_s);
        QCOMPARE(charts->windowBox()->itemText(0), u"Letzte 5 Minuten"_s);
        QCOMPARE(charts->lagChart()->chart()->title(), u"Replikationsverzögerung je Server"_s);
        QCOMPARE(TimeChartView::eventLabel(HistoryEvent::Kind::Failover), u"Failover"_s);
        QCOMPARE(TimeChartView::eventLabel(HistoryEvent::Kind::ReplicationError), u"Replikationsfehler"_s);
        QCOMPARE(failureTitle(1), u"Ausfall auf 1 Server erkannt"_s);
        QCOMPARE(failureTitle(3), u"Ausfall auf 3 Servern erkannt"_s);
    }

    void englishPlurals()
    {
        QCOMPARE(Translations::install(u"en"_s, m_dirs), QString());
        QCOMPARE(failureTitle(1), u"Failure detected on 1 server"_s);
        QCOMPARE(failureTitle(2), u"Failure detected on 2 servers"_s);
        // A language without a catalogue stays English.
        QCOMPARE(Translations::install(u"ja"_s, m_dirs), QString());
        QCOMPARE(ChartsPanel::tr("Last hour"), u"Last hour"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
