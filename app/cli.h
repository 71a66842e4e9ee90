#pragma once

#include <QStringList>

namespace arbor::app {

// Dispatches `arbor VERB ...` to the verb's function.
class Cli
{
public:
    static bool isVerb(const QString &word);
    static int run(const QStringList &arguments); // arguments[0] is the program, [1] the verb
    static QString usage();
};

} // namespace arbor::app
