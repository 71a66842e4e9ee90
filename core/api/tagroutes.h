#pragma once

#include "api/apiroutes.h"

#include <memory>

namespace arbor::core {

class Store;

// orchestrator's tags over HTTP, kept in the backend (core/store/tagtable): tag, untag, untag-all,
// tags, tag-value, tagged, topology-tags; and search, which matches tags as well as host names,
// cluster names, aliases and versions. Tags are orchestrator's "name" or "name=value", given as
// ?tag=... (what orchestrator-client sends) or as path segments. Reads on any node, writes on the
// active node (operator role), as every write.
class TagRoutes
{
public:
    TagRoutes(ApiRoutes &routes, ServiceNode &node);
    ~TagRoutes();

    TagRoutes(const TagRoutes &) = delete;
    TagRoutes &operator=(const TagRoutes &) = delete;

private:
    // The store of this (the main) thread for the tags, opened on first use and again after a failure.
    Result<Store *> tags();

    ApiRoutes &m_routes;
    ServiceNode &m_node;
    std::unique_ptr<Store> m_tags;
};

} // namespace arbor::core
