// The installer: cpack builds the .deb and the .tar.gz from this build folder; the .deb declares the
// runtime packages its plugins need, holds the binary, translations, desktop entry, icons, AppStream
// metadata, systemd unit and docs; unpacked into a scratch root its arbor runs and says its version.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, const QString &dir = {}, int timeoutMs = 180000)
{
    QProcess p;
    if (!dir.isEmpty())
        p.setWorkingDirectory(dir);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = p.errorString();
        return r;
    }
    p.waitForFinished(timeoutMs);
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestPackage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_out;
    QString m_deb;
    QString m_tgz;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"dpkg-deb"_s).isEmpty())
            QSKIP("dpkg-deb is not installed");
        QVERIFY(m_out.isValid());
        // -B keeps cpack's staging and output out of the build folder, so parallel runs do not meet.
        const Run r = run(QStringLiteral(ARBOR_CPACK),
                          {u"--config"_s, QStringLiteral(ARBOR_BUILD_DIR "/CPackConfig.cmake"), u"-G"_s, u"DEB;TGZ"_s,
                           u"-B"_s, m_out.path()},
                          QStringLiteral(ARBOR_BUILD_DIR));
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QStringList debs = QDir(m_out.path()).entryList({u"*.deb"_s}, QDir::Files);
        const QStringList tgzs = QDir(m_out.path()).entryList({u"*.tar.gz"_s}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        QCOMPARE(tgzs.size(), 1);
        m_deb = m_out.filePath(debs.first());
        m_tgz = m_out.filePath(tgzs.first());
    }

    void debDeclaresItsRuntime()
    {
        const Run info = run(u"dpkg-deb"_s, {u"-I"_s, m_deb});
        QVERIFY2(info.code == 0, qPrintable(info.err));
        QVERIFY(info.out.contains(u"Package: arbor"_s));
        QVERIFY(info.out.contains(u"Version: " ARBOR_VERSION ""_s));
        const QString depends = info.out.section(u"Depends:"_s, 1).section(u'\n', 0, 0);
        // The SQL drivers and the keychain, charts and SVG runtime are loaded at run time or must be
        // named explicitly; shlibdeps adds Qt's core libraries.
        for (const QString &package : {u"libqt6sql6-mysql"_s, u"libqt6sql6-sqlite"_s, u"libqt6keychain1"_s,
                                       u"libqt6charts6"_s, u"libqt6svg6"_s, u"libqt6core6"_s, u"libc6"_s})
            QVERIFY2(depends.contains(package), qPrintable(package + u" missing from: "_s + depends));
        QVERIFY(info.out.contains(u"postinst"_s));
    }

    void debHoldsWhatADesktopAndAServiceNeed()
    {
        const Run list = run(u"dpkg-deb"_s, {u"-c"_s, m_deb});
        QVERIFY2(list.code == 0, qPrintable(list.err));
        for (const QString &path : {u"./usr/bin/arbor"_s, u"./usr/libexec/arbor/arbor-service"_s,
                                    u"./usr/share/applications/org.arbor-project.arbor.desktop"_s,
                                    u"./usr/share/metainfo/org.arbor-project.arbor.metainfo.xml"_s,
                                    u"./usr/share/icons/hicolor/scalable/apps/org.arbor-project.arbor.svg"_s,
                                    u"./usr/share/icons/hicolor/256x256/apps/org.arbor-project.arbor.png"_s,
                                    u"./usr/share/arbor/translations/arbor_de.qm"_s, u"./usr/lib/systemd/system/arbor.service"_s,
                                    u"./usr/share/doc/arbor/README.md"_s, u"./usr/share/doc/arbor/user-guide.md"_s,
                                    u"./usr/share/man/man1/arbor.1.gz"_s, u"./usr/share/bash-completion/completions/arbor"_s,
                                    u"./usr/share/doc/arbor/copyright"_s, u"./usr/share/doc/arbor/LICENSE"_s})
            QVERIFY2(list.out.contains(path), qPrintable(path + u" is not in the package"_s));
        QVERIFY(!list.out.contains(u"/usr/local/"_s));
    }

    void unpackedBinaryRuns()
    {
        QTemporaryDir root;
        const Run x = run(u"dpkg-deb"_s, {u"-x"_s, m_deb, root.path()});
        QVERIFY2(x.code == 0, qPrintable(x.err));
        const QString arbor = root.filePath(u"usr/bin/arbor"_s);
        QVERIFY(QFileInfo(arbor).isExecutable());
        const Run v = run(arbor, {u"--version"_s});
        QCOMPARE(v.code, 0);
        QCOMPARE(v.out.trimmed(), u"arbor " ARBOR_VERSION ""_s);
        // What `arbor --service` execs (found as ../libexec/arbor/arbor-service from usr/bin).
        const Run headless = run(root.filePath(u"usr/libexec/arbor/arbor-service"_s), {u"--version"_s});
        QCOMPARE(headless.out.trimmed(), u"arbor " ARBOR_VERSION " (headless service)"_s);
        // arbor(1), generated from the commands' --help: every command is in it, with its options.
        const Run man = run(u"gzip"_s, {u"-dc"_s, root.filePath(u"usr/share/man/man1/arbor.1.gz"_s)});
        QCOMPARE(man.code, 0);
        QVERIFY(man.out.startsWith(u".TH ARBOR 1"_s));
        for (const QString &part : {u".SS move-up-replicas"_s, u".SS relocate"_s, u"--below"_s, u".SS config"_s, u"--credentials"_s})
            QVERIFY2(man.out.contains(part), qPrintable(part));
        if (const QString manBinary = QStandardPaths::findExecutable(u"man"_s); !manBinary.isEmpty()) {
            const Run rendered = run(manBinary, {u"-l"_s, u"-Tutf8"_s, root.filePath(u"usr/share/man/man1/arbor.1.gz"_s)});
            QVERIFY2(rendered.code == 0 && rendered.out.contains(u"move-up-replicas"_s), qPrintable(rendered.err));
        }
        // The bash completion completes verbs and each verb's options.
        const QString completion = root.filePath(u"usr/share/bash-completion/completions/arbor"_s);
        auto complete = [&](const QString &words) {
            return run(u"bash"_s, {u"-c"_s, u"source '%1'; COMP_WORDS=(%2); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _arbor; "
                                             "echo \"${COMPREPLY[*]}\""_s.arg(completion, words)})
                .out.trimmed();
        };
        QCOMPARE(complete(u"arbor relo"_s), u"relocate relocate-replicas"_s);
        QVERIFY2(complete(u"arbor relocate --be"_s) == u"--below"_s, qPrintable(complete(u"arbor relocate --be"_s)));
        QVERIFY(complete(u"arbor --store x.db relocate --dry"_s).contains(u"--dry-run"_s));
        // The desktop entry names the binary and the icon that are installed.
        QFile desktop(root.filePath(u"usr/share/applications/org.arbor-project.arbor.desktop"_s));
        QVERIFY(desktop.open(QIODevice::ReadOnly));
        const QByteArray entry = desktop.readAll();
        QVERIFY(entry.contains("\nExec=arbor\n"));
        QVERIFY(entry.contains("\nIcon=org.arbor-project.arbor\n"));
        if (const QString validate = QStandardPaths::findExecutable(u"desktop-file-validate"_s); !validate.isEmpty())
            QCOMPARE(run(validate, {desktop.fileName()}).code, 0);
        // GPL-3.0-or-later (Qt Charts is GPL-3.0), said the same way in the metadata and the copyright.
        QFile metainfo(root.filePath(u"usr/share/metainfo/org.arbor-project.arbor.metainfo.xml"_s));
        QVERIFY(metainfo.open(QIODevice::ReadOnly));
        QVERIFY(metainfo.readAll().contains("<project_license>GPL-3.0-or-later</project_license>"));
        QFile copyright(root.filePath(u"usr/share/doc/arbor/copyright"_s));
        QVERIFY(copyright.open(QIODevice::ReadOnly));
        QVERIFY(copyright.readAll().contains("License: GPL-3.0-or-later"));
        if (const QString appstream = QStandardPaths::findExecutable(u"appstreamcli"_s); !appstream.isEmpty()) {
            const Run valid = run(appstream, {u"validate"_s, u"--no-net"_s,
                                              root.filePath(u"usr/share/metainfo/org.arbor-project.arbor.metainfo.xml"_s)});
            QVERIFY2(valid.code == 0, qPrintable(valid.out + valid.err));
        }
    }

    void tarballRuns()
    {
        QTemporaryDir root;
        const Run x = run(u"tar"_s, {u"-xzf"_s, m_tgz, u"-C"_s, root.path()});
        QVERIFY2(x.code == 0, qPrintable(x.err));
        const QString top = QDir(root.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        const Run v = run(root.filePath(top + u"/bin/arbor"_s), {u"--version"_s});
        QCOMPARE(v.code, 0);
        QVERIFY(QFileInfo::exists(root.filePath(top + u"/share/arbor/translations/arbor_de.qm"_s)));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
