<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClusterFrameItem</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n server(s) · %2</source>
        <translation>
            <numerusform>%1 · %n server · %2</numerusform>
            <numerusform>%1 · %n servers · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DragPayload</name>
    <message>
        <source>the dropped data is not a server list: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no %1 part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it names no server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EdgeItem</name>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupItem</name>
    <message numerus="yes">
        <source>%n replica(s) of %1</source>
        <translation>
            <numerusform>%n replica of %1</numerusform>
            <numerusform>%n replicas of %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 downtimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter to show each server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folded · Enter to expand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperationMenu</name>
    <message>
        <source>replication already runs on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replication is already stopped on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already writeable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already replicates by GTID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already replicates by file and position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start replication...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top replication...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;read-only...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;writeable...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable &amp;GTID...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable G&amp;TID (file and position)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;master...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;co-master...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take s&amp;iblings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;group replicas...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move replicas u&amp;p...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;point...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detach replica...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;attach replica...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset replica (cannot be undone)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refactor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryPlanSteps</name>
    <message>
        <source>Nobody can take the replicas of %1: no usable sibling and its source is unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No replica can be promoted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 (%n command(s)) %2.</source>
        <translation>
            <numerusform>Run %1 (%n command) %2.</numerusform>
            <numerusform>Run %1 (%n commands) %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move %1 under %2 by GTID, then read back that it runs both replication threads from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1 where they are (they cannot move) and downtime them for %2 min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if anything fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before anything changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before anything changes; a non-zero exit aborts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait up to %1 s for %2 to apply its relay log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that %1 has applied its relay log; stop if it has not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote %1: stop replication, forget its source (RESET SLAVE ALL), make it writable, then read back that it is writable and replicates from nobody.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point %1 at %2 (%3), then read back that each runs both replication threads from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by GTID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by binlog coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1 behind (they cannot follow %2) and downtime them for %3 min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If %1 comes back writable, set it read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the alias &apos;%1&apos; to the new master&apos;s cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1: SET GLOBAL read_only=ON (stop writes; undone if anything before the promotion fails).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1: wait up to %2 s until it has applied everything %3 wrote (MASTER_GTID_WAIT, or MASTER_POS_WAIT without GTID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>then; a non-zero exit aborts and makes %1 writable again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1: CHANGE MASTER TO %2 (it stays read-only); replication is not started: no replication credentials are configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1: CHANGE MASTER TO %2 as %3, START SLAVE, then read back that it replicates from it and is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once %1 replicates from %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelocateCommand</name>
    <message>
        <source>relocate %1 below %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelocateReplicasCommand</name>
    <message numerus="yes">
        <source>relocate %n replica(s) of %1 below %2</source>
        <translation>
            <numerusform>relocate %n replica of %1 below %2</numerusform>
            <numerusform>relocate %n replicas of %1 below %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n replica(s) from %2 to %3)</source>
        <translation>
            <numerusform>%1 (%n replica from %2 to %3)</numerusform>
            <numerusform>%1 (%n replicas from %2 to %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReversibleCommand</name>
    <message>
        <source>start replication on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop replication on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1 read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1 writeable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detach %1 from its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reattach %1 to its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enable GTID on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disable GTID on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes over from its source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>no password for connection &apos;%1&apos; in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no system keychain is available (%1): Arbor will ask for the password each session and never writes it to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused access to the password of &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerCard</name>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>intermediate source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAGGING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPLICATION STOPPED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPLICATION BROKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNREACHABLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writeable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GTID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file:pos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · lag %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · lag unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOPPED · IO %1, SQL %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BROKEN · error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BROKEN · source unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · DOWNTIMED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECTING · no error yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SnapshotExporter</name>
    <message>
        <source>unknown export format &apos;%1&apos;: use png, svg, json, dot or txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;JSON facts and tree (*.json);;Graphviz DOT (*.dot);;Text tree (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no cluster to export yet: discover a topology first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cluster named %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not encode the PNG image (%1 x %2 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor</name>
    <message>
        <source>No keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.

This message is shown once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of API user %1 at %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor — connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected mode: this desktop shows the service&apos;s view and polls nothing itself; run this from the service (its API or CLI) or start Arbor without --connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) in %1 cluster(s) · from %2 · refreshed every %3 s</source>
        <translation>
            <numerusform>%n server in %1 cluster · from %2 · refreshed every %3 s</numerusform>
            <numerusform>%n servers in %1 clusters · from %2 · refreshed every %3 s</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::core::ServiceSource</name>
    <message>
        <source>Cannot reach the Arbor service at %1: %2; check the URL and that the service is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service at %1 requires credentials (HTTP 401); connect with --api-user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service at %1 refused user &quot;%2&quot; (HTTP 401); check the API user and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 answered GET /api/%2 with HTTP %3 but no JSON; is this the URL of an Arbor service?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service at %1 answered GET /api/%2 with HTTP %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service node %1 at %2 cannot reach its backend: %3; the views show what it had in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service at %1 answered GET /api/clusters with something other than a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Arbor service at %1 sent a server of cluster %2 that cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ActivityLog</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::AddServersDialog</name>
    <message>
        <source>&amp;Save as a connection named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db-1.example:3306
db-7.example:3306, 10.0.0.12:3307</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example: billing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor follows each server&apos;s sources up and replicas down, with this window&apos;s credentials, and keeps polling what it finds. The window stays usable meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vers (host:port):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add and discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is saved, its password is not: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one server as host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the connection a name, or do not save it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ChartsPanel</name>
    <message>
        <source>Replication lag per server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication lag across replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll latency per server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart shown as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markers on the charts; hover a marker for the server and what happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster max / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All servers (%n)</source>
        <translation>
            <numerusform>All servers (%n)</numerusform>
            <numerusform>All servers (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cluster %1 (%n server(s))</source>
        <translation>
            <numerusform>Cluster %1 (%n server)</numerusform>
            <numerusform>Cluster %1 (%n servers)</numerusform>
        </translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no chart to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ClusterListWidget</name>
    <message>
        <source>Search host, alias, data centre or state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n downtimed</source>
        <translation>
            <numerusform>, %n downtimed</numerusform>
            <numerusform>, %n downtimed</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
master %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ConnectionDialog</name>
    <message>
        <source>Use TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port of any server of the topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS to topology servers is not supported by this version&apos;s probe yet; connections are plain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2), but could not read the grants: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as &apos;%3&apos;, but these privileges are missing: %4. Grant them with GRANT ... ON *.* TO the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as &apos;%3&apos;; every privilege Arbor needs is granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::DowntimeDialog</name>
    <message>
        <source>Begin downtime on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why, for the log and the other DBAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::DragController</name>
    <message>
        <source>%1 already replicates from %2: dropping here changes nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>these replicas already replicate from %1: dropping here changes nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop to %1, by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current source</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n replica(s)</source>
        <translation>
            <numerusform>%n replica</numerusform>
            <numerusform>%n replicas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drop on a server to move %n replica(s) of %1 below it; Esc cancels</source>
        <translation>
            <numerusform>Drop on a server to move %n replica of %1 below it; Esc cancels</numerusform>
            <numerusform>Drop on a server to move %n replicas of %1 below it; Esc cancels</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop on a server to move %1 below it; Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::MainWindow</name>
    <message>
        <source>Arbor — replication topologies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discovered, not answering: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Begin downtime...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1? Arbor stops polling it and removes it from the store; it comes back if a neighbour still lists it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;each replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fold replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Horizontal trees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export cluster...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;all clusters...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promotion rules...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;cover...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ailover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the store (start Arbor with a store to keep downtimes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) in %1 cluster(s) · polled every %2 s · last %3 s: %4 polls ok, %5 failed, slowest %6 ms · %7 unreachable</source>
        <translation>
            <numerusform>%n server in %1 cluster(s) · polled every %2 s · last %3 s: %4 polls ok, %5 failed, slowest %6 ms · %7 unreachable</numerusform>
            <numerusform>%n servers in %1 cluster(s) · polled every %2 s · last %3 s: %4 polls ok, %5 failed, slowest %6 ms · %7 unreachable</numerusform>
        </translation>
    </message>
    <message>
        <source>refresh requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Begin downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downtime needs the store, and this window has none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>begin downtime failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downtime begun for %1 min: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end downtime failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downtime ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forget failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forgotten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a cluster in the list first, or export all clusters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exported %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>promotion rule set to %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when Arbor starts next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1 (previewed first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1 (previewed first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start replication...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top replication...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;read-only...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;writeable...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote to master (planned)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote to master</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;hearse a failover...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearse a failover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add servers...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to &amp;service...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage connections...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2@%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a new window on this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a server on the canvas first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a replica of a cluster&apos;s master.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the master already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not replicate from the master %2 directly: move it up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication on %1 is not running: it cannot catch up with the master.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Arbor would do if %1 died now; touches no server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a master or an intermediate master.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graceful master takeover: %1 replaces %2; previewed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection %1 saved, its password in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection %1 saved without its password: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already polled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added: discovering its sources and replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Discovering %n server(s)...</source>
        <translation>
            <numerusform>Discovering %n server...</numerusform>
            <numerusform>Discovering %n servers...</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect to an Arbor service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://arbor-1.example:3000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new window shows what the service sees, through its HTTP API; the password is asked there and kept in the keychain once it worked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start a new Arbor window (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ManageConnectionsDialog</name>
    <message>
        <source>&amp;Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in a new window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the connection %1 and its password in the keychain?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2@%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot test %1 without its password: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1 (%2)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its password was removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its keychain entry could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationController</name>
    <message>
        <source>an operation is running (%1): wait for it to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now replicates from %2, not from %3 as when this was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot undo %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot redo %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2 on %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: running (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone: it is not put on the undo stack.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationJob</name>
    <message>
        <source>nothing ran: the store could not be opened for the cluster lock and the audit (%1); fix the store or restart Arbor without it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationPreviewDialog</name>
    <message>
        <source>run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: replication is not running cleanly (IO %2, SQL %3); the move starts from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 s behind its source: the move waits until it has caught up as far as it needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is writeable (read_only=OFF) although it is a replica: writes made there are not on its new source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new source %1 did not answer its last poll (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new source %1 is %2 s behind its own source: the moved replicas will be at least as far behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new source %1 is a writeable replica (read_only=OFF): writes made on it will reach the moved replicas but not its own source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no statements needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) touched</source>
        <translation>
            <numerusform>%n server touched</numerusform>
            <numerusform>%n servers touched</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Refused&lt;/b&gt; (rule &lt;code&gt;%1&lt;/code&gt;): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps in order (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;If a step fails:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Warnings&lt;/b&gt;&lt;ul style=&quot;margin:0&quot;&gt;%1&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n statement(s)</source>
        <translation>
            <numerusform>%1 — %n statement</numerusform>
            <numerusform>%1 — %n statements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n server(s) for long-running transactions...</source>
        <translation>
            <numerusform>Checking %n server for long-running transactions...</numerusform>
            <numerusform>Checking %n servers for long-running transactions...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No transaction open for more than %1 s on the %n server(s) touched.</source>
        <translation>
            <numerusform>No transaction open for more than %1 s on the %n server touched.</numerusform>
            <numerusform>No transaction open for more than %1 s on the %n servers touched.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::widgets::PromotionRulesEditor</name>
    <message>
        <source>&amp;Import...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotion rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which replica a failover may promote. &lt;b&gt;must&lt;/b&gt;: this one when it is healthy, else the recovery fails; &lt;b&gt;prefer&lt;/b&gt; wins among equally up-to-date replicas; &lt;b&gt;prefer_not&lt;/b&gt; only when nobody else can; &lt;b&gt;must_not&lt;/b&gt;: never. A rule can lapse at a given time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by server, cluster, data centre or rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for 8 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for 1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staged edits dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store is open: rules cannot be read or saved in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* unsaved (saved: %1%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired: neutral applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active, %1 h left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n selected</source>
        <translation>
            <numerusform>Apply to %n selected</numerusform>
            <numerusform>Apply to %n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Save %n change(s)</source>
        <translation>
            <numerusform>&amp;Save %n change</numerusform>
            <numerusform>&amp;Save %n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>The expiry %1 is in the past; choose a later time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) staged as %1; Save writes them.</source>
        <translation>
            <numerusform>%n server staged as %1; Save writes it.</numerusform>
            <numerusform>%n servers staged as %1; Save writes them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not imported: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 rule(s) from %2: %3 change(s) staged; servers not in the file keep their rule. Save writes them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store is open, so the rules cannot be saved; start Arbor with a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the rule of %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) saved.</source>
        <translation>
            <numerusform>%n rule saved.</numerusform>
            <numerusform>%n rules saved.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import promotion rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotion rules (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export promotion rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotion rules (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 rule(s) to %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (including unsaved edits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved promotion rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n staged change(s) are not saved. Discard them?</source>
        <translation>
            <numerusform>%n staged change is not saved. Discard it?</numerusform>
            <numerusform>%n staged changes are not saved. Discard them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::core::PromotionRulesJson</name>
    <message>
        <source>it is not JSON (%1 at byte %2); expected the output of arbor promotion-rules --json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a JSON array; expected the output of arbor promotion-rules --json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): ExpiresAt &apos;%3&apos; is not an ISO 8601 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::RecoveryDialog</name>
    <message>
        <source>%1 on %2 (cluster %3): move its replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graceful takeover of %1 (cluster %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 (cluster %3): promote a replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Arbor cannot reach it: %2 · replicas: %3, reachable: %4, agreeing they lost it: %5, still replicating: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates, best first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Arbor will do, in this order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor&apos;s choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rehearsal: if %1 died now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::RecoveryPanel</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recover...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-analyse now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Structure warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery of %1 started (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery step [%1] %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 — the desktop does not recover on its own: use Recover... in the Failures panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(structure only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — actionable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
replicas %2, reachable %3, replicating %4, agreeing the source is lost %5, failing to connect %6, lagging %7, downtimed %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: every cluster&apos;s analysis is clean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1 on %2, cluster %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n more)</numerusform>
            <numerusform> (+%n more)</numerusform>
        </translation>
    </message>
    <message>
        <source> — recovery running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery of this cluster is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the plan and asks before anything changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an actionable failure (DeadMaster, DeadIntermediateMaster, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop never fails over on its own; this recovery runs because you confirm it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is downtimed; a manual recovery proceeds anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An automatic recovery would be blocked: %1. This manual recovery bypasses the block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no failure Arbor can recover now (its analysis is %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery of cluster %1 is already running; wait for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot plan the recovery of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery of %1 proposed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery of %1 cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer failed (now %2); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 → %3 (%4, %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3, %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a recovery below: acknowledging it ends its block period (RecoveryPeriodBlockSeconds) for automatic recoveries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is it safe to allow the next automatic recovery?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already replaced by %1; forget it, or rebuild it as a replica: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledging needs the store, and this window has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the recovery is acknowledged: the comment is kept with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery %1 is already acknowledged, or was only a blocked attempt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovery %1 acknowledged by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in no known cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no replicas: its failure would need no recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rehearsal: %1 is assumed dead; it is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot plan a recovery of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rehearsal: Arbor shows what it would do if %1 died now, with the promotion rules and filters of this moment. No server is touched and no hook runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failover rehearsed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already the master of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned promotion of %1 in place of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot plan the promotion of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A planned switchover: %1 stops taking writes, %2 catches up and becomes the master, the other replicas and then %1 (read-only) replicate from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone from the undo stack: to switch back, promote %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned promotion proposed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned promotion cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned promotion not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planned promotion of %1 started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ServerDetailsWidget</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a server on the canvas to see its facts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · downtimed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data centre / region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read_only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (super_read_only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on, %1, row image %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log_slave_updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GTID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gtid_mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gtid_binlog_pos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gtid_slave_pos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gtid_strict_mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IO thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s (threshold %2 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GTID (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file:pos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executed up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last IO error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last SQL error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semi-sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on, active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on, inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replica side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ServiceStatusPanel</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host / API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 (node %2) · refreshed every %3 s · last refresh %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not available)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TimeChartView</name>
    <message>
        <source>failover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replication error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failure detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Arbor chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write the chart to %1: check that the folder exists and you may write there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not export the chart to %1: use a file name ending in .png or .svg.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TopologyScene</name>
    <message>
        <source>Arbor replication topology</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TopologyView</name>
    <message>
        <source>Topology canvas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TransactionCheck</name>
    <message>
        <source>could not check %1 for long-running transactions: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n transaction(s) open for more than %2 s (the longest for %3 s): statements there may wait for them</source>
        <translation>
            <numerusform>%1 has %n transaction open for more than %2 s (the longest for %3 s): statements there may wait for them</numerusform>
            <numerusform>%1 has %n transactions open for more than %2 s (the longest for %3 s): statements there may wait for them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TrayNotifier</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No desktop notifications on failures and recoveries (the activity log still shows them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Arbor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recovered: %n server(s)</source>
        <translation>
            <numerusform>Recovered: %n server</numerusform>
            <numerusform>Recovered: %n servers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failure detected on %n server(s)</source>
        <translation>
            <numerusform>Failure detected on %n server</numerusform>
            <numerusform>Failure detected on %n servers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s), %1 recovered</source>
        <translation>
            <numerusform>%n failure, %1 recovered</numerusform>
            <numerusform>%n failures, %1 recovered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
