#include "canvas/servercard.h"

#include "canvas/stateglyph.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
constexpr qreal kPad = 8.0;
constexpr qreal kStripe = 5.0;
constexpr qreal kLine = 17.0;
constexpr qreal kGlyph = 14.0;

QString shortVersion(const QString &version, Flavour flavour)
{
    // "10.11.19-MariaDB-0+deb12u1-log" -> "10.11.19-MariaDB": the packaging suffix is noise on a card.
    const QStringList parts = version.split(u'-');
    if (parts.size() >= 2 && parts.at(1).compare(u"MariaDB"_s, Qt::CaseInsensitive) == 0)
        return parts.at(0) + u"-MariaDB"_s;
    // MySQL's version ("8.4.3", "8.0.36-28") does not name the server: the card does, as `arbor check` does.
    if (flavour == Flavour::MySQL || flavour == Flavour::Percona)
        return flavourName(flavour) + u' ' + parts.value(0, version);
    return parts.value(0, version);
}

QString xmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

QFont cardFont(bool bold, qreal pointSize)
{
    QFont f(u"DejaVu Sans"_s);
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}
} // namespace

QString ServerCard::roleName(Role role)
{
    switch (role) {
    case Role::Source: return tr("source");
    case Role::IntermediateSource: return tr("intermediate source");
    case Role::Replica: return tr("replica");
    }
    return {};
}

QString ServerCard::stateWord(InstanceHealth health)
{
    switch (health) {
    case InstanceHealth::Ok: return tr("OK");
    case InstanceHealth::Lagging: return tr("LAGGING");
    case InstanceHealth::Connecting: return tr("CONNECTING");
    case InstanceHealth::ReplicationStopped: return tr("REPLICATION STOPPED");
    case InstanceHealth::ReplicationBroken: return tr("REPLICATION BROKEN");
    case InstanceHealth::Unreachable: return tr("UNREACHABLE");
    }
    return {};
}

ServerCard ServerCard::from(const Instance &i, Role role, bool downtimed, int lagThresholdSeconds)
{
    ServerCard c;
    c.key = i.key;
    c.health = healthOf(i, lagThresholdSeconds);
    c.downtimed = downtimed;
    c.title = i.key.toString();
    c.subtitle = roleName(role) + u" · "_s + (i.version.isEmpty() ? tr("version unknown") : shortVersion(i.version, i.flavour));
    QStringList mode;
    mode << (i.readOnly ? tr("read-only") : tr("writeable"));
    if (i.isReplica())
        mode << (i.usesGtid() ? tr("GTID %1").arg(i.replication->gtidPositioning) : tr("file:pos"));
    mode << (i.logBin ? (i.binlogFormat.isEmpty() ? tr("binlog") : i.binlogFormat) : tr("no binlog"));
    c.modeLine = mode.join(u" · "_s);

    const auto lag = i.lagSeconds();
    QString state = stateWord(c.health);
    QString error;
    switch (c.health) {
    case InstanceHealth::Ok:
    case InstanceHealth::Lagging:
        if (i.isReplica())
            state += lag ? tr(" · lag %1 s").arg(*lag) : tr(" · lag unknown");
        break;
    case InstanceHealth::Connecting:
        // What tells it apart from broken; the arrow already shows which source it is connecting to.
        state = tr("CONNECTING · no error yet");
        break;
    case InstanceHealth::ReplicationStopped:
        if (i.replication)
            state = tr("STOPPED · IO %1, SQL %2")
                        .arg(ReplicationState::threadStateName(i.replication->ioThread),
                             ReplicationState::threadStateName(i.replication->sqlThread));
        break;
    case InstanceHealth::ReplicationBroken:
        if (i.replication) {
            error = i.replication->lastSqlError.isEmpty() ? i.replication->lastIoError : i.replication->lastSqlError;
            const int code = i.replication->lastSqlErrno ? i.replication->lastSqlErrno : i.replication->lastIoErrno;
            state = code ? tr("BROKEN · error %1").arg(code) : tr("BROKEN · source unreachable");
        }
        break;
    case InstanceHealth::Unreachable:
        error = i.lastError;
        // Not down: the address its source lists answers as another server, which Arbor does not poll.
        if (!i.identityProblem.isEmpty())
            state = tr("UNVERIFIED · reported address does not answer as this replica");
        break;
    }
    if (downtimed)
        state += tr(" · DOWNTIMED");
    c.stateText = state;
    QStringList tip{c.title, c.subtitle, c.modeLine, state};
    if (!error.isEmpty())
        tip << error;
    for (const QString &w : i.warnings)
        tip << tr("warning: %1").arg(w);
    c.toolTip = tip.join(u'\n');
    return c;
}

void ServerCard::paint(QPainter *p, const QRectF &r, const CanvasTheme &theme, bool selected) const
{
    const QColor state = theme.stateColour(health);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    QPainterPath box;
    box.addRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p->fillPath(box, theme.cardFill);
    // The state stripe on the left edge: colour plus (below) a glyph and a word.
    p->save();
    p->setClipPath(box);
    p->fillRect(QRectF(r.left(), r.top(), kStripe, r.height()), state);
    if (downtimed) {
        QBrush hatch(theme.downtimed, Qt::BDiagPattern);
        p->fillRect(QRectF(r.right() - 28, r.top(), 28, r.height()), hatch);
    }
    p->restore();
    p->setPen(QPen(selected ? theme.selection : (health == InstanceHealth::Ok ? theme.cardBorder : state),
                   selected ? 2.5 : (health == InstanceHealth::Ok ? 1.0 : 1.6)));
    p->setBrush(Qt::NoBrush);
    p->drawPath(box);

    const qreal x = r.left() + kStripe + kPad;
    const qreal w = r.width() - kStripe - 2 * kPad;
    qreal y = r.top() + 5;
    p->setFont(cardFont(true, 9.5));
    p->setPen(theme.text);
    p->drawText(QRectF(x, y, w, kLine), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(p->font()).elidedText(title, Qt::ElideMiddle, w));
    y += kLine;
    p->setFont(cardFont(false, 8.0));
    p->setPen(theme.mutedText);
    const QFontMetricsF small(p->font());
    p->drawText(QRectF(x, y, w, kLine), Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(subtitle, Qt::ElideRight, w));
    y += kLine;
    p->drawText(QRectF(x, y, w, kLine), Qt::AlignLeft | Qt::AlignVCenter, small.elidedText(modeLine, Qt::ElideRight, w));
    y += kLine + 2;
    StateGlyph::paint(p, QRectF(x, y + (kLine - kGlyph) / 2, kGlyph, kGlyph), health, state);
    p->setFont(cardFont(true, 8.0));
    p->setPen(health == InstanceHealth::Ok ? theme.text : state);
    p->drawText(QRectF(x + kGlyph + 5, y, w - kGlyph - 5, kLine), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(p->font()).elidedText(stateText, Qt::ElideRight, w - kGlyph - 5));
    p->restore();
}

QString ServerCard::svg(const QRectF &r, const CanvasTheme &theme) const
{
    const QColor state = theme.stateColour(health);
    auto n = [](qreal v) { return QString::number(v, 'f', 1); };
    const qreal x = r.left() + kStripe + kPad;
    QString out = u"<g class=\"server\" id=\"%1\" data-key=\"%2\" data-state=\"%3\"%4>"_s.arg(
        u"server-"_s + QString(title).replace(u':', u'_').replace(u'[', u'_').replace(u']', u'_'), xmlEscape(title),
        healthName(health), downtimed ? u" data-downtimed=\"true\""_s : QString());
    out += u"<title>%1</title>"_s.arg(xmlEscape(toolTip));
    out += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"6\" fill=\"%5\" stroke=\"%6\" stroke-width=\"%7\"/>"_s.arg(
        n(r.left() + 0.5), n(r.top() + 0.5), n(r.width() - 1), n(r.height() - 1), theme.cardFill.name(),
        (health == InstanceHealth::Ok ? theme.cardBorder : state).name(), health == InstanceHealth::Ok ? u"1"_s : u"1.6"_s);
    out += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>"_s.arg(n(r.left() + 0.5), n(r.top() + 3),
                                                                                  n(kStripe), n(r.height() - 6), state.name());
    const QString font = u"font-family=\"DejaVu Sans, sans-serif\""_s;
    qreal y = r.top() + 5 + kLine * 0.72;
    out += u"<text x=\"%1\" y=\"%2\" %3 font-size=\"12.5\" font-weight=\"bold\" fill=\"%4\">%5</text>"_s.arg(
        n(x), n(y), font, theme.text.name(), xmlEscape(title));
    y += kLine;
    out += u"<text x=\"%1\" y=\"%2\" %3 font-size=\"10.5\" fill=\"%4\">%5</text>"_s.arg(n(x), n(y), font,
                                                                                      theme.mutedText.name(), xmlEscape(subtitle));
    y += kLine;
    out += u"<text x=\"%1\" y=\"%2\" %3 font-size=\"10.5\" fill=\"%4\">%5</text>"_s.arg(n(x), n(y), font,
                                                                                      theme.mutedText.name(), xmlEscape(modeLine));
    const qreal glyphTop = r.top() + 5 + 3 * kLine + 2 + (kLine - kGlyph) / 2;
    out += StateGlyph::svg(QRectF(x, glyphTop, kGlyph, kGlyph), health, state);
    y += kLine + 2;
    out += u"<text x=\"%1\" y=\"%2\" %3 font-size=\"10.5\" font-weight=\"bold\" fill=\"%4\">%5</text>"_s.arg(
        n(x + kGlyph + 5), n(y), font, (health == InstanceHealth::Ok ? theme.text : state).name(), xmlEscape(stateText));
    return out + u"</g>\n"_s;
}

} // namespace arbor::widgets
