#include "store/analysischangetable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> AnalysisChangeTable::recordAnalysisChange(const AnalysisChange &change)
{
    const QString what = u"record the analysis change of %1"_s.arg(change.key.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"INSERT INTO analysis_changes (changed_at, hostname, port, cluster_name, analysis, previous_analysis, "
              "description, structure_warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(toMs(change.at.isValid() ? change.at : QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(change.key.host()));
    q.addBindValue(change.key.port());
    q.addBindValue(text(change.clusterName));
    q.addBindValue(text(change.analysis));
    q.addBindValue(text(change.previousAnalysis));
    q.addBindValue(text(change.description));
    q.addBindValue(text(change.structureWarnings.join(u',')));
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<AnalysisChange>> AnalysisChangeTable::readAnalysisChanges(int limit, const QString &clusterName)
{
    using R = Result<QList<AnalysisChange>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read analysis changes"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    const QString columns = u"SELECT changed_at, hostname, port, cluster_name, analysis, previous_analysis, description, "
                            "structure_warnings FROM analysis_changes"_s;
    if (!StoreConnection::execRecent(q, columns, u" ORDER BY changed_at DESC, id DESC LIMIT %1"_s, limit, clusterName))
        return R::failure(m_connection.failure(u"read analysis changes"_s, errorText(q.lastError())));
    QList<AnalysisChange> out;
    while (q.next()) {
        AnalysisChange c;
        c.at = fromMs(q.value(0).toLongLong());
        c.key = InstanceKey(q.value(1).toString(), q.value(2).toInt());
        c.clusterName = q.value(3).toString();
        c.analysis = q.value(4).toString();
        c.previousAnalysis = q.value(5).toString();
        c.description = q.value(6).toString();
        c.structureWarnings = q.value(7).toString().split(u',', Qt::SkipEmptyParts);
        out.append(c);
    }
    return out;
}

} // namespace arbor::core
