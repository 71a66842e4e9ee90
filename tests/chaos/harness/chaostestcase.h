#pragma once

#include "chaoscluster.h"
#include "chaosverify.h"
#include "networklab.h"

#include "waitfor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTest>

namespace arbor::chaos {

// What every chaos test uses, in scope with `using namespace arbor::chaos`.
using namespace Qt::Literals::StringLiterals;
using testsupport::waitFor;

// The base of every chaos test class: the whole test skips, naming the missing capability, when the
// network lab cannot run (not root, no namespaces, no iptables matches). The derived class's private
// slots are the scenarios.
class ChaosTestCase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
};

} // namespace arbor::chaos
