#pragma once

#include "chaoscluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace arbor::chaos {
// JSON for failure messages.
inline QString jsonText(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
inline QString jsonText(const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)); }
} // namespace arbor::chaos

// The end of every scenario: the invariants held all along (InvariantMonitor), the survivors follow
// the final master (but for the replaced old master, if given: it is fenced, not a replica), every SQL step of every recovery ran under its node's lease.
#define VERIFY_INVARIANTS(c, finalMaster, ...)                                                                         \
    do {                                                                                                               \
        QVERIFY_RESULT((c).survivorsFollow((finalMaster), 20000 __VA_OPT__(,) __VA_ARGS__));                           \
        QVERIFY_RESULT((c).checkStepsUnderLease());                                                                    \
        const QStringList violations_ = (c).monitor().violations();                                                    \
        QVERIFY2(violations_.isEmpty(), qPrintable(violations_.join(u'\n')));                                          \
        QVERIFY((c).monitor().samples() > 0);                                                                          \
    } while (false)

#define VERIFY_CUT(cut) QVERIFY2((cut).active(), qPrintable((cut).error()))
