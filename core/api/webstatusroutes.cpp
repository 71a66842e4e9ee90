#include "api/routefiles.h"

#include "analysis/analyzer.h"
#include "api/apiroutes.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : u"—"_s;
}

QString badge(bool good, const QString &text)
{
    return u"<span class=\"%1\">%2</span>"_s.arg(good ? u"ok"_s : u"bad"_s, esc(text));
}

QString page(ServiceNode &node)
{
    const ElectionState &e = node.election();
    QString html;
    html += u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">"_s;
    html += u"<title>Arbor status: %1</title><style>"_s.arg(esc(node.nodeName()));
    html += u"body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px}"
            "table{border-collapse:collapse;min-width:640px}th,td{border:1px solid #ccc;padding:5px 10px;text-align:left}"
            "th{background:#eee}.ok{color:#176f2c;font-weight:bold}.bad{color:#b00020;font-weight:bold}"
            ".warn{color:#a35c00;font-weight:bold}.me{background:#f3f8ff}dl{display:grid;grid-template-columns:max-content auto;"
            "gap:4px 16px}dt{font-weight:bold}dd{margin:0}"_s;
    html += u"</style></head><body>"_s;
    html += u"<h1>Arbor status</h1><dl>"_s;
    html += u"<dt>This node</dt><dd>%1 (%2), Arbor %3, started %4</dd>"_s.arg(
        esc(node.nodeName()), node.isActive() ? badge(true, u"active"_s) : u"standby"_s, esc(QStringLiteral(ARBOR_VERSION)),
        esc(when(node.startedAt())));
    QString activeVersion;
    for (const NodeHealth &n : e.nodes) {
        if (n.nodeName == e.activeNodeName)
            activeVersion = n.appVersion;
    }
    html += u"<dt>Active node</dt><dd>%1</dd>"_s.arg(
        e.activeNodeName.isEmpty() ? badge(false, u"none: no node holds the lease"_s)
                                   : u"%1, Arbor %2, %3, active since %4"_s.arg(esc(e.activeNodeName), esc(activeVersion),
                                                                              esc(e.activeApiUrl), esc(when(e.firstSeenActive))));
    html += u"<dt>Backend</dt><dd>%1 %2</dd>"_s.arg(badge(e.backendOk, e.backendOk ? u"answers"_s : u"unreachable"_s),
                                                  esc(RouteParams::backendName(node))
                                                      + (e.backendOk ? QString() : u": "_s + esc(e.backendError)));
    html += u"<dt>Polling</dt><dd>%1</dd></dl>"_s.arg(esc(node.status()));

    html += u"<h2>Nodes</h2><table><tr><th>Node</th><th>Host</th><th>Role</th><th>Version</th><th>API</th>"
            "<th>Last seen</th><th>Available</th><th>Status</th></tr>"_s;
    for (const NodeHealth &n : e.nodes) {
        html += u"<tr%1><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td><td>%8</td><td>%9</td></tr>"_s.arg(
            n.nodeName == node.nodeName() ? u" class=\"me\""_s : QString(), esc(n.nodeName), esc(n.hostname),
            n.nodeName == e.activeNodeName ? badge(true, n.role) : esc(n.role), esc(n.appVersion), esc(n.apiUrl),
            esc(when(n.lastSeen)), badge(n.available, n.available ? u"yes"_s : u"no"_s), esc(n.status));
    }
    if (e.nodes.isEmpty())
        html += u"<tr><td colspan=\"8\">No node has reported to the backend yet.</td></tr>"_s;
    html += u"</table>"_s;

    html += u"<h2>Clusters</h2><table><tr><th>Cluster</th><th>Alias</th><th>Master</th><th>Servers</th><th>State</th></tr>"_s;
    const Topology &topology = node.state().topology();
    const QList<ReplicationAnalysis> rows = Analyzer::analyze(topology, AnalysisOptions{}, RouteParams::downtimedKeys(node));
    for (const Cluster &c : topology.clusters()) {
        QStringList problems;
        bool actionable = false;
        for (const ReplicationAnalysis &a : rows) {
            if (a.clusterName != c.name || a.code == AnalysisCode::NoProblem)
                continue;
            problems << u"%1 on %2"_s.arg(a.codeName(), a.key.toString());
            actionable = actionable || a.isActionable();
        }
        const QString state = problems.isEmpty()
                                  ? badge(true, u"ok"_s)
                                  : u"<span class=\"%1\">%2</span>"_s.arg(actionable ? u"bad"_s : u"warn"_s, esc(problems.join(u"; "_s)));
        html += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>"_s.arg(
            esc(c.name), esc(c.alias), esc(c.master.toString()), QString::number(c.members.size()), state);
    }
    if (topology.clusters().isEmpty())
        html += u"<tr><td colspan=\"5\">No cluster known yet.</td></tr>"_s;
    html += u"</table><p style=\"color:#666;font-size:12px\">Generated %1 by %2. The same facts as JSON: "
            "/api/status, /api/clusters-info, /api/replication-analysis.</p></body></html>"_s.arg(
                esc(when(QDateTime::currentDateTimeUtc())), esc(node.nodeName()));
    return html;
}
} // namespace

void registerWebStatusRoutes(ApiRoutes &routes, ServiceNode &node)
{
    routes.add("GET", u"web/status"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::text(page(node).toUtf8(), "text/html; charset=utf-8"));
    });
}

} // namespace arbor::core
