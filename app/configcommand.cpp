// config: check a service config, or hash an API password for it.
#include "commandcontext.h"
#include "commands.h"

#include "api/passwordhash.h"
#include "config/configmigration.h"
#include "config/serviceconfig.h"

#include <QJsonDocument>

#include <QFile>

#include <termios.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
QString readPassword()
{
    // No echo on a terminal; a pipe gives its first line.
    termios saved{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        QTextStream(stderr) << u"Password: "_s << Qt::flush;
    }
    QFile in;
    [[maybe_unused]] const bool opened = in.open(stdin, QIODevice::ReadOnly);
    QString line = QString::fromUtf8(in.readLine());
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        QTextStream(stderr) << u"\n"_s;
    }
    while (line.endsWith(u'\n') || line.endsWith(u'\r'))
        line.chop(1);
    return line;
}
} // namespace

int runConfig(const QStringList &arguments)
{
    CommandContext ctx(u"config"_s);
    ctx.parser().setApplicationDescription(
        u"arbor config check FILE: validate a service config (exit 0 valid, 1 invalid); warnings name unknown keys.\n"
        "arbor config migrate FILE: write an orchestrator.conf.json as Arbor's own config on stdout (same behaviour, "
        "API passwords hashed); every key not carried over is listed on stderr with the reason.\n"
        "arbor config hash-password: read a password from stdin, print the hash for api.users[].passwordHash."_s);
    ctx.parser().addPositionalArgument(u"ACTION"_s, u"check, migrate or hash-password"_s);
    ctx.parser().addPositionalArgument(u"FILE"_s, u"The config file (check, migrate)."_s);
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const QStringList positional = ctx.parser().positionalArguments();
    const QString action = positional.value(0);
    if (action == u"hash-password"_s) {
        if (positional.size() != 1)
            return ctx.usage(u"hash-password takes no arguments; it reads the password from stdin"_s);
        const QString password = readPassword();
        if (password.isEmpty())
            return ctx.fail(u"empty password: nothing to hash"_s);
        ctx.out() << PasswordHash::make(password) << u'\n';
        return 0;
    }
    if (action != u"check"_s && action != u"migrate"_s)
        return ctx.usage(u"expected check FILE, migrate FILE or hash-password"_s);
    if (positional.size() != 2)
        return ctx.usage(u"expected %1 FILE"_s.arg(action));
    const ServiceConfig::Check check = ServiceConfig::checkFile(positional.at(1));
    if (action == u"migrate"_s) {
        for (const QString &e : check.errors)
            ctx.err() << u"error: "_s << e << u'\n';
        if (!check.errors.isEmpty())
            return ctx.fail(u"%1 is not valid (%2 error(s)); fix it before migrating"_s.arg(positional.at(1)).arg(check.errors.size()));
        const ConfigMigration m = ConfigMigration::from(check.config);
        for (const QString &d : m.dropped)
            ctx.err() << u"dropped: "_s << d << u'\n';
        for (const QString &note : m.notes)
            ctx.err() << u"note: "_s << note << u'\n';
        ctx.err().flush();
        ctx.out() << QString::fromUtf8(QJsonDocument(m.native).toJson(QJsonDocument::Indented));
        ctx.out().flush();
        return 0;
    }
    for (const QString &w : check.config.warnings)
        ctx.err() << u"warning: "_s << w << u'\n';
    for (const QString &e : check.errors)
        ctx.err() << u"error: "_s << e << u'\n';
    ctx.err().flush();
    if (!check.errors.isEmpty())
        return ctx.fail(u"%1 is not valid (%2 error(s))"_s.arg(positional.at(1)).arg(check.errors.size()));
    const ServiceConfig &c = check.config;
    ctx.out() << u"%1 is valid: backend %2, API on %3:%4%5, %6 user(s), lease %7 s, polling every %8 s\n"_s
                     .arg(positional.at(1),
                          c.backendKind == StoreOptions::Kind::MySql
                              ? u"MySQL %1:%2/%3"_s.arg(c.backendHost).arg(c.backendPort).arg(c.backendDatabase)
                              : u"SQLite %1"_s.arg(c.sqliteFile),
                          c.listenHost)
                     .arg(c.listenPort)
                     .arg(c.tlsCertFile.isEmpty() ? u""_s : u" (TLS)"_s)
                     .arg(c.users.size())
                     .arg(c.leaseSeconds)
                     .arg(c.pollSeconds);
    ctx.out().flush();
    return 0;
}

} // namespace arbor::app
