#include "undo/operationcommand.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

OperationCommand::OperationCommand(const OperationPlan &executed) : m_executed(executed) {}

QString OperationCommand::patternFor(const QList<InstanceKey> &keys)
{
    QStringList alternatives;
    for (const InstanceKey &k : keys)
        alternatives << QRegularExpression::escape(k.toString());
    alternatives.sort();
    return u"^(?:%1)$"_s.arg(alternatives.join(u'|'));
}

} // namespace arbor::widgets
