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
    // Moves the verb to arguments[1] when global options come first ("arbor --store F relocate ...");
    // unchanged when there is no verb.
    static QStringList verbFirst(const QStringList &arguments);
    // Generated from the verbs' own --help: `arbor --man` (roff for arbor(1)) and `arbor --bash-completion`.
    static QString manPage();
    static QString bashCompletion();
};

} // namespace arbor::app
