#pragma once

#include "model/instancekey.h"
#include "model/promotionrule.h"

#include <QList>
#include <QStringList>

namespace arbor::core {

// The outcome of candidate choice: who, and why each other replica lost.
struct CandidateChoice
{
    struct Entry
    {
        InstanceKey key;
        PromotionRule rule = PromotionRule::Neutral;
        bool eligible = false;  // passed every safety check
        bool mostAdvanced = false;
        int rank = 0;           // 1 = chosen, 0 = excluded
        QString position;       // GTID position or coordinates, as shown
        QString reason;         // why chosen, or why not
    };

    InstanceKey chosen;                // invalid when nobody can be promoted
    QString error;                     // why nobody, when chosen is invalid
    QList<Entry> ranking;              // chosen first, then eligible by rank, then excluded
    QList<InstanceKey> repointable;    // reachable replicas that can replicate from the chosen one
    QList<InstanceKey> lost;           // replicas that cannot (unreachable, ahead, no common position)
    bool usesGtid = false;

    bool ok() const { return chosen.isValid(); }
    // Multi-line text for humans: the ranking, numbered, with the reasons.
    QString explanation() const;
};

} // namespace arbor::core
