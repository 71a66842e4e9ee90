// Candidate choice as a table. Each replica of the dead master "m" (data centre dc1) is written
// "name:position:flags"; position is how far it read (and applied) the master's binary log.
// Flags: P prefer, N prefer_not, X must_not, M must, e SQL error, l lagging 120 s, h was 500 s behind
// before the failure, o did not replicate for 10 minutes before it, 2 data centre dc2, v newer version
// than the others, n no log_slave_updates, i IO error 1236 (not a lost connection), ! unreachable,
// f host name matching PromotionIgnoreHostnameFilters, R requested explicitly.
#include "core/recovery/candidatechooser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

InstanceKey keyOf(const QString &name, bool filtered = false)
{
    return InstanceKey((filtered ? u"backup-"_s : u"db-"_s) + name, 3306);
}

struct Case
{
    QList<Instance> instances;
    QHash<InstanceKey, PromotionRule> rules;
    QHash<InstanceKey, ReplicaHistory> history;
    InstanceKey requested;
};

Case build(const QString &spec, const QDateTime &failure)
{
    Case c;
    Instance m;
    m.key = keyOf(u"m"_s);
    m.flavour = Flavour::MariaDB;
    m.version = u"10.11.6-MariaDB-log"_s;
    m.dataCenter = u"dc1"_s;
    m.lastCheckValid = false;
    c.instances.append(m);
    for (const QString &token : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList parts = token.split(u':');
        const QString flags = parts.value(2);
        Instance r;
        r.key = keyOf(parts.at(0), flags.contains(u'f'));
        r.flavour = Flavour::MariaDB;
        r.version = flags.contains(u'v') ? u"11.4.2-MariaDB-log"_s : u"10.11.6-MariaDB-log"_s;
        r.logBin = true;
        r.logReplicaUpdates = !flags.contains(u'n');
        r.binlogFormat = u"ROW"_s;
        r.lastCheckValid = !flags.contains(u'!');
        r.dataCenter = flags.contains(u'2') ? u"dc2"_s : u"dc1"_s;
        const int pos = parts.at(1).toInt();
        r.gtidSlavePos = u"0-1-%1"_s.arg(pos);
        ReplicationState s;
        s.sourceKey = m.key;
        s.ioThread = ReplicationState::ThreadState::Connecting;
        s.sqlThread = ReplicationState::ThreadState::Running;
        s.lastIoErrno = flags.contains(u'i') ? 1236 : 2003;
        s.lastIoError = u"error reconnecting to master"_s;
        s.readCoordinates = BinlogCoordinates{u"mysql-bin.000001"_s, pos};
        s.execCoordinates = s.readCoordinates;
        s.gtidPositioning = u"Slave_Pos"_s;
        if (flags.contains(u'e')) {
            s.sqlThread = ReplicationState::ThreadState::Stopped;
            s.lastSqlErrno = 1062;
            s.lastSqlError = u"Duplicate entry '1' for key 'PRIMARY'"_s;
        }
        if (flags.contains(u'l'))
            s.secondsBehindSource = 120;
        r.replication = s;
        c.instances.append(r);
        ReplicaHistory h;
        h.lastReplicatingAt = flags.contains(u'o') ? failure.addSecs(-600) : failure.addSecs(-1);
        h.lagAtLastReplicating = flags.contains(u'h') ? 500 : 0;
        c.history.insert(r.key, h);
        if (flags.contains(u'P'))
            c.rules.insert(r.key, PromotionRule::Prefer);
        if (flags.contains(u'N'))
            c.rules.insert(r.key, PromotionRule::PreferNot);
        if (flags.contains(u'X'))
            c.rules.insert(r.key, PromotionRule::MustNot);
        if (flags.contains(u'M'))
            c.rules.insert(r.key, PromotionRule::Must);
        if (flags.contains(u'R'))
            c.requested = r.key;
    }
    return c;
}

QString names(const QList<InstanceKey> &keys)
{
    QStringList out;
    for (const InstanceKey &k : keys)
        out << k.host().section(u'-', 1);
    out.sort();
    return out.join(u',');
}

} // namespace

class TestCandidateChooser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choose_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("expected"); // chosen name, or "error:<words>"
        QTest::addColumn<QString>("lost");
        const QList<std::tuple<const char *, QString, QString, QString, QString>> rows{
            {"equals: ordered by name", u"a:100 b:100 c:100"_s, u""_s, u"a"_s, u""_s},
            {"most advanced wins", u"a:90 b:100 c:95"_s, u""_s, u"b"_s, u""_s},
            {"prefer wins among equals", u"a:100 b:100 c:100:P"_s, u""_s, u"c"_s, u""_s},
            {"prefer does not beat more data", u"a:100 b:90:P"_s, u""_s, u"a"_s, u""_s},
            {"must_not never wins, even ahead", u"a:100:X b:90 c:90"_s, u""_s, u"b"_s, u"a"_s},
            {"must_not only replica", u"a:100:X"_s, u""_s, u"error:passes the safety checks"_s, u""_s},
            {"must wins among equals", u"a:100 b:100:M c:100:P"_s, u""_s, u"b"_s, u""_s},
            {"must broken fails loudly", u"a:100 b:100:Me"_s, u""_s, u"error:promotion rule must"_s, u""_s},
            {"must behind fails loudly", u"a:100 b:90:M"_s, u""_s, u"error:lose transactions"_s, u""_s},
            {"broken replica never wins", u"a:100:e b:90"_s, u""_s, u"b"_s, u"a"_s},
            {"lagging replica excluded", u"a:100:l b:90"_s, u""_s, u"b"_s, u"a"_s},
            {"lagging before the failure excluded", u"a:100:h b:90"_s, u""_s, u"b"_s, u"a"_s},
            {"not replicating before the failure excluded", u"a:100:o b:90"_s, u""_s, u"b"_s, u"a"_s},
            {"IO error other than lost source excluded", u"a:100:i b:100"_s, u""_s, u"b"_s, u""_s},
            {"hostname filter", u"a:100:f b:100"_s, u"filter"_s, u"b"_s, u""_s},
            {"cross data centre prevented", u"a:100:2 b:100"_s, u"nodc"_s, u"b"_s, u""_s},
            {"same data centre preferred", u"a:100:2 b:100"_s, u""_s, u"b"_s, u""_s},
            {"newer version than most excluded", u"a:100:v b:100 c:100"_s, u""_s, u"b"_s, u""_s},
            {"no log_slave_updates excluded", u"a:100:n b:100"_s, u""_s, u"b"_s, u""_s},
            {"prefer_not loses to neutral", u"a:100:N b:100"_s, u""_s, u"b"_s, u""_s},
            {"prefer_not wins when alone", u"a:100:N b:100:X"_s, u""_s, u"a"_s, u""_s},
            {"unreachable replica lost", u"a:100:! b:100"_s, u""_s, u"b"_s, u"a"_s},
            {"requested candidate honoured", u"a:100 b:100:R"_s, u""_s, u"b"_s, u""_s},
            {"requested candidate behind refused", u"a:100 b:90:R"_s, u""_s, u"error:lose transactions"_s, u""_s},
            // A graceful takeover: the master is alive and the candidate catches up with it before it is
            // promoted, so being behind a sibling now loses nothing.
            {"requested candidate behind, master alive", u"a:100 b:90:R"_s, u"live"_s, u"b"_s, u""_s},
            {"requested must_not refused", u"a:100 b:100:XR"_s, u""_s, u"error:must_not"_s, u""_s},
            {"everyone broken", u"a:100:e b:100:e"_s, u""_s, u"error:passes the safety checks"_s, u""_s},
        };
        for (const auto &[name, spec, options, expected, lost] : rows)
            QTest::newRow(name) << spec << options << expected << lost;
    }

    void choose()
    {
        QFETCH(QString, spec);
        QFETCH(QString, options);
        QFETCH(QString, expected);
        QFETCH(QString, lost);
        const QDateTime failure = QDateTime::currentDateTimeUtc();
        Case c = build(spec, failure);
        if (options == u"live"_s) { // the master answers: every replica replicates
            for (Instance &i : c.instances) {
                if (!i.replication)
                    continue;
                i.replication->ioThread = ReplicationState::ThreadState::Running;
                i.replication->lastIoErrno = 0;
                i.replication->lastIoError.clear();
            }
        }
        const Topology t = Topology::build(c.instances);
        RecoveryOptions o;
        if (options == u"filter"_s)
            o.promotionIgnoreHostnameFilters = {u"^backup-"_s};
        if (options == u"nodc"_s)
            o.preventCrossDataCenterMasterFailover = true;
        CandidateChooser::Input in;
        in.failedStillReplicates = options == u"live"_s;
        in.topology = &t;
        in.failed = keyOf(u"m"_s);
        in.rules = c.rules;
        in.history = c.history;
        in.failureTime = failure;
        in.requested = c.requested;
        const CandidateChoice choice = CandidateChooser::choose(in, o);
        const QString why = choice.explanation();
        if (expected.startsWith(u"error:"_s)) {
            QVERIFY2(!choice.ok(), qPrintable(why));
            QVERIFY2(choice.error.contains(expected.mid(6)), qPrintable(choice.error));
            return;
        }
        QVERIFY2(choice.ok(), qPrintable(why));
        QCOMPARE(choice.chosen.host().section(u'-', 1), expected);
        QCOMPARE(names(choice.lost), lost);
        // The explanation names every replica and says why it lost.
        for (const CandidateChoice::Entry &e : choice.ranking) {
            QVERIFY2(why.contains(e.key.toString()), qPrintable(why));
            QVERIFY2(!e.reason.isEmpty(), qPrintable(why));
        }
    }

    void explanationReadsWell()
    {
        const QDateTime failure = QDateTime::currentDateTimeUtc();
        const Case c = build(u"a:100:X b:100 c:100:P d:90"_s, failure);
        const Topology t = Topology::build(c.instances);
        CandidateChooser::Input in{&t, keyOf(u"m"_s), c.rules, c.history, failure, {}, false};
        const CandidateChoice choice = CandidateChooser::choose(in, RecoveryOptions{});
        const QString text = choice.explanation();
        QVERIFY2(text.startsWith(u"promote db-c:3306"_s), qPrintable(text));
        QVERIFY2(text.contains(u"must_not"_s), qPrintable(text));
        QVERIFY2(text.contains(u"rule neutral ranks below prefer"_s), qPrintable(text));
        QVERIFY2(text.contains(u"behind"_s), qPrintable(text));
        QCOMPARE(names(choice.repointable), u"a,b,d"_s); // must_not may still replicate
    }
};

QTEST_GUILESS_MAIN(TestCandidateChooser)
#include "tst_candidatechooser.moc"
