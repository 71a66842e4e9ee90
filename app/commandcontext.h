#pragma once

#include "probe/polleroptions.h"
#include "store/storeoptions.h"
#include "util/result.h"

#include "model/topology.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QSet>

#include <memory>
#include <optional>
#include <QTextStream>

namespace arbor::app {

// What every CLI verb shares: where the store is, how to reach topology servers, and the streams.
class CommandContext
{
public:
    explicit CommandContext(QString verb);

    QCommandLineParser &parser() { return m_parser; }
    void addStoreOption();
    void addTopologyOptions();
    // Parses; on --help prints and returns false with exitCode 0, on bad usage prints and exitCode 2.
    bool parse(const QStringList &arguments, int *exitCode);
    // While set, parse() stores the --help text here instead of printing it: the man page and the
    // bash completion are generated from the very option tables --help shows (Cli::helpText).
    static QString *s_captureHelp;
    // After parse(): the one positional argument (`what` names it in the error); on anything else
    // prints why and sets exitCode 2.
    std::optional<QString> onlyArgument(const QString &what, int *exitCode);
    // The same, parsed as HOST:PORT.
    std::optional<core::InstanceKey> onlyInstance(int *exitCode);
    // parse() and then onlyInstance(): the verbs on one server.
    std::optional<core::InstanceKey> parseInstance(const QStringList &arguments, int *exitCode);

    // Credentials from --credentials FILE or ARBOR_TOPOLOGY_USER/ARBOR_TOPOLOGY_PASSWORD.
    core::Result<core::PollerOptions> pollerOptions() const;
    core::StoreOptions storeOptions() const;
    core::Result<std::unique_ptr<core::Store>> openStore() const;
    // openStore(), or null after printing why (exitCode 1): for the verbs that cannot go on without it.
    std::unique_ptr<core::Store> openStoreOrFail(int *exitCode);
    // The store's downtimed keys now (empty on error: downtime only decorates output).
    static QSet<core::InstanceKey> downtimedKeys(core::Store &store);
    // Prints every cluster that holds one of keys (all clusters when keys is empty).
    void printClusters(const core::Topology &topology, const QSet<core::InstanceKey> &downtimed,
                       const QList<core::InstanceKey> &keys = {});

    // Prints "arbor VERB: message" to stderr and returns code.
    int fail(const QString &message, int code = 1);
    int usage(const QString &message) { return fail(message + QLatin1String(" (see arbor ") + m_verb + QLatin1String(" --help)"), 2); }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    const QString &verb() const { return m_verb; }

private:
    QString m_verb;
    QCommandLineParser m_parser;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace arbor::app
