#pragma once

#include <QString>

namespace arbor::core {

// Why an operation may not run: the rule (a stable id such as "source-no-binlog", for tests, the API
// and tooltips to key on) and one sentence naming the servers and what to do.
struct Refusal
{
    QString rule;
    QString message;

    QString toString() const { return message + QLatin1String(" [rule: ") + rule + QLatin1Char(']'); }
};

} // namespace arbor::core
