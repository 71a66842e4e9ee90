#pragma once

#include "util/result.h"

#include <QList>
#include <QString>

namespace arbor::core {

// orchestrator's instance tags: a name with an optional value, written "name" or "name=value"
// (tag, tags, tagged, untag, topology-tags). Arbor keeps them in the backend (core/store/tagtable).
struct InstanceTag
{
    QString name;
    QString value;

    // "name=value", or "name" when the value is empty: what orchestrator's tags prints.
    QString toString() const { return value.isEmpty() ? name : name + u'=' + value; }
    friend bool operator==(const InstanceTag &, const InstanceTag &) = default;

    // One tag as a user writes it. Names: 1 to 64 characters, letters, digits and "_-.:/"; values up
    // to 255 characters without newlines. Anything else fails with the reason.
    static Result<InstanceTag> parse(const QString &text);
    // orchestrator's tagged expression: tags separated by commas, all of which must hold: "name"
    // (any value), "name=value" (that value), "~name" (not tagged with name).
    static Result<QList<InstanceTag>> parseExpression(const QString &expression, QList<bool> *negated);
    static bool matches(const QList<InstanceTag> &tags, const QList<InstanceTag> &expression, const QList<bool> &negated);
};

} // namespace arbor::core
