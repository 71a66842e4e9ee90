#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace arbor::core {

// What the API reads from a caller's path segments and bodies, as plain functions with no service
// behind them (so they are unit-tested and fuzzed alone): instance keys, page numbers, the
// bulk-instances list. Each refusal is a sentence naming the value and the rule.
class ApiInput
{
public:
    // Pages of lists (audit, recoveries): 0 to kMaxPage, so that page times page size never overflows.
    static constexpr int kMaxPage = 100000;

    // The key of a :host and a :port segment.
    static Result<InstanceKey> key(const QString &host, const QString &port);
    static Result<int> page(const QString &text);
    // A window in whole seconds from 1 to @p max; @p name is the parameter the caller typed.
    static Result<int> seconds(const QString &text, int max, const QString &name);
    // A JSON list of {"Hostname": "...", "Port": N} (what GET bulk-instances returns), at most @p max.
    static Result<QList<InstanceKey>> instanceList(const QByteArray &json, int max);
};

} // namespace arbor::core
