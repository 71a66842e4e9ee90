// `arbor export` and `arbor import` as a user runs them: the real binary, a real sandbox, every format
// parsed back, bad input refused with a usage error, and import re-discovering live servers from the
// seeds of a JSON export (not copying the file's facts, unless --facts-only says so).
#include "resultassert.h"
#include "sandbox.h"

#include "core/export/topologyjson.h"
#include "store/store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestCliExport : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Sandbox m_sandbox{{SandboxShape::Tree, 5, true}};
    QTemporaryDir m_dir;

    QString store() const { return m_dir.filePath(u"arbor.sqlite3"_s); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run arbor(const QStringList &arguments)
    {
        QProcess p;
        p.start(QStringLiteral(ARBOR_BINARY), arguments);
        if (!p.waitForFinished(60000))
            p.kill();
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QByteArray read(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void write(const QString &file, const QByteArray &bytes)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    QList<Instance> stored(const QString &file)
    {
        Store s(StoreOptions::sqlite(file));
        if (!s.open().ok())
            return {};
        auto instances = s.readInstances();
        return instances.ok() ? instances.value() : QList<Instance>{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
        const Run r = arbor({u"discover"_s, m_sandbox.key(0).toString(), u"--credentials"_s, m_sandbox.credentialsFile(),
                             u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void everyFormatParsesBack()
    {
        // JSON: every server, each under the source the sandbox gave it.
        Run r = arbor({u"export"_s, u"-o"_s, path(u"t.json"_s), u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"wrote "_s), qPrintable(r.err));
        const auto instances = TopologyJson::instancesFromText(read(path(u"t.json"_s)));
        QVERIFY_RESULT(instances);
        QCOMPARE(instances->size(), m_sandbox.size());
        for (const Instance &i : instances.value()) {
            for (int s = 0; s < m_sandbox.size(); ++s) {
                if (m_sandbox.key(s) == i.key) {
                    const int source = m_sandbox.sourceOf(s);
                    QCOMPARE(i.sourceKey(), source < 0 ? InstanceKey() : m_sandbox.key(source));
                }
            }
        }

        // DOT: a digraph with one edge per replica.
        r = arbor({u"export"_s, u"--format"_s, u"dot"_s, u"-o"_s, path(u"t.gv"_s), u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString dot = QString::fromUtf8(read(path(u"t.gv"_s)));
        QVERIFY2(dot.trimmed().startsWith(u"digraph"_s), qPrintable(dot));
        QCOMPARE(dot.count(u"->"_s), m_sandbox.size() - 1);

        // Text: what arbor topology --cached prints.
        r = arbor({u"export"_s, u"-o"_s, path(u"t.txt"_s), u"--cluster"_s, m_sandbox.key(3).toString(), u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const Run cached = arbor({u"topology"_s, m_sandbox.key(0).toString(), u"--cached"_s, u"--store"_s, store()});
        QCOMPARE(QString::fromUtf8(read(path(u"t.txt"_s))), cached.out);

        // SVG: valid XML, one server group per server.
        r = arbor({u"export"_s, u"-o"_s, path(u"t.svg"_s), u"--dark"_s, u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QXmlStreamReader xml(read(path(u"t.svg"_s)));
        int servers = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"g"_s
                && xml.attributes().value(u"class"_s) == u"server"_s)
                ++servers;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(servers, m_sandbox.size());

        // PNG: the signature and a sensible IHDR (no QtGui in integration tests: read the header).
        r = arbor({u"export"_s, u"-o"_s, path(u"t.png"_s), u"--horizontal"_s, u"--store"_s, store()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray png = read(path(u"t.png"_s));
        QVERIFY(png.size() > 1000);
        QCOMPARE(png.left(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        QCOMPARE(png.mid(12, 4), QByteArray("IHDR"));
        const quint32 width = qFromBigEndian<quint32>(png.constData() + 16);
        const quint32 height = qFromBigEndian<quint32>(png.constData() + 20);
        QVERIFY2(width > 400 && height > 100 && width > height, qPrintable(u"%1x%2"_s.arg(width).arg(height)));
    }

    void badRequestsAreRefused()
    {
        Run r = arbor({u"export"_s, u"--store"_s, store()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"-o FILE"_s), qPrintable(r.err));
        r = arbor({u"export"_s, u"-o"_s, path(u"t.bmp"_s), u"--store"_s, store()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--format png|svg|json|dot|txt"_s), qPrintable(r.err));
        r = arbor({u"export"_s, u"-o"_s, path(u"n.json"_s), u"--cluster"_s, u"nope"_s, u"--store"_s, store()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"no cluster 'nope'"_s) && r.err.contains(m_sandbox.key(0).toString()), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(u"n.json"_s)));
        r = arbor({u"export"_s, u"-o"_s, path(u"e.json"_s), u"--store"_s, path(u"empty.sqlite3"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"holds no servers"_s), qPrintable(r.err));

        write(path(u"garbage.json"_s), "{ not json");
        r = arbor({u"import"_s, path(u"garbage.json"_s), u"--credentials"_s, m_sandbox.credentialsFile(), u"--store"_s,
                   path(u"g.sqlite3"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path(u"garbage.json"_s)) && r.err.contains(u"not JSON"_s), qPrintable(r.err));
        r = arbor({u"import"_s, path(u"missing.json"_s), u"--store"_s, path(u"g.sqlite3"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"cannot read"_s), qPrintable(r.err));
    }

    void importRediscoversFromTheSeeds()
    {
        QVERIFY(arbor({u"export"_s, u"-o"_s, path(u"all.json"_s), u"--store"_s, store()}).code == 0);
        // Keep one server in the file: the master. Import must find the other four through it.
        QJsonDocument doc = QJsonDocument::fromJson(read(path(u"all.json"_s)));
        QJsonObject root = doc.object();
        QJsonArray clusters = root.value(u"Clusters"_s).toArray();
        QCOMPARE(clusters.size(), 1);
        QJsonObject cluster = clusters.at(0).toObject();
        QJsonArray only;
        for (const QJsonValue &v : cluster.value(u"Instances"_s).toArray()) {
            const QJsonObject key = v.toObject().value(u"Key"_s).toObject();
            if (key.value(u"Port"_s).toInt() == m_sandbox.port(0))
                only.append(v);
        }
        QCOMPARE(only.size(), 1);
        cluster.insert(u"Instances"_s, only);
        clusters.replace(0, cluster);
        root.insert(u"Clusters"_s, clusters);
        write(path(u"master-only.json"_s), QJsonDocument(root).toJson());

        // A change made after the export shows in the imported store: the facts are live, not the file's.
        QVERIFY(m_sandbox.execute(4, u"STOP SLAVE"_s).ok());
        const QString fresh = path(u"imported.sqlite3"_s);
        Run r = arbor({u"import"_s, path(u"master-only.json"_s), u"--credentials"_s, m_sandbox.credentialsFile(),
                       u"--store"_s, fresh});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"imported 1 seed(s); 5 server(s) answered"_s), qPrintable(r.err));
        QVERIFY2(r.out.startsWith(m_sandbox.key(0).toString()), qPrintable(r.out));
        QList<Instance> live = stored(fresh);
        QCOMPARE(live.size(), m_sandbox.size());
        for (const Instance &i : live) {
            if (i.key == m_sandbox.key(4))
                QVERIFY(i.replication && i.replication->ioThread == ReplicationState::ThreadState::Stopped);
        }

        // --facts-only stores the file's facts without connecting: replica 4 still "running" there.
        const QString facts = path(u"facts.sqlite3"_s);
        r = arbor({u"import"_s, path(u"all.json"_s), u"--facts-only"_s, u"--store"_s, facts});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"stored 5 server(s)"_s), qPrintable(r.err));
        const QList<Instance> copied = stored(facts);
        QCOMPARE(copied.size(), m_sandbox.size());
        for (const Instance &i : copied) {
            if (i.key == m_sandbox.key(4))
                QVERIFY(i.replication && i.replication->ioThread == ReplicationState::ThreadState::Running);
        }
        QVERIFY(m_sandbox.execute(4, u"START SLAVE"_s).ok());

        // Seeds that no longer answer: said per server, and a failure when none answers.
        QJsonObject instance = only.at(0).toObject();
        QJsonObject key = instance.value(u"Key"_s).toObject();
        key.insert(u"Port"_s, 1); // refused
        instance.insert(u"Key"_s, key);
        cluster.insert(u"Instances"_s, QJsonArray{instance});
        clusters.replace(0, cluster);
        root.insert(u"Clusters"_s, clusters);
        write(path(u"gone.json"_s), QJsonDocument(root).toJson());
        r = arbor({u"import"_s, path(u"gone.json"_s), u"--credentials"_s, m_sandbox.credentialsFile(), u"--store"_s,
                   path(u"gone.sqlite3"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"127.0.0.1:1 did not answer"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
