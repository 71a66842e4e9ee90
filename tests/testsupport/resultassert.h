#pragma once

#include <QTest>

// QVERIFY for a Result: on failure the test prints the Result's error sentence, which says what went
// wrong (Qt Creator's QVERIFY_RESULT). Works for Result<T> and Result<void>.
#define QVERIFY_RESULT(expr)                                                                            \
    do {                                                                                                \
        const auto &arborResult_ = (expr);                                                              \
        if (!QTest::qVerify(arborResult_.ok(), #expr, qPrintable(arborResult_.error()), __FILE__, __LINE__)) \
            return;                                                                                     \
    } while (false)
