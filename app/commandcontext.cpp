#include "commandcontext.h"

#include "config/credentials.h"
#include "model/topologytext.h"


#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

QString *CommandContext::s_captureHelp = nullptr;

CommandContext::CommandContext(QString verb) : m_verb(std::move(verb)), m_out(stdout), m_err(stderr)
{
    m_parser.addHelpOption();
}

void CommandContext::addStoreOption()
{
    m_parser.addOption({u"store"_s,
                        u"SQLite store file (default: $ARBOR_STORE, else the user's data folder)."_s,
                        u"FILE"_s});
}

void CommandContext::addTopologyOptions()
{
    m_parser.addOption({u"credentials"_s,
                        u"my.cnf-style file with [client] user= and password= for topology servers (mode 600). "
                        "Without it, ARBOR_TOPOLOGY_USER and ARBOR_TOPOLOGY_PASSWORD are used."_s,
                        u"FILE"_s});
    m_parser.addOption({u"connect-timeout"_s, u"Seconds to wait for a connection (default 2)."_s, u"S"_s, u"2"_s});
    m_parser.addOption({u"read-timeout"_s, u"Seconds to wait for a query answer (default 2)."_s, u"S"_s, u"2"_s});
    m_parser.addOption({u"heartbeat-query"_s,
                        u"Query returning replication lag in seconds (pt-heartbeat style) instead of Seconds_Behind_Master."_s,
                        u"SQL"_s});
    m_parser.addOption({u"data-center-pattern"_s,
                        u"Regular expression on the host name; its first group is the data centre."_s, u"REGEX"_s});
}

std::optional<QString> CommandContext::onlyArgument(const QString &what, int *exitCode)
{
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() != 1) {
        *exitCode = usage(u"expected one "_s + what);
        return std::nullopt;
    }
    return positional.first();
}

std::optional<InstanceKey> CommandContext::onlyInstance(int *exitCode)
{
    const auto argument = onlyArgument(u"HOST:PORT"_s, exitCode);
    if (!argument)
        return std::nullopt;
    auto key = InstanceKey::parse(*argument);
    if (!key.ok()) {
        *exitCode = usage(key.error());
        return std::nullopt;
    }
    return key.value();
}

std::optional<InstanceKey> CommandContext::parseInstance(const QStringList &arguments, int *exitCode)
{
    if (!parse(arguments, exitCode))
        return std::nullopt;
    return onlyInstance(exitCode);
}

bool CommandContext::parse(const QStringList &arguments, int *exitCode)
{
    if (!m_parser.parse(arguments)) {
        *exitCode = usage(m_parser.errorText());
        return false;
    }
    if (m_parser.isSet(u"help"_s)) {
        // "Usage: ./build/app/arbor [options]" names the verb; the description below keeps its own words.
        QString help = m_parser.helpText();
        const qsizetype usageEnd = help.indexOf(u'\n');
        help.replace(0, usageEnd, help.left(usageEnd).replace(arguments.value(0) + u' ', u"arbor "_s + m_verb + u' '));
        if (s_captureHelp) {
            *s_captureHelp = help;
            *exitCode = 0;
            return false;
        }
        m_out << help;
        m_out.flush();
        *exitCode = 0;
        return false;
    }
    return true;
}

Result<PollerOptions> CommandContext::pollerOptions() const
{
    PollerOptions options;
    Credentials credentials;
    if (m_parser.isSet(u"credentials"_s)) {
        auto fromFile = Credentials::fromFile(m_parser.value(u"credentials"_s));
        if (!fromFile.ok())
            return Result<PollerOptions>::failure(fromFile.error());
        credentials = fromFile.value();
    } else {
        credentials = Credentials::fromEnvironment();
    }
    if (credentials.isEmpty())
        return Result<PollerOptions>::failure(
            u"no topology credentials: pass --credentials FILE ([client] user= and password=) or set "
            "ARBOR_TOPOLOGY_USER and ARBOR_TOPOLOGY_PASSWORD"_s);
    options.probe.credentials = credentials;

    auto seconds = [this](const QString &name, int *target) -> Result<void> {
        bool ok = false;
        const int value = m_parser.value(name).toInt(&ok);
        if (!ok || value < 1 || value > 3600)
            return Result<void>::failure(u"--%1 must be a whole number of seconds from 1 to 3600, not '%2'"_s.arg(name, m_parser.value(name)));
        *target = value;
        return Result<void>::success();
    };
    if (auto r = seconds(u"connect-timeout"_s, &options.probe.connectTimeoutSeconds); !r.ok())
        return Result<PollerOptions>::failure(r.error());
    if (auto r = seconds(u"read-timeout"_s, &options.probe.readTimeoutSeconds); !r.ok())
        return Result<PollerOptions>::failure(r.error());
    options.probe.heartbeatQuery = m_parser.value(u"heartbeat-query"_s);
    if (m_parser.isSet(u"data-center-pattern"_s)) {
        options.probe.dataCenterPattern = QRegularExpression(m_parser.value(u"data-center-pattern"_s));
        if (!options.probe.dataCenterPattern.isValid())
            return Result<PollerOptions>::failure(u"--data-center-pattern is not a valid regular expression: %1"_s
                                                      .arg(options.probe.dataCenterPattern.errorString()));
    }
    return options;
}

StoreOptions CommandContext::storeOptions() const
{
    if (m_parser.isSet(u"store"_s))
        return StoreOptions::sqlite(m_parser.value(u"store"_s));
    const QString fromEnv = qEnvironmentVariable("ARBOR_STORE");
    if (!fromEnv.isEmpty())
        return StoreOptions::sqlite(fromEnv);
    return StoreOptions::defaultSqlite();
}

Result<std::unique_ptr<Store>> CommandContext::openStore() const
{
    auto store = std::make_unique<Store>(storeOptions());
    if (auto opened = store->open(); !opened.ok())
        return Result<std::unique_ptr<Store>>::failure(opened.error());
    return store;
}

std::unique_ptr<Store> CommandContext::openStoreOrFail(int *exitCode)
{
    auto store = openStore();
    if (!store.ok()) {
        *exitCode = fail(store.error());
        return nullptr;
    }
    return std::move(store.value());
}

QSet<InstanceKey> CommandContext::downtimedKeys(Store &store)
{
    QSet<InstanceKey> keys;
    auto active = store.readActiveDowntimes(QDateTime::currentDateTimeUtc());
    if (active.ok()) {
        for (const Downtime &d : active.value())
            keys.insert(d.key);
    }
    return keys;
}

void CommandContext::printClusters(const Topology &topology, const QSet<InstanceKey> &downtimed,
                                   const QList<InstanceKey> &keys)
{
    bool first = true;
    for (const Cluster &cluster : topology.clusters()) {
        bool wanted = keys.isEmpty();
        for (const InstanceKey &k : keys)
            wanted = wanted || cluster.members.contains(k);
        if (!wanted)
            continue;
        if (!first)
            m_out << u'\n';
        first = false;
        m_out << TopologyText::render(topology, cluster, downtimed);
    }
    m_out.flush();
}

int CommandContext::fail(const QString &message, int code)
{
    m_out.flush();
    m_err << u"arbor "_s << m_verb << u": "_s << message << Qt::endl;
    return code;
}

} // namespace arbor::app
