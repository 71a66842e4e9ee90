#include "model/instancetag.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<InstanceTag> InstanceTag::parse(const QString &text)
{
    static const QRegularExpression name(u"^[A-Za-z0-9_.:/-]{1,64}$"_s);
    const qsizetype eq = text.indexOf(u'=');
    InstanceTag t{(eq < 0 ? text : text.left(eq)).trimmed(), eq < 0 ? QString() : text.mid(eq + 1).trimmed()};
    if (t.name.isEmpty())
        return Result<InstanceTag>::failure(u"a tag needs a name: \"name\" or \"name=value\" (got \"%1\")"_s.arg(text));
    if (!name.match(t.name).hasMatch())
        return Result<InstanceTag>::failure(
            u"the tag name \"%1\" must be 1 to 64 letters, digits or _ - . : /"_s.arg(t.name.left(80)));
    if (t.value.size() > 255 || t.value.contains(u'\n') || t.value.contains(u'\r'))
        return Result<InstanceTag>::failure(u"the value of tag %1 must be one line of at most 255 characters"_s.arg(t.name));
    return t;
}

Result<QList<InstanceTag>> InstanceTag::parseExpression(const QString &expression, QList<bool> *negated)
{
    QList<InstanceTag> out;
    negated->clear();
    for (const QString &part : expression.split(u',', Qt::SkipEmptyParts)) {
        QString p = part.trimmed();
        const bool no = p.startsWith(u'~');
        if (no)
            p = p.mid(1);
        auto t = parse(p);
        if (!t.ok())
            return Result<QList<InstanceTag>>::failure(t.error());
        out << t.value();
        negated->append(no);
    }
    if (out.isEmpty())
        return Result<QList<InstanceTag>>::failure(u"no tag given: use ?tag=name, name=value, ~name, or several joined by commas"_s);
    return out;
}

bool InstanceTag::matches(const QList<InstanceTag> &tags, const QList<InstanceTag> &expression, const QList<bool> &negated)
{
    for (qsizetype n = 0; n < expression.size(); ++n) {
        const InstanceTag &want = expression.at(n);
        bool has = false;
        for (const InstanceTag &t : tags) {
            if (t.name == want.name && (want.value.isEmpty() || t.value == want.value))
                has = true;
        }
        if (has == negated.value(n))
            return false;
    }
    return true;
}

} // namespace arbor::core
