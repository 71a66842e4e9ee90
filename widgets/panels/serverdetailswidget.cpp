#include "panels/serverdetailswidget.h"

#include "canvas/servercard.h"
#include "model/instancehealth.h"

#include <QScrollBar>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
QString yesNo(bool value)
{
    return value ? ServerDetailsWidget::tr("yes") : ServerDetailsWidget::tr("no");
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td style=\"padding-right:10px\"><b>%1</b></td><td>%2</td></tr>"_s.arg(name.toHtmlEscaped(),
                                                                                      value.toHtmlEscaped());
}

QString section(const QString &title)
{
    return u"<tr><td colspan=\"2\" style=\"padding-top:8px\"><b><u>%1</u></b></td></tr>"_s.arg(title.toHtmlEscaped());
}
} // namespace

ServerDetailsWidget::ServerDetailsWidget(TopologyState *state, QWidget *parent) : QTextBrowser(parent), m_state(state)
{
    setOpenLinks(false);
    setAccessibleName(tr("Server details"));
    connect(state, &TopologyState::instanceChanged, this, [this](const Instance &now, const Instance &) {
        if (now.key == m_key)
            render();
    });
    connect(state, &TopologyState::instanceRemoved, this, [this](const InstanceKey &key) {
        if (key == m_key)
            showServer({});
    });
    render();
}

void ServerDetailsWidget::setLagThreshold(int seconds)
{
    m_lagThreshold = seconds;
    render();
}

void ServerDetailsWidget::showServer(const InstanceKey &key)
{
    m_key = key;
    m_tags = m_tagReader && key.isValid() ? m_tagReader(key) : QList<InstanceTag>();
    render();
}

void ServerDetailsWidget::render()
{
    const auto found = m_key.isValid() ? m_state->instance(m_key) : std::nullopt;
    if (!found) {
        setHtml(u"<p><i>%1</i></p>"_s.arg(tr("Select a server on the canvas to see its facts.").toHtmlEscaped()));
        return;
    }
    const Instance &i = *found;
    const InstanceHealth health = healthOf(i, m_lagThreshold);
    QString html = u"<h3>%1</h3><table cellspacing=\"1\">"_s.arg(i.key.toString().toHtmlEscaped());
    QString state = ServerCard::stateWord(health);
    if (m_state->downtimed().contains(i.key))
        state += tr(" · downtimed: %1").arg(m_state->downtimed().value(i.key));
    html += row(tr("State"), state);
    if (!i.lastCheckValid)
        html += row(tr("Last error"), i.lastError);
    html += row(tr("Version"), i.version + (i.versionComment.isEmpty() ? QString() : u" ("_s + i.versionComment + u')'));
    html += row(tr("Server ID"), QString::number(i.serverId));
    if (!i.serverUuid.isEmpty())
        html += row(tr("Server UUID"), i.serverUuid);
    html += row(tr("Host name"), i.hostname);
    if (!m_tags.isEmpty()) {
        QStringList tags;
        for (const InstanceTag &t : std::as_const(m_tags))
            tags << t.toString();
        html += row(tr("Tags"), tags.join(u", "_s));
    }
    if (!i.dataCenter.isEmpty() || !i.region.isEmpty())
        html += row(tr("Data centre / region"), i.dataCenter + u" / "_s + i.region);
    html += row(tr("Uptime"), tr("%1 s").arg(i.uptimeSeconds));
    html += section(tr("Writes"));
    html += row(tr("read_only"), yesNo(i.readOnly) + (i.superReadOnly ? tr(" (super_read_only)") : QString()));
    html += row(tr("Binary log"), i.logBin ? tr("on, %1, row image %2").arg(i.binlogFormat, i.binlogRowImage) : tr("off"));
    html += row(tr("log_slave_updates"), yesNo(i.logReplicaUpdates));
    html += row(tr("Own coordinates"), i.selfCoordinates.toString());
    html += section(tr("GTID"));
    if (!i.gtidMode.isEmpty())
        html += row(tr("gtid_mode"), i.gtidMode);
    html += row(tr("Executed"), i.executedGtidSet);
    if (!i.gtidBinlogPos.isEmpty() || !i.gtidSlavePos.isEmpty()) {
        html += row(tr("gtid_binlog_pos"), i.gtidBinlogPos);
        html += row(tr("gtid_slave_pos"), i.gtidSlavePos);
        html += row(tr("gtid_strict_mode"), yesNo(i.gtidStrictMode));
    }
    if (i.replication) {
        const ReplicationState &r = *i.replication;
        html += section(tr("Replication"));
        html += row(tr("Source"), r.sourceKey.toString());
        html += row(tr("IO thread"), ReplicationState::threadStateName(r.ioThread));
        html += row(tr("SQL thread"), ReplicationState::threadStateName(r.sqlThread));
        const auto lag = i.lagSeconds();
        html += row(tr("Lag"), lag ? tr("%1 s (threshold %2 s)").arg(*lag).arg(m_lagThreshold) : tr("unknown"));
        html += row(tr("Positioning"), r.usesGtid() ? tr("GTID (%1)").arg(r.gtidPositioning) : tr("file:pos"));
        html += row(tr("Read up to"), r.readCoordinates.toString());
        html += row(tr("Executed up to"), r.execCoordinates.toString());
        if (r.sqlDelay)
            html += row(tr("Delay"), tr("%1 s").arg(r.sqlDelay));
        if (r.lastIoErrno)
            html += row(tr("Last IO error"), tr("%1: %2").arg(r.lastIoErrno).arg(r.lastIoError));
        if (r.lastSqlErrno)
            html += row(tr("Last SQL error"), tr("%1: %2").arg(r.lastSqlErrno).arg(r.lastSqlError));
        if (!r.filters.isEmpty())
            html += row(tr("Filters"), r.filters.join(u", "_s));
    }
    if (!i.replicaKeys.isEmpty()) {
        QStringList keys;
        for (const InstanceKey &k : i.replicaKeys)
            keys << k.toString();
        html += row(tr("Replicas"), keys.join(u", "_s));
    }
    if (i.semiSync.available) {
        html += section(tr("Semi-sync"));
        html += row(tr("Source side"), i.semiSync.sourceEnabled ? (i.semiSync.sourceActive ? tr("on, active") : tr("on, inactive")) : tr("off"));
        html += row(tr("Replica side"), i.semiSync.replicaEnabled ? (i.semiSync.replicaActive ? tr("on, active") : tr("on, inactive")) : tr("off"));
    }
    html += section(tr("Polling"));
    html += row(tr("Last checked"), i.lastChecked.toLocalTime().toString(Qt::ISODate));
    html += row(tr("Last seen"), i.lastSeen.toLocalTime().toString(Qt::ISODate));
    html += row(tr("Poll latency"), tr("%1 ms").arg(double(i.pollLatencyUs) / 1000.0, 0, 'f', 1));
    for (const QString &w : i.warnings)
        html += row(tr("Warning"), w);
    html += u"</table>"_s;
    // Re-rendered every poll: keep the reader's scroll position.
    const int scroll = verticalScrollBar()->value();
    setHtml(html);
    verticalScrollBar()->setValue(scroll);
}

} // namespace arbor::widgets
