// With no keychain (no Secret Service on the session bus), the desktop says so, cannot "remember" the
// password, and never writes it anywhere: the connection dialog's flow, a live window polling a real
// sandbox with that password, the store, the settings and an export are written into a private HOME,
// and then every file there is scanned for the password.
#include "resultassert.h"
#include "sandbox.h"

#include "connection/connectiondialog.h"
#include "connection/secretstore.h"
#include "widgets/export/snapshotexporter.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"
#include "settings/appsettings.h"
#include "store/store.h"

#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

namespace {
// Set before QApplication: a HOME of our own and a session bus address where nothing listens.
QTemporaryDir *home = nullptr;
const QString kPassword = u"Zq7-desk-Unique-passw0rd"_s;
} // namespace

class TestNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keychainIsUnavailableAndSaysSo()
    {
        const auto read = SecretStore::readPassword(u"default"_s);
        QCOMPARE(read.status, SecretStore::Status::Unavailable);
        QVERIFY2(read.message.contains(u"no system keychain"_s) && read.message.contains(u"never writes it to a file"_s),
                 qPrintable(read.message));
        // Writing does not fall back to a file either.
        QCOMPARE(SecretStore::writePassword(u"default"_s, kPassword).status, SecretStore::Status::Unavailable);
    }

    void passwordIsWrittenNowhere()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Chain, 2, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        QVERIFY(sandbox.execute(0, u"CREATE USER 'desk'@'%' IDENTIFIED BY '%1'"_s.arg(kPassword)).ok());
        QVERIFY(sandbox.execute(0, u"GRANT ALL ON *.* TO 'desk'@'%'"_s).ok());

        // The desktop's first start without a keychain (app/guimode.cpp's order of things).
        AppSettings settings(AppSettings::defaultFileName());
        QVERIFY2(settings.fileName().startsWith(home->path()), qPrintable(settings.fileName()));
        const auto probe = SecretStore::readPassword(u"(probe)"_s);
        QCOMPARE(probe.status, SecretStore::Status::Unavailable);
        ConnectionDialog dialog;
        dialog.setKeychainAvailable(false, probe.message);
        QCheckBox *remember = nullptr;
        const auto boxes = dialog.findChildren<QCheckBox *>();
        for (QCheckBox *b : boxes) {
            if (b->text().contains(u"keychain"_s))
                remember = b;
        }
        QVERIFY(remember);
        QVERIFY(!remember->isEnabled());
        QVERIFY(!remember->isChecked());
        QCOMPARE(remember->toolTip(), probe.message);
        const auto edits = dialog.findChildren<QLineEdit *>(Qt::FindDirectChildrenOnly);
        QVERIFY(edits.size() >= 4 && edits.at(3)->echoMode() == QLineEdit::Password);
        edits.at(0)->setText(u"prod"_s);
        QTest::keyClicks(edits.at(1), sandbox.key(0).toString());
        QTest::keyClicks(edits.at(2), u"desk"_s);
        QTest::keyClicks(edits.at(3), kPassword);
        QVERIFY(!dialog.rememberPassword());
        settings.saveConnection(dialog.profile());
        settings.setLastConnection(dialog.profile().name);
        settings.setKeychainWarningShown(true);
        QCOMPARE(dialog.password(), kPassword);

        // A session with that password: poll, store, log, export, close.
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(QDir().mkpath(dataDir));
        QVERIFY2(dataDir.startsWith(home->path()), qPrintable(dataDir));
        Store store(StoreOptions::sqlite(dataDir + u"/arbor.sqlite3"_s));
        QVERIFY(store.open().ok());
        PollerOptions o;
        o.probe.credentials = Credentials(dialog.profile().user, dialog.password());
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        {
            MainWindow window(&poller, &state, &store, &settings);
            window.show();
            poller.addInstance(sandbox.key(1));
            poller.start();
            QTRY_COMPARE_WITH_TIMEOUT(int(state.instances().size()), 2, 15000);
            QVERIFY(store.writeInstances(state.instances()).ok());
            // A failed poll's error goes to the log: make one (a wrong port) to be sure errors hold no secret.
            poller.addInstance(InstanceKey(u"127.0.0.1"_s, 1));
            QTRY_VERIFY_WITH_TIMEOUT(window.activityLog()->messages().join(u'\n').contains(u"127.0.0.1:1"_s), 15000);
            for (const auto format : {SnapshotExporter::Format::Json, SnapshotExporter::Format::Svg, SnapshotExporter::Format::Text}) {
                const QString file = home->filePath(u"export-%1"_s.arg(int(format)));
                QVERIFY(SnapshotExporter::write(window.scene(), format, {}, file).ok());
            }
            const QString log = window.activityLog()->messages().join(u'\n');
            QVERIFY(!log.contains(kPassword));
            window.close();
            poller.stop();
        }
        settings.sync();

        // Every file in HOME (settings, store, exports, anything QtKeychain might have dropped).
        const QByteArray utf8 = kPassword.toUtf8();
        const QByteArray utf16(reinterpret_cast<const char *>(kPassword.utf16()), kPassword.size() * 2);
        int scanned = 0;
        QDirIterator it(home->path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(utf8) && !bytes.contains(utf16), qPrintable(u"the password is in "_s + file));
            ++scanned;
        }
        QVERIFY2(scanned >= 5, qPrintable(QString::number(scanned))); // settings, store, 3 exports at least
        QVERIFY(QFile::exists(settings.fileName()));
        QFile ini(settings.fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray iniText = ini.readAll();
        QVERIFY2(iniText.contains("desk") && iniText.contains("prod"), iniText.constData()); // the profile is there...
        QVERIFY(!iniText.contains(utf8));                                                    // ...its password is not
    }
};

int main(int argc, char **argv)
{
    QTemporaryDir dir;
    home = &dir;
    const QByteArray path = dir.path().toUtf8();
    qputenv("HOME", path);
    qputenv("XDG_CONFIG_HOME", path + "/.config");
    qputenv("XDG_DATA_HOME", path + "/.local/share");
    qputenv("XDG_CACHE_HOME", path + "/.cache");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + path + "/no-session-bus");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"arbor"_s);
    TestNoKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_nokeychain.moc"
