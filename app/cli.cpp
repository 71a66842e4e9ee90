#include "cli.h"

#include "commands.h"

#include "commandcontext.h"

#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>

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
        {u"tag"_s, {runTag, u"Tag a server (name or name=value)"_s}},
        {u"untag"_s, {runUntag, u"Remove a tag from a server (--all: from every server)"_s}},
        {u"tags"_s, {runTags, u"List a server's tags (--tagged EXPR: the servers matching)"_s}},
        {u"search"_s, {runSearch, u"Find stored servers by host, cluster, alias, version or tag"_s}},
        {u"which-replicas"_s, {runWhichReplicas, u"List the stored replicas of a server"_s}},
        {u"promotion-rule"_s, {runPromotionRule, u"Set a server's promotion rule (must, prefer, neutral, prefer_not, must_not)"_s}},
        {u"promotion-rules"_s, {runPromotionRules, u"List every promotion rule"_s}},
        {u"replication-analysis"_s, {runReplicationAnalysis, u"Poll and print failures and structure warnings"_s}},
        {u"recover"_s, {runRecover, u"Recover a dead master or intermediate master now (explains first)"_s}},
        {u"ack-recovery"_s, {runAckRecovery, u"Acknowledge recoveries so the block period no longer applies"_s}},
        {u"export"_s, {runExport, u"Write the stored topology as png, svg, json, dot or txt (-o FILE)"_s}},
        {u"import"_s, {runImport, u"Discover from every server of a JSON export"_s}},
        {u"relocate"_s, {[](const QStringList &a) { return runOperationVerb(u"relocate"_s, a); }, operationSummary(u"relocate"_s)}},
        {u"relocate-replicas"_s, {[](const QStringList &a) { return runOperationVerb(u"relocate-replicas"_s, a); }, operationSummary(u"relocate-replicas"_s)}},
        {u"move-up"_s, {[](const QStringList &a) { return runOperationVerb(u"move-up"_s, a); }, operationSummary(u"move-up"_s)}},
        {u"move-up-replicas"_s, {[](const QStringList &a) { return runOperationVerb(u"move-up-replicas"_s, a); }, operationSummary(u"move-up-replicas"_s)}},
        {u"move-below"_s, {[](const QStringList &a) { return runOperationVerb(u"move-below"_s, a); }, operationSummary(u"move-below"_s)}},
        {u"repoint"_s, {[](const QStringList &a) { return runOperationVerb(u"repoint"_s, a); }, operationSummary(u"repoint"_s)}},
        {u"take-siblings"_s, {[](const QStringList &a) { return runOperationVerb(u"take-siblings"_s, a); }, operationSummary(u"take-siblings"_s)}},
        {u"take-master"_s, {[](const QStringList &a) { return runOperationVerb(u"take-master"_s, a); }, operationSummary(u"take-master"_s)}},
        {u"make-co-master"_s, {[](const QStringList &a) { return runOperationVerb(u"make-co-master"_s, a); }, operationSummary(u"make-co-master"_s)}},
        {u"regroup-replicas"_s, {[](const QStringList &a) { return runOperationVerb(u"regroup-replicas"_s, a); }, operationSummary(u"regroup-replicas"_s)}},
        {u"start-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"start-replica"_s, a); }, operationSummary(u"start-replica"_s)}},
        {u"stop-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"stop-replica"_s, a); }, operationSummary(u"stop-replica"_s)}},
        {u"restart-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"restart-replica"_s, a); }, operationSummary(u"restart-replica"_s)}},
        {u"reset-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"reset-replica"_s, a); }, operationSummary(u"reset-replica"_s)}},
        {u"detach-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"detach-replica"_s, a); }, operationSummary(u"detach-replica"_s)}},
        {u"reattach-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"reattach-replica"_s, a); }, operationSummary(u"reattach-replica"_s)}},
        {u"set-read-only"_s, {[](const QStringList &a) { return runOperationVerb(u"set-read-only"_s, a); }, operationSummary(u"set-read-only"_s)}},
        {u"set-writeable"_s, {[](const QStringList &a) { return runOperationVerb(u"set-writeable"_s, a); }, operationSummary(u"set-writeable"_s)}},
        {u"enable-gtid"_s, {[](const QStringList &a) { return runOperationVerb(u"enable-gtid"_s, a); }, operationSummary(u"enable-gtid"_s)}},
        {u"disable-gtid"_s, {[](const QStringList &a) { return runOperationVerb(u"disable-gtid"_s, a); }, operationSummary(u"disable-gtid"_s)}},
        {u"move-gtid"_s, {[](const QStringList &a) { return runOperationVerb(u"move-gtid"_s, a); }, operationSummary(u"move-gtid"_s)}},
        {u"move-replicas-gtid"_s, {[](const QStringList &a) { return runOperationVerb(u"move-replicas-gtid"_s, a); }, operationSummary(u"move-replicas-gtid"_s)}},
        {u"repoint-replicas"_s, {[](const QStringList &a) { return runOperationVerb(u"repoint-replicas"_s, a); }, operationSummary(u"repoint-replicas"_s)}},
        {u"stop-replica-nice"_s, {[](const QStringList &a) { return runOperationVerb(u"stop-replica-nice"_s, a); }, operationSummary(u"stop-replica-nice"_s)}},
        {u"skip-query"_s, {[](const QStringList &a) { return runOperationVerb(u"skip-query"_s, a); }, operationSummary(u"skip-query"_s)}},
        {u"enable-semi-sync-master"_s, {[](const QStringList &a) { return runOperationVerb(u"enable-semi-sync-master"_s, a); }, operationSummary(u"enable-semi-sync-master"_s)}},
        {u"disable-semi-sync-master"_s, {[](const QStringList &a) { return runOperationVerb(u"disable-semi-sync-master"_s, a); }, operationSummary(u"disable-semi-sync-master"_s)}},
        {u"enable-semi-sync-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"enable-semi-sync-replica"_s, a); }, operationSummary(u"enable-semi-sync-replica"_s)}},
        {u"disable-semi-sync-replica"_s, {[](const QStringList &a) { return runOperationVerb(u"disable-semi-sync-replica"_s, a); }, operationSummary(u"disable-semi-sync-replica"_s)}},
        {u"delay-replication"_s, {[](const QStringList &a) { return runOperationVerb(u"delay-replication"_s, a); }, operationSummary(u"delay-replication"_s)}},
        {u"flush-binary-logs"_s, {[](const QStringList &a) { return runOperationVerb(u"flush-binary-logs"_s, a); }, operationSummary(u"flush-binary-logs"_s)}},
        {u"purge-binary-logs"_s, {[](const QStringList &a) { return runOperationVerb(u"purge-binary-logs"_s, a); }, operationSummary(u"purge-binary-logs"_s)}},
        {u"gtid-errant-reset-master"_s, {[](const QStringList &a) { return runOperationVerb(u"gtid-errant-reset-master"_s, a); }, operationSummary(u"gtid-errant-reset-master"_s)}},
        {u"gtid-errant-inject-empty"_s, {[](const QStringList &a) { return runOperationVerb(u"gtid-errant-inject-empty"_s, a); }, operationSummary(u"gtid-errant-inject-empty"_s)}},
        {u"audit"_s, {runAudit, u"List the topology operations run (who, what, from, to, method, result)"_s}},
        {u"config"_s, {runConfig, u"Check a service config (config check FILE), migrate an orchestrator config, or hash an API password"_s}},
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
    qsizetype width = 0;
    for (const auto &[name, verb] : verbs())
        width = std::max(width, name.size());
    for (const auto &[name, verb] : verbs())
        text += u"  %1  %2\n"_s.arg(name.leftJustified(width), verb.summary);
    text += u"\nRun arbor COMMAND --help for a command's options.\n"_s;
    return text;
}

namespace {

// Options of CommandContext's common tables that take a value: their value is never the verb.
bool takesValue(const QString &option)
{
    static const QStringList withValue{u"--store"_s, u"--credentials"_s, u"--connect-timeout"_s, u"--read-timeout"_s,
                                       u"--heartbeat-query"_s, u"--data-center-pattern"_s, u"--config"_s};
    return withValue.contains(option);
}

// The --help text of @p verb, as `arbor VERB --help` prints it.
QString helpOf(const QString &verb, const std::function<int(const QStringList &)> &run)
{
    QString help;
    CommandContext::s_captureHelp = &help;
    run({u"arbor"_s, u"--help"_s});
    CommandContext::s_captureHelp = nullptr;
    Q_UNUSED(verb);
    return help;
}

// "--store <FILE>", "-o, --output <FILE>" lines of a help text: the option names.
QStringList optionsIn(const QString &help)
{
    QStringList out;
    static const QRegularExpression re(u"^\\s+(?:-(\\w), )?--([A-Za-z0-9-]+)"_s, QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(help); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty())
            out << u'-' + m.captured(1);
        out << u"--"_s + m.captured(2);
    }
    out.removeDuplicates();
    return out;
}

QString roff(QString text)
{
    text.replace(u'\\', u"\\e"_s);
    QStringList lines = text.split(u'\n');
    for (QString &l : lines) {
        if (l.startsWith(u'.') || l.startsWith(u'\''))
            l.prepend(u"\\&"_s);
    }
    return lines.join(u'\n');
}

} // namespace

QStringList Cli::verbFirst(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a.startsWith(u'-')) {
            if (takesValue(a))
                ++i; // its value
            continue;
        }
        if (!isVerb(a))
            return arguments; // a positional before any verb: not ours to reorder
        QStringList out = arguments;
        out.move(i, 1);
        return out;
    }
    return arguments;
}

QString Cli::manPage()
{
    QString page = u".TH ARBOR 1 \"\" \"arbor " ARBOR_VERSION "\" \"User Commands\"\n"
                   ".SH NAME\narbor \\- manage MySQL and MariaDB replication topologies\n"
                   ".SH SYNOPSIS\n.B arbor\n[\\-\\-seed HOST:PORT]\n.br\n.B arbor\nCOMMAND [options] [arguments]\n.br\n"
                   ".B arbor \\-\\-service \\-\\-config\nFILE\n"
                   ".SH DESCRIPTION\nArbor discovers replication topologies, draws them live, relocates replicas, fails over "
                   "dead sources with promotion rules and hooks, and runs headless as a highly available service with an "
                   "orchestrator\\-compatible HTTP API. Without a command it opens the desktop window. Global options "
                   "(\\-\\-store, \\-\\-credentials, ...) may come before or after the command.\n"
                   ".PP\nExit codes: 0 ok, 1 failed, 2 bad usage.\n.SH COMMANDS\n"_s;
    for (const auto &[name, verb] : verbs()) {
        page += u".SS %1\n%2.\n"_s.arg(name, roff(verb.summary));
        const QString help = helpOf(name, verb.run);
        if (!help.isEmpty())
            page += u".PP\n.nf\n%1\n.fi\n"_s.arg(roff(help.trimmed()));
    }
    page += u".SH ENVIRONMENT\n.TP\nARBOR_TOPOLOGY_USER, ARBOR_TOPOLOGY_PASSWORD\ncredentials for topology servers when no "
            "\\-\\-credentials file is given\n.TP\nARBOR_STORE\nthe SQLite store file\n"
            ".SH SEE ALSO\n/usr/share/doc/arbor/ (user\\-guide.md, configuration.md, hooks.md, service.md)\n"_s;
    return page;
}

QString Cli::bashCompletion()
{
    QString cases;
    QStringList names;
    for (const auto &[name, verb] : verbs()) {
        names << name;
        cases += u"    %1) opts=\"%2\" ;;\n"_s.arg(name, optionsIn(helpOf(name, verb.run)).join(u' '));
    }
    return u"# bash completion for arbor, generated by `arbor --bash-completion` from the commands' --help.\n"
           "_arbor()\n{\n"
           "  local cur prev verb opts i\n"
           "  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
           "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
           "  case \"$prev\" in\n"
           "    --store|--credentials|--config|-o|--output) COMPREPLY=( $(compgen -f -- \"$cur\") ); return ;;\n"
           "  esac\n"
           "  verb=\"\"\n"
           "  for ((i=1; i<COMP_CWORD; i++)); do\n"
           "    case \" %1 \" in *\" ${COMP_WORDS[i]} \"*) verb=\"${COMP_WORDS[i]}\"; break ;; esac\n"
           "  done\n"
           "  if [ -z \"$verb\" ]; then\n"
           "    COMPREPLY=( $(compgen -W \"%1 --service --config --seed --help --version\" -- \"$cur\") ); return\n"
           "  fi\n"
           "  case \"$verb\" in\n%2"
           "  esac\n"
           "  COMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") )\n"
           "}\n"
           "complete -o default -F _arbor arbor\n"_s.arg(names.join(u' '), cases);
}

} // namespace arbor::app
