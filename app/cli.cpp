#include "cli.h"

#include "commands.h"

#include <QTextStream>

#include <functional>
#include <map>

using namespace Qt::Literals::StringLiterals;

namespace arbor::app {

namespace {
struct Verb
{
    std::function<int(const QStringList &)> run;
    QString summary;
};

const std::map<QString, Verb> &verbs()
{
    static const std::map<QString, Verb> table{
        {u"discover"_s, {runDiscover, u"Discover the topology around HOST:PORT and remember it"_s}},
        {u"clusters"_s, {runClusters, u"List known clusters"_s}},
        {u"topology"_s, {runTopology, u"Show a cluster as a tree (polled live)"_s}},
        {u"instance"_s, {runInstance, u"Poll one server and print its facts as JSON"_s}},
        {u"watch"_s, {runWatch, u"Discover from HOST:PORT and keep printing the live tree until Ctrl-C"_s}},
        {u"check"_s, {runCheck, u"Check the privileges and settings Arbor needs on HOST:PORT"_s}},
        {u"forget"_s, {runForget, u"Forget a server"_s}},
        {u"begin-downtime"_s, {runBeginDowntime, u"Mark a server as downtimed (recovery leaves it alone)"_s}},
        {u"end-downtime"_s, {runEndDowntime, u"End a server's downtime"_s}},
        {u"downtimed"_s, {runDowntimed, u"List downtimed servers"_s}},
        {u"alias"_s, {runAlias, u"Give a cluster an alias"_s}},
    };
    return table;
}
} // namespace

bool Cli::isVerb(const QString &word)
{
    return verbs().count(word) > 0;
}

int Cli::run(const QStringList &arguments)
{
    const QString verb = arguments.value(1);
    auto it = verbs().find(verb);
    if (it == verbs().end()) {
        QTextStream(stderr) << u"arbor: unknown command '%1'\n"_s.arg(verb) << usage();
        return 2;
    }
    QStringList rest = arguments;
    rest.removeAt(1); // parsers see "arbor ARGS..."
    return it->second.run(rest);
}

QString Cli::usage()
{
    QString text = u"Usage: arbor [--seed HOST:PORT]            open the desktop window\n"
                   "       arbor COMMAND [options] [arguments]  run one command\n\nCommands:\n"_s;
    for (const auto &[name, verb] : verbs())
        text += u"  %1%2\n"_s.arg(name.leftJustified(16), verb.summary);
    text += u"\nRun arbor COMMAND --help for a command's options.\n"_s;
    return text;
}

} // namespace arbor::app
