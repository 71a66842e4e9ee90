#pragma once

#include "model/instance.h"
#include "util/result.h"

#include <QJsonObject>

namespace arbor::core {

// Instance <-> JSON. The top level uses orchestrator's key names where the concept is the same
// (Key, MasterKey, Slave_IO_Running, SecondsBehindMaster{Int64,Valid}, ...) so scripts written
// against orchestrator's /api/instance keep working; everything else an exact round trip needs
// sits in an "Arbor" object. Timestamps are ISO 8601 UTC with milliseconds.
class InstanceJson
{
public:
    static QJsonObject toJson(const Instance &instance);
    // Reads what toJson wrote, and also orchestrator's own instance JSON (no "Arbor" object).
    // Missing keys take their defaults; a key of the wrong type fails with a sentence naming it.
    static Result<Instance> fromJson(const QJsonObject &json);

    // Compact UTF-8 text, as the store keeps it.
    static QString toText(const Instance &instance);
    static Result<Instance> fromText(const QString &text);

    static QString formatTimestamp(const QDateTime &time); // "" when invalid
};

} // namespace arbor::core
