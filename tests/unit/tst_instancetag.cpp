// InstanceTag: orchestrator's "name" / "name=value" tags and the tagged expression.
#include "model/instancetag.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestInstanceTag : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesNameAndValue()
    {
        auto t = InstanceTag::parse(u"role=backup"_s);
        QVERIFY(t.ok());
        QCOMPARE(t->name, u"role"_s);
        QCOMPARE(t->value, u"backup"_s);
        QCOMPARE(t->toString(), u"role=backup"_s);
        t = InstanceTag::parse(u"keep"_s);
        QVERIFY(t.ok());
        QCOMPARE(t->toString(), u"keep"_s);
        t = InstanceTag::parse(u"url=a=b"_s); // the first '=' separates
        QCOMPARE(t->value, u"a=b"_s);
    }

    void refusesBadNamesWithTheReason()
    {
        for (const QString &bad : {u""_s, u"=x"_s, u"a b"_s, u"x;rm -rf /"_s, u"'quoted'"_s, QString(65, u'a')}) {
            const auto t = InstanceTag::parse(bad);
            QVERIFY2(!t.ok(), qPrintable(bad));
            QVERIFY(t.error().contains(u"tag"_s));
        }
        QVERIFY(!InstanceTag::parse(u"a=line\nbreak"_s).ok());
    }

    void taggedExpressionIsAnIntersection()
    {
        const QList<InstanceTag> tags{{u"role"_s, u"backup"_s}, {u"dc"_s, u"east"_s}};
        QList<bool> negated;
        auto e = InstanceTag::parseExpression(u"role,dc=east"_s, &negated);
        QVERIFY(e.ok());
        QVERIFY(InstanceTag::matches(tags, e.value(), negated));
        e = InstanceTag::parseExpression(u"role=backup,dc=west"_s, &negated);
        QVERIFY(!InstanceTag::matches(tags, e.value(), negated));
        e = InstanceTag::parseExpression(u"role,~keep"_s, &negated);
        QVERIFY(InstanceTag::matches(tags, e.value(), negated));
        e = InstanceTag::parseExpression(u"~role"_s, &negated);
        QVERIFY(!InstanceTag::matches(tags, e.value(), negated));
        QVERIFY(!InstanceTag::parseExpression(u""_s, &negated).ok());
    }
};

QTEST_GUILESS_MAIN(TestInstanceTag)
#include "tst_instancetag.moc"
