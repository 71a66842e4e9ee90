#include "core/recovery/hookcommand.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

Result<HookCommand> refuse(const QString &line, const QString &why)
{
    return Result<HookCommand>::failure(u"the hook \"%1\" cannot be used: %2."_s.arg(line, why));
}

const QString kEnvAdvice = u"pass the value through the ORC_* / ARBOR_* environment variables (e.g. \"$ORC_FAILED_HOST\"), "
                           "which no interpreter parses as code, or call a script with the placeholder as its argument"_s;

// Follows the words of one command (argv, or one command of a shell line) and says when the next word
// is read as code by a second interpreter. Authors are trusted; values are not: this catches the
// usual ways a value would be handed to an interpreter, so that quoting cannot be defeated by them.
class InterpreterTracker
{
public:
    // The interpreter that would parse the words from here on; empty when none.
    const QString &code() const { return m_code; }

    void onWord(const QString &word, bool readsPipe)
    {
        if (!m_code.isEmpty())
            return;
        const QString name = word.section(u'/', -1);
        if (!m_pending.isEmpty() && word.size() > 1 && word.startsWith(u'-')) {
            // An option of a shell or language interpreter may be -c / -e / -r: its program text follows.
            // sudo runs a shell only with -s / -i.
            const bool code = m_pending != u"sudo"_s
                              || (word.startsWith(u"--"_s) ? word == u"--shell"_s || word == u"--login"_s
                                                           : word.contains(u's') || word.contains(u'i'));
            if (code) {
                m_code = m_pending + u' ' + word;
                return;
            }
        } else if (!m_pending.isEmpty()) {
            m_pending.clear(); // a script file: the words after it are its arguments, not code
        }
        static const QRegularExpression always(u"^(ssh|su|eval|xargs|watch|flock|awk|gawk|mawk|nawk|expect|source)$"_s);
        static const QRegularExpression language(
            u"^(sh|bash|dash|zsh|ksh|mksh|ash|fish|csh|tcsh|busybox|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|"
            "php[0-9.]*|lua[0-9.]*|tclsh[0-9.]*|pwsh|sudo)$"_s);
        if (always.match(name).hasMatch()) {
            m_code = name;
        } else if (language.match(name).hasMatch()) {
            m_pending = name;
            if (readsPipe && name != u"sudo"_s)
                m_code = name + u" reading a pipe"_s;
        }
    }

    void reset()
    {
        m_code.clear();
        m_pending.clear();
    }

private:
    QString m_code;
    QString m_pending;
};

QString placeholderAt(const QString &s, qsizetype i)
{
    if (s.at(i) != u'{')
        return {};
    const qsizetype close = s.indexOf(u'}', i + 1);
    if (close < 0 || close - i > 40)
        return {};
    const QString name = s.mid(i + 1, close - i - 1);
    return HookCommand::placeholderNames().contains(name) ? name : QString();
}

// The shell form: finds each placeholder's quoting context the way a POSIX shell reads the line.
class ShellScan
{
public:
    explicit ShellScan(const QString &script) : m_s(script) {}

    QString error;
    QList<HookCommand::Piece> pieces;

    bool run()
    {
        for (m_i = 0; m_i < m_s.size() && error.isEmpty(); ++m_i)
            step();
        if (!error.isEmpty())
            return false;
        endWord();
        if (m_stack.size() > 1) {
            error = u"a quote, $( or ` is not closed"_s;
            return false;
        }
        if (m_placeholders > 0 && m_heredoc) {
            error = u"a here-document (<<) and placeholders in one line: Arbor cannot tell which text the shell reads as "
                    "data; "_s + kEnvAdvice;
            return false;
        }
        if (m_placeholders > 0 && !m_pipeReader.isEmpty()) {
            error = u"placeholders in a line with %1: a value written into that pipe would run as code; "_s.arg(m_pipeReader)
                    + kEnvAdvice;
            return false;
        }
        if (m_placeholders > 0 && m_case) {
            error = u"a case statement and placeholders in one line: Arbor cannot follow the quoting there; "_s + kEnvAdvice;
            return false;
        }
        flush();
        return true;
    }

private:
    enum class C { Top, Cmd, Single, Double, Back, Param, Ansi, Comment };
    const QString &m_s;
    qsizetype m_i = 0;
    QList<C> m_stack{C::Top};
    QList<int> m_depth{0};
    QString m_literal;
    QString m_word;
    bool m_wordStarted = false;
    bool m_pipe = false;
    bool m_heredoc = false;
    bool m_case = false;
    int m_placeholders = 0;
    QString m_pipeReader; // "sh reading a pipe": whatever flows into it is code
    InterpreterTracker m_tracker;

    QChar next(qsizetype ahead = 1) const { return m_i + ahead < m_s.size() ? m_s.at(m_i + ahead) : QChar(); }
    void push(C c)
    {
        m_stack.append(c);
        m_depth.append(0);
    }
    void pop()
    {
        m_stack.removeLast();
        m_depth.removeLast();
    }
    void flush()
    {
        if (!m_literal.isEmpty())
            pieces.append({m_literal, {}, HookCommand::Context::Unquoted});
        m_literal.clear();
    }
    void endWord()
    {
        if (!m_wordStarted)
            return;
        if (m_word == u"case"_s)
            m_case = true;
        m_tracker.onWord(m_word, m_pipe);
        if (m_pipe && m_pipeReader.isEmpty() && m_tracker.code().endsWith(u"reading a pipe"_s))
            m_pipeReader = m_tracker.code();
        m_pipe = false;
        m_word.clear();
        m_wordStarted = false;
    }
    void separator()
    {
        endWord();
        m_tracker.reset();
        m_pipe = false;
    }
    // Appends the current character (and @p extra more) to the script text.
    void take(int extra = 0)
    {
        m_literal += m_s.mid(m_i, 1 + extra);
        m_i += extra;
    }
    // After take(): also the next character, which belongs to the same token ("$(", "||").
    void takeNext()
    {
        m_literal += next();
        ++m_i;
    }

    bool placeholder()
    {
        const QString name = placeholderAt(m_s, m_i);
        if (name.isEmpty())
            return false;
        for (const C c : std::as_const(m_stack)) {
            if (c == C::Back || c == C::Param || c == C::Ansi || c == C::Comment) {
                static const QHash<C, QString> where{{C::Back, u"backquotes"_s}, {C::Param, u"${...}"_s},
                                                     {C::Ansi, u"$'...'"_s}, {C::Comment, u"a # comment"_s}};
                error = u"the placeholder {%1} is inside %2, where a value cannot be quoted safely; use $(...) or "
                        "plain quotes instead"_s.arg(name, where.value(c));
                return true;
            }
        }
        if (!m_tracker.code().isEmpty()) {
            error = u"the placeholder {%1} would be parsed again as code by %2, where a hostile value could run "
                    "commands; "_s.arg(name, m_tracker.code()) + kEnvAdvice;
            return true;
        }
        flush();
        const C top = m_stack.last();
        pieces.append({{}, name,
                       top == C::Single   ? HookCommand::Context::SingleQuoted
                       : top == C::Double ? HookCommand::Context::DoubleQuoted
                                          : HookCommand::Context::Unquoted});
        ++m_placeholders;
        m_wordStarted = true;
        m_i += name.size() + 1; // the loop steps over the closing brace
        return true;
    }

    void step()
    {
        if (placeholder())
            return;
        const QChar c = m_s.at(m_i);
        switch (m_stack.last()) {
        case C::Single:
            take();
            if (c == u'\'')
                pop();
            else
                m_word += c;
            return;
        case C::Ansi:
        case C::Back:
            if (c == u'\\') {
                take(1);
                return;
            }
            take();
            if ((m_stack.last() == C::Ansi && c == u'\'') || (m_stack.last() == C::Back && c == u'`'))
                pop();
            return;
        case C::Comment:
            take();
            if (c == u'\n') {
                pop();
                separator();
            }
            return;
        case C::Param:
            take();
            if (c == u'}')
                pop();
            else if (c == u'$' && next() == u'{')
                takeNext(), push(C::Param);
            else if (c == u'\'')
                push(C::Single);
            else if (c == u'"')
                push(C::Double);
            return;
        case C::Double:
            if (c == u'\\' && QStringView(u"$`\"\\\n").contains(next())) {
                m_word += next();
                take(1);
                return;
            }
            take();
            if (c == u'"')
                pop();
            else if (c == u'$' && next() == u'(')
                takeNext(), push(C::Cmd);
            else if (c == u'$' && next() == u'{')
                takeNext(), push(C::Param);
            else if (c == u'`')
                push(C::Back);
            else
                m_word += c;
            return;
        case C::Top:
        case C::Cmd:
            unquoted(c);
            return;
        }
    }

    void unquoted(QChar c)
    {
        const bool inCmd = m_stack.last() == C::Cmd;
        if (c == u'\\') {
            if (next() != u'\n')
                m_word += next();
            m_wordStarted = true;
            take(1);
            return;
        }
        if (c == u'#' && !m_wordStarted) {
            take();
            push(C::Comment);
            return;
        }
        take();
        if (c == u'\'') {
            push(C::Single);
            m_wordStarted = true;
        } else if (c == u'"') {
            push(C::Double);
            m_wordStarted = true;
        } else if (c == u'`') {
            push(C::Back);
            m_wordStarted = true;
        } else if (c == u'$') {
            m_wordStarted = true;
            if (next() == u'(')
                takeNext(), push(C::Cmd);
            else if (next() == u'{')
                takeNext(), push(C::Param);
            else if (next() == u'\'')
                takeNext(), push(C::Ansi);
        } else if (c == u'(') {
            if (inCmd)
                ++m_depth.last();
            separator();
        } else if (c == u')') {
            if (inCmd && m_depth.last() == 0) {
                endWord();
                pop();
            } else {
                if (inCmd)
                    --m_depth.last();
                separator();
            }
        } else if (c.isSpace()) {
            if (c == u'\n')
                separator();
            else
                endWord();
        } else if (c == u';' || c == u'&') {
            separator();
        } else if (c == u'|') {
            if (next() == u'|') {
                takeNext();
                separator();
            } else {
                endWord();
                m_pipe = true;
            }
        } else if (c == u'<') {
            if (next() == u'<')
                m_heredoc = true;
            endWord();
        } else if (c == u'>') {
            endWord();
        } else {
            m_word += c;
            m_wordStarted = true;
        }
    }
};

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

QString HookCommand::shellQuote(const QString &value)
{
    QString v = value;
    v.remove(QChar(0)); // a shell argument cannot hold NUL; the rest stays byte for byte
    return u'\'' + v.replace(u'\'', u"'\\''"_s) + u'\'';
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

    // First as argv; any shell syntax outside single quotes makes it the shell form.
    bool shellSyntax = false;
    QString word;
    bool inWord = false;
    enum class Q { None, Single, Double } quote = Q::None;
    for (qsizetype i = 0; i < text.size() && !shellSyntax; ++i) {
        const QChar c = text.at(i);
        if (quote == Q::Single) {
            if (c == u'\'')
                quote = Q::None;
            else
                word += c;
            continue;
        }
        if (quote == Q::Double) {
            if (c == u'"')
                quote = Q::None;
            else if (c == u'\\' && i + 1 < text.size() && (text.at(i + 1) == u'"' || text.at(i + 1) == u'\\'))
                word += text.at(++i);
            else if (c == u'$' || c == u'`')
                shellSyntax = true;
            else
                word += c;
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
        if (c == u'\'') {
            quote = Q::Single;
        } else if (c == u'"') {
            quote = Q::Double;
        } else if (c == u'\\') {
            if (i + 1 >= text.size())
                return refuse(line, u"it ends with a lone backslash"_s);
            word += text.at(++i);
        } else if (QStringView(u"|;<>`$&").contains(c) || (c == u'#' && !inWord)) {
            shellSyntax = true;
        } else {
            word += c;
        }
        inWord = true;
    }

    if (shellSyntax) {
        ShellScan scan(text);
        if (!scan.run())
            return refuse(line, scan.error);
        cmd.m_shell = true;
        cmd.m_script = scan.pieces;
        cmd.m_argv = {text};
        return cmd;
    }
    if (quote != Q::None)
        return refuse(line, u"a quote is not closed"_s);
    if (inWord)
        cmd.m_argv.append(word);

    // A placeholder after an interpreter that reads its arguments as code (sh -c, ssh, python -c, ...)
    // would be parsed by it: refuse rather than quote for the wrong language.
    InterpreterTracker tracker;
    for (const QString &arg : std::as_const(cmd.m_argv)) {
        if (!tracker.code().isEmpty()) {
            for (const QString &name : placeholderNames()) {
                if (arg.contains(u'{' + name + u'}'))
                    return refuse(line, u"the placeholder {%1} would be parsed again as code by %2, where a hostile value "
                                        "could run commands; "_s.arg(name, tracker.code()) + kEnvAdvice);
            }
        }
        tracker.onWord(arg, false);
    }
    return cmd;
}

QStringList HookCommand::expand(const QHash<QString, QString> &values, const QString &shell) const
{
    auto value = [&](const QString &name) {
        const auto it = values.constFind(name);
        return it == values.constEnd() ? u'{' + name + u'}' : *it;
    };
    if (m_shell) {
        QString script;
        for (const Piece &p : m_script) {
            if (p.placeholder.isEmpty()) {
                script += p.text;
                continue;
            }
            const QString quoted = shellQuote(value(p.placeholder));
            switch (p.context) {
            case Context::Unquoted: script += quoted; break;
            case Context::SingleQuoted: script += quoted.mid(1, quoted.size() - 2); break; // closes and reopens
            case Context::DoubleQuoted: script += u'"' + quoted + u'"'; break;
            }
        }
        return {shell, u"-c"_s, script};
    }
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
