// check: can Arbor manage this server, and is it set up for fast failure detection?
#include "commandcontext.h"
#include "commands.h"

#include "probe/privilegecheck.h"

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

int runCheck(const QStringList &arguments)
{
    CommandContext ctx(u"check"_s);
    ctx.parser().setApplicationDescription(
        u"Connect to a server and report which privileges Arbor needs there (per flavour and version), which "
        "are missing, and settings that slow failure detection. Exits 1 when a privilege is missing."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.addTopologyOptions();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());

    InstanceProbe probe(key.value(), options.value().probe);
    auto grants = PrivilegeCheck::run(probe);
    if (!grants.ok())
        return ctx.fail(grants.error());
    const Instance instance = probe.poll();

    QTextStream &out = ctx.out();
    const Dialect dialect = *probe.dialect();
    out << u"%1: %2 %3 (%4)\n"_s.arg(key->toString(), flavourName(dialect.flavour()), dialect.version().toString(),
                                     instance.version.isEmpty() ? u"version unknown"_s : instance.version);
    out << u"user: %1\n"_s.arg(options.value().probe.credentials.user());
    if (grants->allPrivileges)
        out << u"privileges: ALL PRIVILEGES ON *.* (more than Arbor needs)\n"_s;
    for (const QString &p : grants->required) {
        const bool missing = grants->missing.contains(p);
        out << u"  %1 %2  %3\n"_s.arg(missing ? u"MISSING"_s : u"ok     "_s, p.leftJustified(26), PrivilegeCheck::purpose(p, &dialect));
    }
    if (!instance.lastCheckValid)
        out << u"poll: FAILED: %1\n"_s.arg(instance.lastError);
    QStringList settings = instance.warnings;
    if (instance.lastCheckValid && instance.reportHost.isEmpty() && !instance.isReplica())
        settings << u"report_host is not set: if this server becomes a replica, its source cannot list it"_s;
    if (instance.lastCheckValid && !instance.logBin)
        settings << u"log_bin is OFF: this server cannot be a source or be promoted"_s;
    if (settings.isEmpty())
        out << u"settings: nothing slows failure detection\n"_s;
    for (const QString &s : settings)
        out << u"  warning: %1\n"_s.arg(s);
    if (!grants->missing.isEmpty()) {
        out << u"to grant what is missing:\n  GRANT %1 ON *.* TO '%2'@'<arbor host>';\n"_s.arg(
            grants->missing.join(u", "_s), options.value().probe.credentials.user());
        out.flush();
        return 1;
    }
    return 0;
}

} // namespace arbor::app
