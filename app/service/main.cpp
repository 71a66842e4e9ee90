// arbor-service: `arbor --service` without the desktop. The arbor binary links Qt Widgets, Gui and
// Charts for the window and the image exports; a process that maps them carries ~7 MB of their pages
// for nothing. `arbor --service` execs this binary (same arguments, same PID), so the headless
// service maps only Qt Core, Network and Sql.
#include "servicemode.h"

#include "util/allocator.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    arbor::core::limitMallocArenas();
    if (argc > 1 && (qstrcmp(argv[1], "--version") == 0 || qstrcmp(argv[1], "-v") == 0)) {
        QTextStream(stdout) << u"arbor " ARBOR_VERSION " (headless service)\n"_s;
        return 0;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"arbor"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ARBOR_VERSION));
    return arbor::app::runService(QCoreApplication::arguments());
}
