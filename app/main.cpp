// arbor: one binary, three faces. A CLI verb or --service runs on QCoreApplication (no display);
// anything else opens the desktop window.
#include "cli.h"
#include "guimode.h"
#include "headlessexec.h"
#include "service/servicemode.h"

#include "util/allocator.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace {
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}
} // namespace

int main(int argc, char **argv)
{
    arbor::core::limitMallocArenas();
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == u"--version"_s || first == u"-v"_s) {
        QTextStream(stdout) << u"arbor " ARBOR_VERSION "\n"_s;
        return 0;
    }
    if (first == u"--help"_s || first == u"-h"_s || first == u"help"_s) {
        QTextStream(stdout) << arbor::app::Cli::usage();
        return 0;
    }
    if (first == u"--man"_s || first == u"--bash-completion"_s) {
        // Hidden: generated from the commands' own --help for the package (arbor.1, bash completion).
        QCoreApplication app(argc, argv);
        QTextStream(stdout) << (first == u"--man"_s ? arbor::app::Cli::manPage() : arbor::app::Cli::bashCompletion());
        return 0;
    }
    if (first == u"--service"_s)
        arbor::app::execHeadlessService(argv); // the lean binary; if it is missing, serve from here
    if (first.startsWith(u'-') && first != u"--service"_s) {
        // Global options before the verb ("arbor --store F relocate ..."): the verb's parser reads them anywhere.
        QStringList args;
        for (int i = 0; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        const QStringList ordered = arbor::app::Cli::verbFirst(args);
        if (ordered != args) {
            QCoreApplication app(argc, argv);
            QCoreApplication::setApplicationName(u"arbor"_s);
            QCoreApplication::setApplicationVersion(QStringLiteral(ARBOR_VERSION));
            return arbor::app::Cli::run(ordered);
        }
    }
    if (arbor::app::Cli::isVerb(first) || first == u"--service"_s) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(u"arbor"_s);
        QCoreApplication::setApplicationVersion(QStringLiteral(ARBOR_VERSION));
        if (first == u"--service"_s)
            return arbor::app::runService(QCoreApplication::arguments());
        return arbor::app::Cli::run(QCoreApplication::arguments());
    }
    if (!first.isEmpty() && !first.startsWith(u'-')) {
        QTextStream(stderr) << u"arbor: unknown command '%1'\n"_s.arg(first) << arbor::app::Cli::usage();
        return 2;
    }
    if (!hasDisplay()) {
        QTextStream(stderr) << u"arbor: no display for the desktop window (DISPLAY is not set); to follow a topology "
                               "in the terminal run: arbor watch HOST:PORT --credentials FILE\n"_s;
        return 2;
    }
    return arbor::app::runGui(argc, argv);
}
