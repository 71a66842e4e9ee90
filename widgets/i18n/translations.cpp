#include "i18n/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

namespace {
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> list;
    return list;
}
} // namespace

QStringList Translations::defaultSearchDirs()
{
    const QString bin = QCoreApplication::applicationDirPath();
    return {u":/i18n"_s, bin + u"/../share/arbor/translations"_s, bin + u"/translations"_s};
}

QString Translations::install(const QString &language, const QStringList &searchDirs)
{
    for (const QPointer<QTranslator> &t : std::as_const(installed())) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();

    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English);
    // English has a catalogue too: the source strings' plural forms ("1 server", "2 servers").
    const bool english = locale.language() == QLocale::English;
    auto *arbor = new QTranslator(QCoreApplication::instance());
    bool found = false;
    for (const QString &dir : searchDirs) {
        if (arbor->load(locale, u"arbor"_s, u"_"_s, dir)) {
            found = true;
            break;
        }
    }
    if (!found) {
        delete arbor;
        return QString();
    }
    QCoreApplication::installTranslator(arbor);
    installed().append(arbor);
    // Qt's own strings (standard buttons, file dialogs) when Qt's catalogues are installed.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;
    }
    if (english)
        return QString();
    const QString name = locale.name();
    return name.left(name.indexOf(u'_'));
}

QStringList Translations::available(const QStringList &searchDirs)
{
    QStringList out{u"en"_s};
    for (const QString &dir : searchDirs) {
        for (const QString &file : QDir(dir).entryList({u"arbor_*.qm"_s}, QDir::Files)) {
            const QString code = file.mid(6, file.size() - 9);
            if (!out.contains(code))
                out.append(code);
        }
    }
    return out;
}

} // namespace arbor::widgets
