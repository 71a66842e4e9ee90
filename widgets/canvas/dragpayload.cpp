#include "canvas/dragpayload.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

QString DragPayload::mimeType()
{
    return u"application/x-arbor-instance-keys"_s;
}

QMimeData *DragPayload::toMimeData() const
{
    QJsonArray keyList;
    QStringList lines;
    for (const InstanceKey &k : keys) {
        keyList.append(k.toString());
        lines << k.toString();
    }
    QJsonObject o{{u"keys"_s, keyList}};
    if (replicasOf.isValid())
        o.insert(u"replicasOf"_s, replicasOf.toString());
    if (classic)
        o.insert(u"classic"_s, true);
    auto *mime = new QMimeData;
    mime->setData(mimeType(), QJsonDocument(o).toJson(QJsonDocument::Compact));
    mime->setText(lines.join(u'\n'));
    return mime;
}

Result<DragPayload> DragPayload::fromMimeData(const QMimeData *mime)
{
    auto fail = [](const QString &why) {
        return Result<DragPayload>::failure(QCoreApplication::translate("DragPayload", "the dropped data is not a server list: %1").arg(why));
    };
    if (!mime || !mime->hasFormat(mimeType()))
        return fail(QCoreApplication::translate("DragPayload", "it has no %1 part").arg(mimeType()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(mime->data(mimeType()), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(error.errorString());
    DragPayload p;
    const QJsonArray keyList = doc.object().value(u"keys"_s).toArray();
    for (const QJsonValue &v : keyList) {
        // The payload may come from anywhere: every key is parsed as strictly as user input.
        auto key = InstanceKey::parse(v.toString());
        if (!key.ok())
            return fail(key.error());
        p.keys << key.value();
    }
    if (p.keys.isEmpty())
        return fail(QCoreApplication::translate("DragPayload", "it names no server"));
    const QString group = doc.object().value(u"replicasOf"_s).toString();
    if (!group.isEmpty()) {
        auto key = InstanceKey::parse(group);
        if (!key.ok())
            return fail(key.error());
        p.replicasOf = key.value();
    }
    p.classic = doc.object().value(u"classic"_s).toBool() && !p.isGroup();
    return p;
}

OperationRequest DragPayload::requestFor(const InstanceKey &target, const QList<InstanceKey> &allReplicasOfSource,
                                         const InstanceKey &moverSource) const
{
    OperationRequest r;
    r.target = target;
    if (!isGroup() && classic) {
        r.instance = keys.value(0);
        if (moverSource.isValid() && target == moverSource) {
            r.kind = OperationKind::TakeMaster;
            r.target = {};
        } else {
            r.kind = OperationKind::MoveBelow;
        }
        return r;
    }
    if (!isGroup()) {
        r.kind = OperationKind::Relocate;
        r.instance = keys.value(0);
        return r;
    }
    r.kind = OperationKind::RelocateReplicas;
    r.instance = replicasOf;
    // A folded group may hold only some replicas of its source (the leaves): name exactly those.
    const QSet<InstanceKey> all(allReplicasOfSource.cbegin(), allReplicasOfSource.cend());
    const QSet<InstanceKey> dragged(keys.cbegin(), keys.cend());
    if (dragged != all) {
        QStringList alternatives;
        for (const InstanceKey &k : keys)
            alternatives << QRegularExpression::escape(k.toString());
        alternatives.sort();
        r.pattern = u"^(?:%1)$"_s.arg(alternatives.join(u'|'));
    }
    return r;
}

} // namespace arbor::widgets
