#include "recovery/hookcommand.h"

#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

Result<HookCommand> refuse(const QString &line, const QString &why)
{
    return Result<HookCommand>::failure(u"the hook \"%1\" cannot be used: %2."_s.arg(line, why));
}

bool isShell(const QString &program)
{
    static const QStringList shells{u"sh"_s, u"bash"_s, u"dash"_s, u"zsh"_s, u"ksh"_s, u"ash"_s, u"fish"_s};
    return shells.contains(QFileInfo(program).fileName());
}

} // namespace

const QStringList &HookCommand::placeholderNames()
{
    static const QStringList names{
        u"failureType"_s, u"instanceType"_s, u"isMaster"_s, u"isCoMaster"_s, u"failureDescription"_s,
        u"command"_s, u"failedHost"_s, u"failedPort"_s, u"failureCluster"_s, u"failureClusterAlias"_s,
        u"failureClusterDomain"_s, u"countReplicas"_s, u"countSlaves"_s, u"isDowntimed"_s,
        u"autoMasterRecovery"_s, u"autoIntermediateMasterRecovery"_s, u"orchestratorHost"_s,
        u"recoveryUID"_s, u"isSuccessful"_s, u"lostReplicas"_s, u"lostSlaves"_s, u"countLostReplicas"_s,
        u"replicaHosts"_s, u"slaveHosts"_s, u"successorHost"_s, u"successorPort"_s,
        u"successorBinlogCoordinates"_s, u"successorAlias"_s};
    return names;
}

Result<HookCommand> HookCommand::parse(const QString &line)
{
    HookCommand cmd;
    cmd.m_line = line;
    QString text = line.trimmed();
    if (text.endsWith(u'&') && !text.endsWith(u"\\&"_s) && !text.endsWith(u"&&"_s)) {
        cmd.m_detached = true;
        text.chop(1);
        text = text.trimmed();
    }
    if (text.isEmpty())
        return refuse(line, u"it is empty"_s);

    const QString advice = u"Arbor runs hooks without a shell; for shell syntax write sh -c '...' and read "
                           "values from the ORC_* / ARBOR_* environment variables"_s;
    QString word;
    bool inWord = false;
    enum class Q { None, Single, Double } quote = Q::None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quote == Q::Single) {
            if (c == u'\'')
                quote = Q::None;
            else
                word += c;
            continue;
        }
        if (quote == Q::Double) {
            if (c == u'"') {
                quote = Q::None;
            } else if (c == u'\\' && i + 1 < text.size()
                       && (text.at(i + 1) == u'"' || text.at(i + 1) == u'\\')) {
                word += text.at(++i);
            } else if (c == u'$' || c == u'`') {
                return refuse(line, u"'%1' inside double quotes would be expanded by a shell. %2"_s.arg(c, advice));
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord) {
                cmd.m_argv.append(word);
                word.clear();
                inWord = false;
            }
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Q::Single;
        } else if (c == u'"') {
            quote = Q::Double;
        } else if (c == u'\\') {
            if (i + 1 >= text.size())
                return refuse(line, u"it ends with a lone backslash"_s);
            word += text.at(++i);
        } else if (QStringView(u"|;<>`$&").contains(c)) {
            return refuse(line, u"'%1' is shell syntax. %2"_s.arg(c, advice));
        } else {
            word += c;
        }
    }
    if (quote != Q::None)
        return refuse(line, u"a quote is not closed"_s);
    if (inWord)
        cmd.m_argv.append(word);

    // A placeholder inside a shell's script would be parsed by that shell: the one way a hostile value
    // could still run. Refuse it and point at the environment variables, which a shell never re-parses.
    if (isShell(cmd.m_argv.first())) {
        for (qsizetype i = 1; i < cmd.m_argv.size(); ++i) {
            for (const QString &name : placeholderNames()) {
                if (cmd.m_argv.at(i).contains(u'{' + name + u'}'))
                    return refuse(line, u"the placeholder {%1} is inside a shell command, where a hostile value "
                                        "could run code; use \"$ORC_...\" / \"$ARBOR_...\" variables there"_s.arg(name));
            }
        }
    }
    return cmd;
}

QStringList HookCommand::expand(const QHash<QString, QString> &values) const
{
    QStringList out;
    out.reserve(m_argv.size());
    for (const QString &arg : m_argv) {
        // One left-to-right pass: a substituted value is never scanned again, so a value that itself
        // looks like "{failedHost}" stays literal.
        QString result;
        qsizetype i = 0;
        while (i < arg.size()) {
            if (arg.at(i) == u'{') {
                const qsizetype close = arg.indexOf(u'}', i + 1);
                if (close > i) {
                    const QString name = arg.mid(i + 1, close - i - 1);
                    const auto it = values.constFind(name);
                    if (it != values.constEnd()) {
                        result += *it;
                        i = close + 1;
                        continue;
                    }
                }
            }
            result += arg.at(i);
            ++i;
        }
        out.append(result);
    }
    return out;
}

} // namespace arbor::core
