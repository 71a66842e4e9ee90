#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace arbor::core {

// One service node as its node_health row tells it.
struct NodeHealth
{
    QString nodeName;
    QString hostname;
    QString token;
    QString appVersion;
    QString apiUrl;
    QString role;   // "active" or "standby"
    QString status; // a short sentence: what it does, what is wrong
    QDateTime startedAt;
    QDateTime lastSeen;
    bool available = false; // seen within two lease periods
};

// What this node knows of the election after its last backend round trip.
struct ElectionState
{
    bool backendOk = false;
    QString backendError; // why the backend is unreachable, and when the next try is
    bool leader = false;  // this node holds a valid lease
    QString activeNodeName; // empty when nobody holds a fresh lease
    QString activeHostname;
    QString activeToken;
    QString activeApiUrl;
    QDateTime firstSeenActive;
    QDateTime lastSeenActive;
    QList<NodeHealth> nodes;
    QDateTime databaseNow;
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::ElectionState)
