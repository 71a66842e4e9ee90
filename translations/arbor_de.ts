<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ClusterFrameItem</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n server(s) · %2</source>
        <translation>
            <numerusform>%1 · %n Server · %2</numerusform>
            <numerusform>%1 · %n Server · %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DragPayload</name>
    <message>
        <source>the dropped data is not a server list: %1</source>
        <translation>die abgelegten Daten sind keine Serverliste: %1</translation>
    </message>
    <message>
        <source>it has no %1 part</source>
        <translation>sie enthalten keinen Teil %1</translation>
    </message>
    <message>
        <source>it names no server</source>
        <translation>sie nennen keinen Server</translation>
    </message>
</context>
<context>
    <name>EdgeItem</name>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>defekt</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
</context>
<context>
    <name>GroupItem</name>
    <message numerus="yes">
        <source>%n replica(s) of %1</source>
        <translation>
            <numerusform>%n Replikat von %1</numerusform>
            <numerusform>%n Replikate von %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 downtimed</source>
        <translation>%1 in Wartung</translation>
    </message>
    <message>
        <source>Double-click or press Enter to show each server.</source>
        <translation>Doppelklicken oder Eingabetaste drücken, um jeden Server zu zeigen.</translation>
    </message>
    <message>
        <source>folded · Enter to expand</source>
        <translation>eingeklappt · Eingabetaste zum Aufklappen</translation>
    </message>
</context>
<context>
    <name>OperationMenu</name>
    <message>
        <source>replication already runs on %1</source>
        <translation>die Replikation läuft auf %1 bereits</translation>
    </message>
    <message>
        <source>replication is already stopped on %1</source>
        <translation>die Replikation ist auf %1 bereits gestoppt</translation>
    </message>
    <message>
        <source>%1 is already read-only</source>
        <translation>%1 ist bereits schreibgeschützt</translation>
    </message>
    <message>
        <source>%1 is already writeable</source>
        <translation>%1 ist bereits beschreibbar</translation>
    </message>
    <message>
        <source>%1 already replicates by GTID</source>
        <translation>%1 repliziert bereits per GTID</translation>
    </message>
    <message>
        <source>%1 already replicates by file and position</source>
        <translation>%1 repliziert bereits nach Datei und Position</translation>
    </message>
    <message>
        <source>&amp;Start replication...</source>
        <translation>Replikation &amp;starten...</translation>
    </message>
    <message>
        <source>S&amp;top replication...</source>
        <translation>Replikation s&amp;toppen...</translation>
    </message>
    <message>
        <source>Set &amp;read-only...</source>
        <translation>Sch&amp;reibschutz setzen...</translation>
    </message>
    <message>
        <source>Set &amp;writeable...</source>
        <translation>Be&amp;schreibbar machen...</translation>
    </message>
    <message>
        <source>Enable &amp;GTID...</source>
        <translation>&amp;GTID einschalten...</translation>
    </message>
    <message>
        <source>Disable G&amp;TID (file and position)...</source>
        <translation>G&amp;TID ausschalten (Datei und Position)...</translation>
    </message>
    <message>
        <source>Move &amp;up...</source>
        <translation>Nach &amp;oben verschieben...</translation>
    </message>
    <message>
        <source>Take &amp;master...</source>
        <translation>&amp;Master übernehmen...</translation>
    </message>
    <message>
        <source>Make &amp;co-master...</source>
        <translation>Zum &amp;Co-Master machen...</translation>
    </message>
    <message>
        <source>Take s&amp;iblings...</source>
        <translation>&amp;Geschwister übernehmen...</translation>
    </message>
    <message>
        <source>Re&amp;group replicas...</source>
        <translation>Replikate &amp;umgruppieren...</translation>
    </message>
    <message>
        <source>Move replicas u&amp;p...</source>
        <translation>Replikate nach o&amp;ben verschieben...</translation>
    </message>
    <message>
        <source>Re&amp;point...</source>
        <translation>Neu &amp;ausrichten (repoint)...</translation>
    </message>
    <message>
        <source>&amp;Detach replica...</source>
        <translation>Replikat &amp;abkoppeln...</translation>
    </message>
    <message>
        <source>Re&amp;attach replica...</source>
        <translation>Replikat wieder an&amp;koppeln...</translation>
    </message>
    <message>
        <source>Reset replica (cannot be undone)...</source>
        <translation>Replikat zurücksetzen (nicht rückgängig zu machen)...</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Replikation</translation>
    </message>
    <message>
        <source>Refactor</source>
        <translation>Umbauen</translation>
    </message>
    <message>
        <source>Move &amp;below</source>
        <translation>Unter&amp;halb verschieben</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verbindung zur Quelle</translation>
    </message>
</context>
<context>
    <name>RecoveryPlanSteps</name>
    <message>
        <source>Nobody can take the replicas of %1: no usable sibling and its source is unreachable.</source>
        <translation>Niemand kann die Replikate von %1 übernehmen: kein brauchbares Geschwister, und seine Quelle ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>No replica can be promoted: %1.</source>
        <translation>Kein Replikat kann befördert werden: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 (%n command(s)) %2.</source>
        <translation>
            <numerusform>%1 ausführen (%n Befehl) %2.</numerusform>
            <numerusform>%1 ausführen (%n Befehle) %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move %1 under %2 by GTID, then read back that it runs both replication threads from it.</source>
        <translation>%1 per GTID unter %2 verschieben, dann nachlesen, dass beide Replikations-Threads von dort laufen.</translation>
    </message>
    <message>
        <source>Leave %1 where they are (they cannot move) and downtime them for %2 min.</source>
        <translation>%1 bleiben, wo sie sind (sie können nicht umziehen), und gehen für %2 min in Wartung.</translation>
    </message>
    <message>
        <source>on success</source>
        <translation>bei Erfolg</translation>
    </message>
    <message>
        <source>if anything fails</source>
        <translation>wenn etwas fehlschlägt</translation>
    </message>
    <message>
        <source>before anything changes</source>
        <translation>bevor sich etwas ändert</translation>
    </message>
    <message>
        <source>before anything changes; a non-zero exit aborts</source>
        <translation>bevor sich etwas ändert; ein Exit-Code ungleich null bricht ab</translation>
    </message>
    <message>
        <source>Wait up to %1 s for %2 to apply its relay log.</source>
        <translation>Bis zu %1 s warten, bis %2 sein Relay-Log angewendet hat.</translation>
    </message>
    <message>
        <source>Check that %1 has applied its relay log; stop if it has not.</source>
        <translation>Prüfen, dass %1 sein Relay-Log angewendet hat; sonst anhalten.</translation>
    </message>
    <message>
        <source>Promote %1: stop replication, forget its source (RESET SLAVE ALL), make it writable, then read back that it is writable and replicates from nobody.</source>
        <translation>%1 befördern: Replikation stoppen, Quelle vergessen (RESET SLAVE ALL), beschreibbar machen, dann nachlesen, dass er beschreibbar ist und von niemandem repliziert.</translation>
    </message>
    <message>
        <source>Point %1 at %2 (%3), then read back that each runs both replication threads from it.</source>
        <translation>%1 auf %2 richten (%3), dann nachlesen, dass jeder beide Replikations-Threads von dort ausführt.</translation>
    </message>
    <message>
        <source>by GTID</source>
        <translation>per GTID</translation>
    </message>
    <message>
        <source>by binlog coordinates</source>
        <translation>per Binlog-Koordinaten</translation>
    </message>
    <message>
        <source>Leave %1 behind (they cannot follow %2) and downtime them for %3 min.</source>
        <translation>%1 zurücklassen (sie können %2 nicht folgen) und für %3 min in Wartung setzen.</translation>
    </message>
    <message>
        <source>If %1 comes back writable, set it read-only.</source>
        <translation>Wenn %1 beschreibbar zurückkommt, auf schreibgeschützt setzen.</translation>
    </message>
    <message>
        <source>Move the alias &apos;%1&apos; to the new master&apos;s cluster.</source>
        <translation>Den Alias &apos;%1&apos; auf den Cluster des neuen Masters übertragen.</translation>
    </message>
    <message>
        <source>On %1: SET GLOBAL read_only=ON (stop writes; undone if anything before the promotion fails).</source>
        <translation>Auf %1: SET GLOBAL read_only=ON (Schreibzugriffe stoppen; zurückgenommen, falls vor der Beförderung etwas scheitert).</translation>
    </message>
    <message>
        <source>On %1: wait up to %2 s until it has applied everything %3 wrote (MASTER_GTID_WAIT, or MASTER_POS_WAIT without GTID).</source>
        <translation>Auf %1: bis zu %2 s warten, bis es alles angewandt hat, was %3 geschrieben hat (MASTER_GTID_WAIT, oder MASTER_POS_WAIT ohne GTID).</translation>
    </message>
    <message>
        <source>then; a non-zero exit aborts and makes %1 writable again</source>
        <translation>danach; ein Exit-Code ungleich null bricht ab und macht %1 wieder beschreibbar</translation>
    </message>
    <message>
        <source>On %1: CHANGE MASTER TO %2 (it stays read-only); replication is not started: no replication credentials are configured.</source>
        <translation>Auf %1: CHANGE MASTER TO %2 (bleibt schreibgeschützt); die Replikation wird nicht gestartet: keine Replikations-Zugangsdaten konfiguriert.</translation>
    </message>
    <message>
        <source>On %1: CHANGE MASTER TO %2 as %3, START SLAVE, then read back that it replicates from it and is read-only.</source>
        <translation>Auf %1: CHANGE MASTER TO %2 als %3, START SLAVE, dann zurücklesen, dass es von ihm repliziert und schreibgeschützt ist.</translation>
    </message>
    <message>
        <source>once %1 replicates from %2</source>
        <translation>sobald %1 von %2 repliziert</translation>
    </message>
</context>
<context>
    <name>RelocateCommand</name>
    <message>
        <source>relocate %1 below %2</source>
        <translation>%1 unter %2 verschieben</translation>
    </message>
</context>
<context>
    <name>RelocateReplicasCommand</name>
    <message numerus="yes">
        <source>relocate %n replica(s) of %1 below %2</source>
        <translation>
            <numerusform>%n Replikat von %1 unter %2 verschieben</numerusform>
            <numerusform>%n Replikate von %1 unter %2 verschieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n replica(s) from %2 to %3)</source>
        <translation>
            <numerusform>%1 (%n Replikat von %2 nach %3)</numerusform>
            <numerusform>%1 (%n Replikate von %2 nach %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReversibleCommand</name>
    <message>
        <source>start replication on %1</source>
        <translation>Replikation auf %1 starten</translation>
    </message>
    <message>
        <source>stop replication on %1</source>
        <translation>Replikation auf %1 stoppen</translation>
    </message>
    <message>
        <source>set %1 read-only</source>
        <translation>%1 schreibgeschützt setzen</translation>
    </message>
    <message>
        <source>set %1 writeable</source>
        <translation>%1 beschreibbar setzen</translation>
    </message>
    <message>
        <source>detach %1 from its source</source>
        <translation>%1 von seiner Quelle abkoppeln</translation>
    </message>
    <message>
        <source>reattach %1 to its source</source>
        <translation>%1 wieder an seine Quelle ankoppeln</translation>
    </message>
    <message>
        <source>enable GTID on %1</source>
        <translation>GTID auf %1 einschalten</translation>
    </message>
    <message>
        <source>disable GTID on %1</source>
        <translation>GTID auf %1 ausschalten</translation>
    </message>
    <message>
        <source>%1 takes over from its source</source>
        <translation>%1 übernimmt von seiner Quelle</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>no password for connection &apos;%1&apos; in the keychain</source>
        <translation>kein Passwort für die Verbindung &apos;%1&apos; im Schlüsselbund</translation>
    </message>
    <message>
        <source>no system keychain is available (%1): Arbor will ask for the password each session and never writes it to a file</source>
        <translation>kein System-Schlüsselbund verfügbar (%1): Arbor fragt in jeder Sitzung nach dem Passwort und schreibt es nie in eine Datei</translation>
    </message>
    <message>
        <source>the keychain refused access to the password of &apos;%1&apos;: %2</source>
        <translation>der Schlüsselbund verweigerte den Zugriff auf das Passwort von &apos;%1&apos;: %2</translation>
    </message>
</context>
<context>
    <name>ServerCard</name>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>intermediate source</source>
        <translation>Zwischenquelle</translation>
    </message>
    <message>
        <source>replica</source>
        <translation>Replikat</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>LAGGING</source>
        <translation>VERZÖGERT</translation>
    </message>
    <message>
        <source>REPLICATION STOPPED</source>
        <translation>REPLIKATION GESTOPPT</translation>
    </message>
    <message>
        <source>REPLICATION BROKEN</source>
        <translation>REPLIKATION DEFEKT</translation>
    </message>
    <message>
        <source>UNREACHABLE</source>
        <translation>NICHT ERREICHBAR</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>Version unbekannt</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>schreibgeschützt</translation>
    </message>
    <message>
        <source>writeable</source>
        <translation>beschreibbar</translation>
    </message>
    <message>
        <source>GTID %1</source>
        <translation>GTID %1</translation>
    </message>
    <message>
        <source>file:pos</source>
        <translation>Datei:Pos</translation>
    </message>
    <message>
        <source>binlog</source>
        <translation>Binlog</translation>
    </message>
    <message>
        <source>no binlog</source>
        <translation>kein Binlog</translation>
    </message>
    <message>
        <source> · lag %1 s</source>
        <translation> · Verzögerung %1 s</translation>
    </message>
    <message>
        <source> · lag unknown</source>
        <translation> · Verzögerung unbekannt</translation>
    </message>
    <message>
        <source>STOPPED · IO %1, SQL %2</source>
        <translation>GESTOPPT · IO %1, SQL %2</translation>
    </message>
    <message>
        <source>BROKEN · error %1</source>
        <translation>DEFEKT · Fehler %1</translation>
    </message>
    <message>
        <source>BROKEN · source unreachable</source>
        <translation>DEFEKT · Quelle nicht erreichbar</translation>
    </message>
    <message>
        <source> · DOWNTIMED</source>
        <translation> · IN WARTUNG</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>VERBINDET</translation>
    </message>
    <message>
        <source>CONNECTING · no error yet</source>
        <translation>VERBINDET · noch kein Fehler</translation>
    </message>
</context>
<context>
    <name>SnapshotExporter</name>
    <message>
        <source>unknown export format &apos;%1&apos;: use png, svg, json, dot or txt</source>
        <translation>unbekanntes Exportformat &apos;%1&apos;: png, svg, json, dot oder txt verwenden</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;JSON facts and tree (*.json);;Graphviz DOT (*.dot);;Text tree (*.txt)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;JSON-Fakten und Baum (*.json);;Graphviz DOT (*.dot);;Textbaum (*.txt)</translation>
    </message>
    <message>
        <source>there is no cluster to export yet: discover a topology first</source>
        <translation>es gibt noch keinen Cluster zum Exportieren: zuerst eine Topologie erkennen</translation>
    </message>
    <message>
        <source>no cluster named %1</source>
        <translation>kein Cluster namens %1</translation>
    </message>
    <message>
        <source>could not encode the PNG image (%1 x %2 pixels)</source>
        <translation>das PNG-Bild (%1 x %2 Pixel) konnte nicht kodiert werden</translation>
    </message>
    <message>
        <source>unknown export format</source>
        <translation>unbekanntes Exportformat</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>arbor</name>
    <message>
        <source>No keychain</source>
        <translation>Kein Schlüsselbund</translation>
    </message>
    <message>
        <source>%1.

This message is shown once.</source>
        <translation>%1.

Diese Meldung erscheint nur einmal.</translation>
    </message>
    <message>
        <source>Arbor</source>
        <translation>Arbor</translation>
    </message>
    <message>
        <source>Arbor service</source>
        <translation>Arbor-Dienst</translation>
    </message>
    <message>
        <source>Password of API user %1 at %2:</source>
        <translation>Passwort des API-Benutzers %1 bei %2:</translation>
    </message>
    <message>
        <source>Arbor — connected to %1</source>
        <translation>Arbor — verbunden mit %1</translation>
    </message>
    <message>
        <source>Connected mode: this desktop shows the service&apos;s view and polls nothing itself; run this from the service (its API or CLI) or start Arbor without --connect.</source>
        <translation>Verbundener Modus: Dieser Desktop zeigt die Sicht des Dienstes und fragt selbst nichts ab; führen Sie dies über den Dienst aus (seine API oder CLI) oder starten Sie Arbor ohne --connect.</translation>
    </message>
    <message>
        <source>Service nodes</source>
        <translation>Dienstknoten</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) in %1 cluster(s) · from %2 · refreshed every %3 s</source>
        <translation>
            <numerusform>%n Server in %1 Cluster(n) · von %2 · alle %3 s aktualisiert</numerusform>
            <numerusform>%n Server in %1 Cluster(n) · von %2 · alle %3 s aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
</context>
<context>
    <name>arbor::core::ServiceSource</name>
    <message>
        <source>Cannot reach the Arbor service at %1: %2; check the URL and that the service is running.</source>
        <translation>Der Arbor-Dienst unter %1 ist nicht erreichbar: %2; prüfen Sie die URL und ob der Dienst läuft.</translation>
    </message>
    <message>
        <source>The Arbor service at %1 requires credentials (HTTP 401); connect with --api-user.</source>
        <translation>Der Arbor-Dienst unter %1 verlangt Anmeldedaten (HTTP 401); verbinden Sie sich mit --api-user.</translation>
    </message>
    <message>
        <source>The Arbor service at %1 refused user &quot;%2&quot; (HTTP 401); check the API user and password.</source>
        <translation>Der Arbor-Dienst unter %1 hat den Benutzer „%2“ abgewiesen (HTTP 401); prüfen Sie API-Benutzer und Passwort.</translation>
    </message>
    <message>
        <source>The server at %1 answered GET /api/%2 with HTTP %3 but no JSON; is this the URL of an Arbor service?</source>
        <translation>Der Server unter %1 hat GET /api/%2 mit HTTP %3, aber ohne JSON beantwortet; ist das die URL eines Arbor-Dienstes?</translation>
    </message>
    <message>
        <source>The Arbor service at %1 answered GET /api/%2 with HTTP %3: %4</source>
        <translation>Der Arbor-Dienst unter %1 hat GET /api/%2 mit HTTP %3 beantwortet: %4</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The Arbor service node %1 at %2 cannot reach its backend: %3; the views show what it had in memory.</source>
        <translation>Der Arbor-Dienstknoten %1 unter %2 erreicht sein Backend nicht: %3; die Ansichten zeigen seinen Stand im Speicher.</translation>
    </message>
    <message>
        <source>The Arbor service at %1 answered GET /api/clusters with something other than a list.</source>
        <translation>Der Arbor-Dienst unter %1 hat GET /api/clusters nicht mit einer Liste beantwortet.</translation>
    </message>
    <message>
        <source>The Arbor service at %1 sent a server of cluster %2 that cannot be read: %3</source>
        <translation>Der Arbor-Dienst unter %1 hat einen Server des Clusters %2 gesendet, der nicht gelesen werden kann: %3</translation>
    </message>
    <message>
        <source>The Arbor service at %1 sent no rehearsal.</source>
        <translation>Der Arbor-Dienst unter %1 hat keine Probe geschickt.</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ActivityLog</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>Operation</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::AddServersDialog</name>
    <message>
        <source>&amp;Save as a connection named</source>
        <translation>Als Verbindung &amp;speichern unter</translation>
    </message>
    <message>
        <source>Add servers</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>db-1.example:3306
db-7.example:3306, 10.0.0.12:3307</source>
        <translation>db-1.example:3306
db-7.example:3306, 10.0.0.12:3307</translation>
    </message>
    <message>
        <source>Servers to add</source>
        <translation>Hinzuzufügende Server</translation>
    </message>
    <message>
        <source>for example: billing</source>
        <translation>zum Beispiel: billing</translation>
    </message>
    <message>
        <source>Arbor follows each server&apos;s sources up and replicas down, with this window&apos;s credentials, and keeps polling what it finds. The window stays usable meanwhile.</source>
        <translation>Arbor folgt von jedem Server den Quellen nach oben und den Replikaten nach unten, mit den Zugangsdaten dieses Fensters, und fragt weiter ab, was es findet. Das Fenster bleibt währenddessen bedienbar.</translation>
    </message>
    <message>
        <source>Ser&amp;vers (host:port):</source>
        <translation>Ser&amp;ver (Host:Port):</translation>
    </message>
    <message>
        <source>&amp;Add and discover</source>
        <translation>&amp;Hinzufügen und ermitteln</translation>
    </message>
    <message>
        <source>The connection is saved, its password is not: %1</source>
        <translation>Die Verbindung wird gespeichert, ihr Passwort nicht: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server: %2</source>
        <translation>„%1“ ist kein Server: %2</translation>
    </message>
    <message>
        <source>Name at least one server as host:port.</source>
        <translation>Mindestens einen Server als Host:Port angeben.</translation>
    </message>
    <message>
        <source>Give the connection a name, or do not save it.</source>
        <translation>Der Verbindung einen Namen geben oder sie nicht speichern.</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ChartsPanel</name>
    <message>
        <source>Replication lag per server</source>
        <translation>Replikationsverzögerung je Server</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>Replication lag across replicas</source>
        <translation>Replikationsverzögerung über alle Replikate</translation>
    </message>
    <message>
        <source>Poll latency per server</source>
        <translation>Abfragedauer je Server</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Time window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Export chart...</source>
        <translation>Diagramm exportieren...</translation>
    </message>
    <message>
        <source>Save the chart shown as PNG or SVG</source>
        <translation>Das angezeigte Diagramm als PNG oder SVG speichern</translation>
    </message>
    <message>
        <source>Markers on the charts; hover a marker for the server and what happened.</source>
        <translation>Markierungen in den Diagrammen; mit der Maus über eine Markierung fahren, um Server und Ereignis zu sehen.</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Cluster max / p95</source>
        <translation>Cluster Max / p95</translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation>Abfragedauer</translation>
    </message>
    <message numerus="yes">
        <source>All servers (%n)</source>
        <translation>
            <numerusform>Alle Server (%n)</numerusform>
            <numerusform>Alle Server (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cluster %1 (%n server(s))</source>
        <translation>
            <numerusform>Cluster %1 (%n Server)</numerusform>
            <numerusform>Cluster %1 (%n Server)</numerusform>
        </translation>
    </message>
    <message>
        <source>max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>there is no chart to export.</source>
        <translation>es gibt kein Diagramm zum Exportieren.</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ClusterListWidget</name>
    <message>
        <source>Search host, alias, data centre or state</source>
        <translation>Host, Alias, Rechenzentrum oder Zustand suchen</translation>
    </message>
    <message>
        <source>Search clusters</source>
        <translation>Cluster durchsuchen</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Master</source>
        <translation>Master</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message numerus="yes">
        <source>, %n downtimed</source>
        <translation>
            <numerusform>, %n in Wartung</numerusform>
            <numerusform>, %n in Wartung</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
master %2</source>
        <translation>%1
Master %2</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ConnectionDialog</name>
    <message>
        <source>Use TLS</source>
        <translation>TLS verwenden</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation>Passwort im System-Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Connect to a topology</source>
        <translation>Mit einer Topologie verbinden</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>host:port of any server of the topology</source>
        <translation>host:port eines beliebigen Servers der Topologie</translation>
    </message>
    <message>
        <source>TLS to topology servers is not supported by this version&apos;s probe yet; connections are plain.</source>
        <translation>TLS zu Topologie-Servern unterstützt die Abfrage dieser Version noch nicht; Verbindungen sind unverschlüsselt.</translation>
    </message>
    <message>
        <source>Connection &amp;name:</source>
        <translation>Verbindungs&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Seed server:</source>
        <translation>&amp;Startserver:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Connected to %1 (%2), but could not read the grants: %3</source>
        <translation>Mit %1 (%2) verbunden, aber die Rechte konnten nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as &apos;%3&apos;, but these privileges are missing: %4. Grant them with GRANT ... ON *.* TO the user.</source>
        <translation>Mit %1 (%2) als &apos;%3&apos; verbunden, aber diese Rechte fehlen: %4. Mit GRANT ... ON *.* TO dem Benutzer erteilen.</translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as &apos;%3&apos;; every privilege Arbor needs is granted.</source>
        <translation>Mit %1 (%2) als &apos;%3&apos; verbunden; alle Rechte, die Arbor braucht, sind erteilt.</translation>
    </message>
    <message>
        <source>Testing %1 ...</source>
        <translation>Teste %1 ...</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::DowntimeDialog</name>
    <message>
        <source>Begin downtime on %1</source>
        <translation>Wartung für %1 beginnen</translation>
    </message>
    <message>
        <source>why, for the log and the other DBAs</source>
        <translation>warum, für das Protokoll und die anderen DBAs</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::DragController</name>
    <message>
        <source>%1 already replicates from %2: dropping here changes nothing</source>
        <translation>%1 repliziert bereits von %2: hier ablegen ändert nichts</translation>
    </message>
    <message>
        <source>these replicas already replicate from %1: dropping here changes nothing</source>
        <translation>diese Replikate replizieren bereits von %1: hier ablegen ändert nichts</translation>
    </message>
    <message>
        <source>Drop to %1, by %2</source>
        <translation>Ablegen für %1, per %2</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>current source</source>
        <translation>aktuelle Quelle</translation>
    </message>
    <message numerus="yes">
        <source>%n replica(s)</source>
        <translation>
            <numerusform>%n Replikat</numerusform>
            <numerusform>%n Replikate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drop on a server to move %n replica(s) of %1 below it; Esc cancels</source>
        <translation>
            <numerusform>Auf einem Server ablegen, um %n Replikat von %1 darunter zu verschieben; Esc bricht ab</numerusform>
            <numerusform>Auf einem Server ablegen, um %n Replikate von %1 darunter zu verschieben; Esc bricht ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop on a server to move %1 below it; Esc cancels</source>
        <translation>Auf einem Server ablegen, um %1 darunter zu verschieben; Esc bricht ab</translation>
    </message>
    <message>
        <source>Drag cancelled</source>
        <translation>Ziehen abgebrochen</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::MainWindow</name>
    <message>
        <source>Arbor — replication topologies</source>
        <translation>Arbor — Replikationstopologien</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Ausfälle</translation>
    </message>
    <message>
        <source>discovered</source>
        <translation>erkannt</translation>
    </message>
    <message>
        <source>discovered, not answering: %1</source>
        <translation>erkannt, antwortet nicht: %1</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>Jetzt a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Begin downtime...</source>
        <translation>&amp;Wartung beginnen...</translation>
    </message>
    <message>
        <source>&amp;End downtime</source>
        <translation>Wartung b&amp;eenden</translation>
    </message>
    <message>
        <source>End downtime</source>
        <translation>Wartung beenden</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Forget server</source>
        <translation>Server vergessen</translation>
    </message>
    <message>
        <source>Forget %1? Arbor stops polling it and removes it from the store; it comes back if a neighbour still lists it.</source>
        <translation>%1 vergessen? Arbor fragt ihn nicht mehr ab und entfernt ihn aus dem Speicher; er kommt zurück, wenn ein Nachbar ihn noch aufführt.</translation>
    </message>
    <message>
        <source>&amp;Copy host:port</source>
        <translation>host:port &amp;kopieren</translation>
    </message>
    <message>
        <source>Show &amp;each replica</source>
        <translation>&amp;Jedes Replikat zeigen</translation>
    </message>
    <message>
        <source>&amp;Fold replicas</source>
        <translation>Replikate &amp;einklappen</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>&amp;Horizontal trees</source>
        <translation>&amp;Horizontale Bäume</translation>
    </message>
    <message>
        <source>&amp;Export cluster...</source>
        <translation>Cluster e&amp;xportieren...</translation>
    </message>
    <message>
        <source>Export &amp;all clusters...</source>
        <translation>&amp;Alle Cluster exportieren...</translation>
    </message>
    <message>
        <source>&amp;Promotion rules...</source>
        <translation>&amp;Beförderungsregeln...</translation>
    </message>
    <message>
        <source>Re&amp;cover...</source>
        <translation>&amp;Wiederherstellen...</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;System colours</source>
        <translation>&amp;Systemfarben</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>F&amp;ailover</source>
        <translation>&amp;Failover</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Needs the store (start Arbor with a store to keep downtimes).</source>
        <translation>Braucht den Speicher (Arbor mit einem Speicher starten, um Wartungen zu behalten).</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) in %1 cluster(s) · polled every %2 s · last %3 s: %4 polls ok, %5 failed, slowest %6 ms · %7 unreachable</source>
        <translation>
            <numerusform>%n Server in %1 Cluster(n) · Abfrage alle %2 s · letzte %3 s: %4 Abfragen ok, %5 fehlgeschlagen, langsamste %6 ms · %7 nicht erreichbar</numerusform>
            <numerusform>%n Server in %1 Cluster(n) · Abfrage alle %2 s · letzte %3 s: %4 Abfragen ok, %5 fehlgeschlagen, langsamste %6 ms · %7 nicht erreichbar</numerusform>
        </translation>
    </message>
    <message>
        <source>refresh requested</source>
        <translation>Aktualisierung angefordert</translation>
    </message>
    <message>
        <source>Begin downtime</source>
        <translation>Wartung beginnen</translation>
    </message>
    <message>
        <source>downtime needs the store, and this window has none</source>
        <translation>Wartung braucht den Speicher, und dieses Fenster hat keinen</translation>
    </message>
    <message>
        <source>begin downtime failed: %1</source>
        <translation>Wartung beginnen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>downtime begun for %1 min: %2</source>
        <translation>Wartung für %1 min begonnen: %2</translation>
    </message>
    <message>
        <source>end downtime failed: %1</source>
        <translation>Wartung beenden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>downtime ended</source>
        <translation>Wartung beendet</translation>
    </message>
    <message>
        <source>forget failed: %1</source>
        <translation>Vergessen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>forgotten</source>
        <translation>vergessen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Select a cluster in the list first, or export all clusters.</source>
        <translation>Zuerst einen Cluster in der Liste wählen oder alle Cluster exportieren.</translation>
    </message>
    <message>
        <source>Export all clusters</source>
        <translation>Alle Cluster exportieren</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
    <message>
        <source>all clusters</source>
        <translation>alle Cluster</translation>
    </message>
    <message>
        <source>promotion rule set to %1%2</source>
        <translation>Beförderungsregel auf %1%2 gesetzt</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation> bis %1</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when Arbor starts next time.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Arbor.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>%v of %m steps</source>
        <translation>%v von %m Schritten</translation>
    </message>
    <message>
        <source>&amp;Undo %1...</source>
        <translation>%1 &amp;rückgängig...</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo %1 (previewed first)</source>
        <translation>%1 rückgängig machen (mit Vorschau)</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>&amp;Redo %1...</source>
        <translation>%1 &amp;wiederholen...</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Redo %1 (previewed first)</source>
        <translation>%1 wiederholen (mit Vorschau)</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts zu wiederholen</translation>
    </message>
    <message>
        <source>could not add %1: %2</source>
        <translation>konnte %1 nicht hinzufügen: %2</translation>
    </message>
    <message>
        <source>&amp;Start replication...</source>
        <translation>Replikation &amp;starten...</translation>
    </message>
    <message>
        <source>S&amp;top replication...</source>
        <translation>Replikation s&amp;toppen...</translation>
    </message>
    <message>
        <source>Set &amp;read-only...</source>
        <translation>Sch&amp;reibschutz setzen...</translation>
    </message>
    <message>
        <source>Set &amp;writeable...</source>
        <translation>Be&amp;schreibbar machen...</translation>
    </message>
    <message>
        <source>&amp;Promote to master (planned)...</source>
        <translation>Zum Master &amp;befördern (geplant)...</translation>
    </message>
    <message>
        <source>Promote to master</source>
        <translation>Zum Master befördern</translation>
    </message>
    <message>
        <source>Re&amp;hearse a failover...</source>
        <translation>Failover &amp;proben...</translation>
    </message>
    <message>
        <source>Rehearse a failover</source>
        <translation>Failover proben</translation>
    </message>
    <message>
        <source>&amp;Add servers...</source>
        <translation>Server &amp;hinzufügen...</translation>
    </message>
    <message>
        <source>Connect to &amp;service...</source>
        <translation>Mit &amp;Dienst verbinden...</translation>
    </message>
    <message>
        <source>&amp;Manage connections...</source>
        <translation>Verbindungen &amp;verwalten...</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>&amp;Zuletzt verwendet</translation>
    </message>
    <message>
        <source>%1 (%2@%3)</source>
        <translation>%1 (%2@%3)</translation>
    </message>
    <message>
        <source>Open a new window on this connection</source>
        <translation>Ein neues Fenster mit dieser Verbindung öffnen</translation>
    </message>
    <message>
        <source>No saved connections</source>
        <translation>Keine gespeicherten Verbindungen</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>&amp;Operationen</translation>
    </message>
    <message>
        <source>Select a server on the canvas first</source>
        <translation>Zuerst einen Server auf der Fläche auswählen</translation>
    </message>
    <message>
        <source>Select a replica of a cluster&apos;s master.</source>
        <translation>Ein Replikat des Masters eines Clusters auswählen.</translation>
    </message>
    <message>
        <source>%1 is the master already.</source>
        <translation>%1 ist bereits der Master.</translation>
    </message>
    <message>
        <source>%1 does not replicate from the master %2 directly: move it up first.</source>
        <translation>%1 repliziert nicht direkt vom Master %2: zuerst nach oben verschieben.</translation>
    </message>
    <message>
        <source>Replication on %1 is not running: it cannot catch up with the master.</source>
        <translation>Die Replikation auf %1 läuft nicht: es kann den Master nicht einholen.</translation>
    </message>
    <message>
        <source>What Arbor would do if %1 died now; touches no server.</source>
        <translation>Was Arbor täte, wenn %1 jetzt ausfiele; berührt keinen Server.</translation>
    </message>
    <message>
        <source>Select a master or an intermediate master.</source>
        <translation>Einen Master oder Zwischen-Master auswählen.</translation>
    </message>
    <message>
        <source>Graceful master takeover: %1 replaces %2; previewed first.</source>
        <translation>Geordnete Master-Übernahme: %1 ersetzt %2; zuerst mit Vorschau.</translation>
    </message>
    <message>
        <source>Add servers</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>connection %1 saved, its password in the keychain</source>
        <translation>Verbindung %1 gespeichert, ihr Passwort im Schlüsselbund</translation>
    </message>
    <message>
        <source>connection %1 saved without its password: %2</source>
        <translation>Verbindung %1 ohne Passwort gespeichert: %2</translation>
    </message>
    <message>
        <source>already polled</source>
        <translation>wird bereits abgefragt</translation>
    </message>
    <message>
        <source>added: discovering its sources and replicas</source>
        <translation>hinzugefügt: Quellen und Replikate werden ermittelt</translation>
    </message>
    <message numerus="yes">
        <source>Discovering %n server(s)...</source>
        <translation>
            <numerusform>Ermittle %n Server...</numerusform>
            <numerusform>Ermittle %n Server...</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect to an Arbor service</source>
        <translation>Mit einem Arbor-Dienst verbinden</translation>
    </message>
    <message>
        <source>https://arbor-1.example:3000</source>
        <translation>https://arbor-1.example:3000</translation>
    </message>
    <message>
        <source>A new window shows what the service sees, through its HTTP API; the password is asked there and kept in the keychain once it worked.</source>
        <translation>Ein neues Fenster zeigt über die HTTP-API, was der Dienst sieht; das Passwort wird dort abgefragt und im Schlüsselbund behalten, sobald es funktioniert hat.</translation>
    </message>
    <message>
        <source>Service &amp;URL:</source>
        <translation>Dienst-&amp;URL:</translation>
    </message>
    <message>
        <source>API &amp;user:</source>
        <translation>API-&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http(s) URL with a host</source>
        <translation>„%1“ ist keine http(s)-URL mit Host</translation>
    </message>
    <message>
        <source>could not start a new Arbor window (%1)</source>
        <translation>konnte kein neues Arbor-Fenster starten (%1)</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ManageConnectionsDialog</name>
    <message>
        <source>&amp;Edit...</source>
        <translation>&amp;Bearbeiten...</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Delete...</source>
        <translation>&amp;Löschen...</translation>
    </message>
    <message>
        <source>&amp;Open in a new window</source>
        <translation>In neuem Fenster ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Manage connections</source>
        <translation>Verbindungen verwalten</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>Verbindung löschen</translation>
    </message>
    <message>
        <source>Delete the connection %1 and its password in the keychain?</source>
        <translation>Die Verbindung %1 und ihr Passwort im Schlüsselbund löschen?</translation>
    </message>
    <message>
        <source>%1 — %2@%3</source>
        <translation>%1 — %2@%3</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>The password was not stored: %1</source>
        <translation>Das Passwort wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Cannot test %1 without its password: %2</source>
        <translation>%1 lässt sich ohne Passwort nicht testen: %2</translation>
    </message>
    <message>
        <source>Testing %1 (%2)...</source>
        <translation>Teste %1 (%2)...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Its password was removed from the keychain.</source>
        <translation>Ihr Passwort wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Its keychain entry could not be removed: %1</source>
        <translation>Ihr Schlüsselbund-Eintrag ließ sich nicht entfernen: %1</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationController</name>
    <message>
        <source>an operation is running (%1): wait for it to finish</source>
        <translation>eine Operation läuft (%1): auf ihr Ende warten</translation>
    </message>
    <message>
        <source>%1 now replicates from %2, not from %3 as when this was recorded</source>
        <translation>%1 repliziert jetzt von %2, nicht von %3 wie bei der Aufzeichnung</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>keine Quelle</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>%1 rückgängig machen</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>%1 wiederholen</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>cannot undo %1: %2</source>
        <translation>%1 kann nicht rückgängig gemacht werden: %2</translation>
    </message>
    <message>
        <source>cannot redo %1: %2</source>
        <translation>%1 kann nicht wiederholt werden: %2</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>step %1 of %2 on %3: %4</source>
        <translation>Schritt %1 von %2 auf %3: %4</translation>
    </message>
    <message>
        <source>%1: running (%2)</source>
        <translation>%1: läuft (%2)</translation>
    </message>
    <message>
        <source>This cannot be undone: it is not put on the undo stack.</source>
        <translation>Das lässt sich nicht rückgängig machen: es kommt nicht auf den Rückgängig-Stapel.</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationJob</name>
    <message>
        <source>nothing ran: the store could not be opened for the cluster lock and the audit (%1); fix the store or restart Arbor without it</source>
        <translation>nichts ausgeführt: der Speicher für Cluster-Sperre und Audit ließ sich nicht öffnen (%1); den Speicher reparieren oder Arbor ohne ihn neu starten</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::OperationPreviewDialog</name>
    <message>
        <source>run</source>
        <translation>ausführen</translation>
    </message>
    <message>
        <source>wait</source>
        <translation>warten</translation>
    </message>
    <message>
        <source>check</source>
        <translation>prüfen</translation>
    </message>
    <message>
        <source>%1: replication is not running cleanly (IO %2, SQL %3); the move starts from where it stopped</source>
        <translation>%1: Replikation läuft nicht sauber (IO %2, SQL %3); der Umzug beginnt dort, wo sie stehen blieb</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>%1 is %2 s behind its source: the move waits until it has caught up as far as it needs</source>
        <translation>%1 liegt %2 s hinter seiner Quelle: der Umzug wartet, bis er so weit wie nötig aufgeholt hat</translation>
    </message>
    <message>
        <source>%1 is writeable (read_only=OFF) although it is a replica: writes made there are not on its new source</source>
        <translation>%1 ist beschreibbar (read_only=OFF), obwohl er ein Replikat ist: Schreibvorgänge dort fehlen auf seiner neuen Quelle</translation>
    </message>
    <message>
        <source>the new source %1 did not answer its last poll (%2)</source>
        <translation>die neue Quelle %1 hat auf die letzte Abfrage nicht geantwortet (%2)</translation>
    </message>
    <message>
        <source>the new source %1 is %2 s behind its own source: the moved replicas will be at least as far behind</source>
        <translation>die neue Quelle %1 liegt %2 s hinter ihrer eigenen Quelle: die verschobenen Replikate liegen mindestens so weit zurück</translation>
    </message>
    <message>
        <source>the new source %1 is a writeable replica (read_only=OFF): writes made on it will reach the moved replicas but not its own source</source>
        <translation>die neue Quelle %1 ist ein beschreibbares Replikat (read_only=OFF): Schreibvorgänge dort erreichen die verschobenen Replikate, aber nicht ihre eigene Quelle</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>Vorschau: %1</translation>
    </message>
    <message>
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <source>(no statements needed)</source>
        <translation>(keine Anweisungen nötig)</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>%1: from %2 to %3</source>
        <translation>%1: von %2 nach %3</translation>
    </message>
    <message>
        <source>no source</source>
        <translation>keine Quelle</translation>
    </message>
    <message>
        <source>Moves:</source>
        <translation>Umzüge:</translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation>Server:</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) touched</source>
        <translation>
            <numerusform>%n Server betroffen</numerusform>
            <numerusform>%n Server betroffen</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Refused&lt;/b&gt; (rule &lt;code&gt;%1&lt;/code&gt;): %2</source>
        <translation>&lt;b&gt;Abgelehnt&lt;/b&gt; (Regel &lt;code&gt;%1&lt;/code&gt;): %2</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Anweisung</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>Steps in order (%1)</source>
        <translation>Schritte der Reihe nach (%1)</translation>
    </message>
    <message>
        <source>By server (%1)</source>
        <translation>Nach Server (%1)</translation>
    </message>
    <message>
        <source>As text</source>
        <translation>Als Text</translation>
    </message>
    <message>
        <source>&lt;b&gt;If a step fails:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Wenn ein Schritt fehlschlägt:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&amp;Copy plan</source>
        <translation>Plan &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Run %1</source>
        <translation>%1 &amp;ausführen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warnings&lt;/b&gt;&lt;ul style=&quot;margin:0&quot;&gt;%1&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Warnungen&lt;/b&gt;&lt;ul style=&quot;margin:0&quot;&gt;%1&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n statement(s)</source>
        <translation>
            <numerusform>%1 — %n Anweisung</numerusform>
            <numerusform>%1 — %n Anweisungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n server(s) for long-running transactions...</source>
        <translation>
            <numerusform>Prüfe %n Server auf lang laufende Transaktionen...</numerusform>
            <numerusform>Prüfe %n Server auf lang laufende Transaktionen...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No transaction open for more than %1 s on the %n server(s) touched.</source>
        <translation>
            <numerusform>Keine Transaktion länger als %1 s offen auf dem %n betroffenen Server.</numerusform>
            <numerusform>Keine Transaktion länger als %1 s offen auf den %n betroffenen Servern.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::widgets::PromotionRulesEditor</name>
    <message>
        <source>&amp;Import...</source>
        <translation>&amp;Importieren...</translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>E&amp;xportieren...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Promotion rules</source>
        <translation>Beförderungsregeln</translation>
    </message>
    <message>
        <source>Which replica a failover may promote. &lt;b&gt;must&lt;/b&gt;: this one when it is healthy, else the recovery fails; &lt;b&gt;prefer&lt;/b&gt; wins among equally up-to-date replicas; &lt;b&gt;prefer_not&lt;/b&gt; only when nobody else can; &lt;b&gt;must_not&lt;/b&gt;: never. A rule can lapse at a given time.</source>
        <translation>Welches Replikat ein Failover befördern darf. &lt;b&gt;must&lt;/b&gt;: dieses, wenn es gesund ist, sonst schlägt die Wiederherstellung fehl; &lt;b&gt;prefer&lt;/b&gt; gewinnt unter gleich aktuellen Replikaten; &lt;b&gt;prefer_not&lt;/b&gt; nur, wenn kein anderes kann; &lt;b&gt;must_not&lt;/b&gt;: nie. Eine Regel kann zu einem Zeitpunkt ablaufen.</translation>
    </message>
    <message>
        <source>Filter by server, cluster, data centre or rule</source>
        <translation>Nach Server, Cluster, Rechenzentrum oder Regel filtern</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Data centre</source>
        <translation>Rechenzentrum</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>läuft nie ab</translation>
    </message>
    <message>
        <source>for 1 hour</source>
        <translation>für 1 Stunde</translation>
    </message>
    <message>
        <source>for 8 hours</source>
        <translation>für 8 Stunden</translation>
    </message>
    <message>
        <source>for 1 day</source>
        <translation>für 1 Tag</translation>
    </message>
    <message>
        <source>for 7 days</source>
        <translation>für 7 Tage</translation>
    </message>
    <message>
        <source>until...</source>
        <translation>bis...</translation>
    </message>
    <message>
        <source>Selected servers:</source>
        <translation>Gewählte Server:</translation>
    </message>
    <message>
        <source>Staged edits dropped.</source>
        <translation>Vorgemerkte Änderungen verworfen.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No store is open: rules cannot be read or saved in this window.</source>
        <translation>Kein Speicher geöffnet: Regeln können in diesem Fenster weder gelesen noch gespeichert werden.</translation>
    </message>
    <message>
        <source>* unsaved (saved: %1%2)</source>
        <translation>* ungespeichert (gespeichert: %1%2)</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation> bis %1</translation>
    </message>
    <message>
        <source>expired: neutral applies</source>
        <translation>abgelaufen: neutral gilt</translation>
    </message>
    <message>
        <source>not in the topology</source>
        <translation>nicht in der Topologie</translation>
    </message>
    <message>
        <source>active, %1 h left</source>
        <translation>aktiv, noch %1 h</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n selected</source>
        <translation>
            <numerusform>Auf %n gewählten anwenden</numerusform>
            <numerusform>Auf %n gewählte anwenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Save %n change(s)</source>
        <translation>
            <numerusform>%n Änderung &amp;speichern</numerusform>
            <numerusform>%n Änderungen &amp;speichern</numerusform>
        </translation>
    </message>
    <message>
        <source>The expiry %1 is in the past; choose a later time.</source>
        <translation>Der Ablauf %1 liegt in der Vergangenheit; einen späteren Zeitpunkt wählen.</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) staged as %1; Save writes them.</source>
        <translation>
            <numerusform>%n Server als %1 vorgemerkt; Speichern schreibt ihn.</numerusform>
            <numerusform>%n Server als %1 vorgemerkt; Speichern schreibt sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 was not imported: %2.</source>
        <translation>%1 wurde nicht importiert: %2.</translation>
    </message>
    <message>
        <source>Imported %1 rule(s) from %2: %3 change(s) staged; servers not in the file keep their rule. Save writes them.</source>
        <translation>%1 Regel(n) aus %2 importiert: %3 Änderung(en) vorgemerkt; Server, die nicht in der Datei stehen, behalten ihre Regel. Speichern schreibt sie.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>No store is open, so the rules cannot be saved; start Arbor with a store.</source>
        <translation>Kein Speicher geöffnet, daher können die Regeln nicht gespeichert werden; Arbor mit einem Speicher starten.</translation>
    </message>
    <message>
        <source>Saving the rule of %1 failed: %2</source>
        <translation>Speichern der Regel von %1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) saved.</source>
        <translation>
            <numerusform>%n Regel gespeichert.</numerusform>
            <numerusform>%n Regeln gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import promotion rules</source>
        <translation>Beförderungsregeln importieren</translation>
    </message>
    <message>
        <source>Promotion rules (*.json);;All files (*)</source>
        <translation>Beförderungsregeln (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export promotion rules</source>
        <translation>Beförderungsregeln exportieren</translation>
    </message>
    <message>
        <source>Promotion rules (*.json)</source>
        <translation>Beförderungsregeln (*.json)</translation>
    </message>
    <message>
        <source>Exported %1 rule(s) to %2%3.</source>
        <translation>%1 Regel(n) nach %2%3 exportiert.</translation>
    </message>
    <message>
        <source> (including unsaved edits)</source>
        <translation> (samt ungespeicherter Änderungen)</translation>
    </message>
    <message>
        <source>Unsaved promotion rules</source>
        <translation>Ungespeicherte Beförderungsregeln</translation>
    </message>
    <message numerus="yes">
        <source>%n staged change(s) are not saved. Discard them?</source>
        <translation>
            <numerusform>%n vorgemerkte Änderung ist nicht gespeichert. Verwerfen?</numerusform>
            <numerusform>%n vorgemerkte Änderungen sind nicht gespeichert. Verwerfen?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::core::PromotionRulesJson</name>
    <message>
        <source>it is not JSON (%1 at byte %2); expected the output of arbor promotion-rules --json</source>
        <translation>es ist kein JSON (%1 bei Byte %2); erwartet wird die Ausgabe von arbor promotion-rules --json</translation>
    </message>
    <message>
        <source>it is not a JSON array; expected the output of arbor promotion-rules --json</source>
        <translation>es ist kein JSON-Array; erwartet wird die Ausgabe von arbor promotion-rules --json</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 (%2): ExpiresAt &apos;%3&apos; is not an ISO 8601 time</source>
        <translation>%1 (%2): ExpiresAt &apos;%3&apos; ist keine ISO-8601-Zeit</translation>
    </message>
    <message>
        <source>%1: %2 appears twice</source>
        <translation>%1: %2 kommt zweimal vor</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::RecoveryDialog</name>
    <message>
        <source>%1 on %2 (cluster %3): move its replicas</source>
        <translation>%1 auf %2 (Cluster %3): seine Replikate umziehen</translation>
    </message>
    <message>
        <source>Graceful takeover of %1 (cluster %2)</source>
        <translation>Geordnete Übernahme von %1 (Cluster %2)</translation>
    </message>
    <message>
        <source>%1 on %2 (cluster %3): promote a replica</source>
        <translation>%1 auf %2 (Cluster %3): ein Replikat befördern</translation>
    </message>
    <message>
        <source>%1
Arbor cannot reach it: %2 · replicas: %3, reachable: %4, agreeing they lost it: %5, still replicating: %6</source>
        <translation>%1
Arbor erreicht ihn nicht: %2 · Replikate: %3, erreichbar: %4, bestätigen den Verlust: %5, replizieren noch: %6</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Recover %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Replica</source>
        <translation>Replikat</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>New &amp;source:</source>
        <translation>Neue &amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Promote:</source>
        <translation>&amp;Befördern:</translation>
    </message>
    <message>
        <source>Candidates, best first:</source>
        <translation>Kandidaten, beste zuerst:</translation>
    </message>
    <message>
        <source>What Arbor will do, in this order:</source>
        <translation>Was Arbor tun wird, in dieser Reihenfolge:</translation>
    </message>
    <message>
        <source>Arbor&apos;s choice</source>
        <translation>Arbors Wahl</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Rehearsal: if %1 died now</source>
        <translation>Probe: falls %1 jetzt ausfiele</translation>
    </message>
    <message>
        <source>&amp;Promote</source>
        <translation>&amp;Befördern</translation>
    </message>
    <message>
        <source>The tree afterwards:</source>
        <translation>Der Baum danach:</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::RecoveryPanel</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>&amp;Recover...</source>
        <translation>&amp;Wiederherstellen...</translation>
    </message>
    <message>
        <source>Recover...</source>
        <translation>Wiederherstellen...</translation>
    </message>
    <message>
        <source>Re-analyse now</source>
        <translation>Jetzt neu analysieren</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Structure warnings</source>
        <translation>Strukturwarnungen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Recover %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <source>recovery of %1 started (%2, %3)</source>
        <translation>Wiederherstellung von %1 gestartet (%2, %3)</translation>
    </message>
    <message>
        <source>recovery step [%1] %2%3</source>
        <translation>Wiederherstellungsschritt [%1] %2%3</translation>
    </message>
    <message>
        <source>recovery %1: %2</source>
        <translation>Wiederherstellung %1: %2</translation>
    </message>
    <message>
        <source>%1 cleared</source>
        <translation>%1 behoben</translation>
    </message>
    <message>
        <source>%1: %2 — the desktop does not recover on its own: use Recover... in the Failures panel</source>
        <translation>%1: %2 — der Desktop stellt nicht selbst wieder her: Wiederherstellen... im Bereich Ausfälle verwenden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(structure only)</source>
        <translation>(nur Struktur)</translation>
    </message>
    <message>
        <source> — actionable</source>
        <translation> — handlungsrelevant</translation>
    </message>
    <message>
        <source>%1
replicas %2, reachable %3, replicating %4, agreeing the source is lost %5, failing to connect %6, lagging %7, downtimed %8</source>
        <translation>%1
Replikate %2, erreichbar %3, replizierend %4, bestätigen Quellverlust %5, Verbindung scheitert %6, verzögert %7, in Wartung %8</translation>
    </message>
    <message>
        <source>No problems: every cluster&apos;s analysis is clean.</source>
        <translation>Keine Probleme: die Analyse jedes Clusters ist sauber.</translation>
    </message>
    <message>
        <source>⚠ %1 on %2, cluster %3: %4</source>
        <translation>⚠ %1 auf %2, Cluster %3: %4</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n weiterer)</numerusform>
            <numerusform> (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source> — recovery running</source>
        <translation> — Wiederherstellung läuft</translation>
    </message>
    <message>
        <source>A recovery of this cluster is running.</source>
        <translation>Eine Wiederherstellung dieses Clusters läuft.</translation>
    </message>
    <message>
        <source>Shows the plan and asks before anything changes.</source>
        <translation>Zeigt den Plan und fragt, bevor sich etwas ändert.</translation>
    </message>
    <message>
        <source>Select an actionable failure (DeadMaster, DeadIntermediateMaster, ...).</source>
        <translation>Einen handlungsrelevanten Ausfall wählen (DeadMaster, DeadIntermediateMaster, ...).</translation>
    </message>
    <message>
        <source>The desktop never fails over on its own; this recovery runs because you confirm it.</source>
        <translation>Der Desktop schaltet nie selbst um; diese Wiederherstellung läuft, weil Sie sie bestätigen.</translation>
    </message>
    <message>
        <source>%1 is downtimed; a manual recovery proceeds anyway.</source>
        <translation>%1 ist in Wartung; eine manuelle Wiederherstellung läuft trotzdem.</translation>
    </message>
    <message>
        <source>An automatic recovery would be blocked: %1. This manual recovery bypasses the block.</source>
        <translation>Eine automatische Wiederherstellung wäre blockiert: %1. Diese manuelle Wiederherstellung umgeht die Sperre.</translation>
    </message>
    <message>
        <source>%1 has no failure Arbor can recover now (its analysis is %2).</source>
        <translation>%1 hat keinen Ausfall, den Arbor jetzt beheben kann (Analyse: %2).</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>sauber</translation>
    </message>
    <message>
        <source>A recovery of cluster %1 is already running; wait for it.</source>
        <translation>Eine Wiederherstellung von Cluster %1 läuft bereits; darauf warten.</translation>
    </message>
    <message>
        <source>Cannot plan the recovery of %1: %2</source>
        <translation>Wiederherstellung von %1 kann nicht geplant werden: %2</translation>
    </message>
    <message>
        <source>recovery of %1 proposed: %2</source>
        <translation>Wiederherstellung von %1 vorgeschlagen: %2</translation>
    </message>
    <message>
        <source>recovery of %1 cancelled; nothing was changed</source>
        <translation>Wiederherstellung von %1 abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>%1 is no longer failed (now %2); nothing was changed.</source>
        <translation>%1 ist nicht mehr ausgefallen (jetzt %2); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>recovery not started: %1</source>
        <translation>Wiederherstellung nicht gestartet: %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>%1 %2 → %3 (%4, %5)</source>
        <translation>%1 %2 → %3 (%4, %5)</translation>
    </message>
    <message>
        <source>%1 %2 (%3, %4)</source>
        <translation>%1 %2 (%3, %4)</translation>
    </message>
    <message>
        <source>Acknowledge...</source>
        <translation>Bestätigen...</translation>
    </message>
    <message>
        <source>Select a recovery below: acknowledging it ends its block period (RecoveryPeriodBlockSeconds) for automatic recoveries.</source>
        <translation>Unten eine Wiederherstellung wählen: das Bestätigen beendet ihre Sperrfrist (RecoveryPeriodBlockSeconds) für automatische Wiederherstellungen.</translation>
    </message>
    <message>
        <source>Acknowledge recovery</source>
        <translation>Wiederherstellung bestätigen</translation>
    </message>
    <message>
        <source>Why is it safe to allow the next automatic recovery?</source>
        <translation>Warum ist es sicher, die nächste automatische Wiederherstellung zuzulassen?</translation>
    </message>
    <message>
        <source>already replaced by %1; forget it, or rebuild it as a replica: %2</source>
        <translation>bereits durch %1 ersetzt; vergessen oder als Replikat neu aufbauen: %2</translation>
    </message>
    <message>
        <source>Acknowledging needs the store, and this window has none.</source>
        <translation>Bestätigen braucht den Speicher, und dieses Fenster hat keinen.</translation>
    </message>
    <message>
        <source>Say why the recovery is acknowledged: the comment is kept with it.</source>
        <translation>Angeben, warum die Wiederherstellung bestätigt wird: der Kommentar wird mit ihr gespeichert.</translation>
    </message>
    <message>
        <source>Recovery %1 is already acknowledged, or was only a blocked attempt.</source>
        <translation>Wiederherstellung %1 ist bereits bestätigt oder war nur ein blockierter Versuch.</translation>
    </message>
    <message>
        <source>recovery %1 acknowledged by %2: %3</source>
        <translation>Wiederherstellung %1 bestätigt von %2: %3</translation>
    </message>
    <message>
        <source>, acknowledged</source>
        <translation>, bestätigt</translation>
    </message>
    <message>
        <source>%1, acknowledged</source>
        <translation>%1, bestätigt</translation>
    </message>
    <message>
        <source>%1 is in no known cluster</source>
        <translation>%1 gehört zu keinem bekannten Cluster</translation>
    </message>
    <message>
        <source>%1 has no replicas: its failure would need no recovery</source>
        <translation>%1 hat keine Replikate: sein Ausfall bräuchte keine Wiederherstellung</translation>
    </message>
    <message>
        <source>rehearsal: %1 is assumed dead; it is not</source>
        <translation>Probe: %1 gilt als ausgefallen, ist es aber nicht</translation>
    </message>
    <message>
        <source>Cannot plan a recovery of %1: %2</source>
        <translation>Eine Wiederherstellung von %1 lässt sich nicht planen: %2</translation>
    </message>
    <message>
        <source>A rehearsal: Arbor shows what it would do if %1 died now, with the promotion rules and filters of this moment. No server is touched and no hook runs.</source>
        <translation>Eine Probe: Arbor zeigt, was es täte, wenn %1 jetzt ausfiele, mit den Beförderungsregeln und Filtern dieses Moments. Kein Server wird berührt und kein Hook läuft.</translation>
    </message>
    <message>
        <source>failover rehearsed: %1</source>
        <translation>Failover geprobt: %1</translation>
    </message>
    <message>
        <source>%1 is already the master of %2</source>
        <translation>%1 ist bereits der Master von %2</translation>
    </message>
    <message>
        <source>planned promotion of %1 in place of %2</source>
        <translation>geplante Beförderung von %1 anstelle von %2</translation>
    </message>
    <message>
        <source>Cannot plan the promotion of %1: %2</source>
        <translation>Die Beförderung von %1 lässt sich nicht planen: %2</translation>
    </message>
    <message>
        <source>A planned switchover: %1 stops taking writes, %2 catches up and becomes the master, the other replicas and then %1 (read-only) replicate from it.</source>
        <translation>Ein geplanter Wechsel: %1 nimmt keine Schreibzugriffe mehr an, %2 holt auf und wird Master, die übrigen Replikate und dann %1 (schreibgeschützt) replizieren von ihm.</translation>
    </message>
    <message>
        <source>This cannot be undone from the undo stack: to switch back, promote %1 again.</source>
        <translation>Das lässt sich nicht über den Rückgängig-Stapel zurücknehmen: um zurückzuwechseln, %1 erneut befördern.</translation>
    </message>
    <message>
        <source>planned promotion proposed: %1</source>
        <translation>geplante Beförderung vorgeschlagen: %1</translation>
    </message>
    <message>
        <source>planned promotion cancelled; nothing was changed</source>
        <translation>geplante Beförderung abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>planned promotion not started: %1</source>
        <translation>geplante Beförderung nicht gestartet: %1</translation>
    </message>
    <message>
        <source>planned promotion of %1 started</source>
        <translation>geplante Beförderung von %1 gestartet</translation>
    </message>
    <message>
        <source>%1 will replicate from %2 as %3, the account of this connection (no replication account is configured).</source>
        <translation>%1 repliziert danach von %2 als %3, dem Konto dieser Verbindung (kein Replikationskonto ist eingerichtet).</translation>
    </message>
    <message>
        <source>Cannot rehearse a failover of %1: %2</source>
        <translation>Ein Failover von %1 kann nicht geprobt werden: %2</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ServerDetailsWidget</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Server details</source>
        <translation>Serverdetails</translation>
    </message>
    <message>
        <source>Select a server on the canvas to see its facts.</source>
        <translation>Einen Server auf der Arbeitsfläche wählen, um seine Daten zu sehen.</translation>
    </message>
    <message>
        <source> · downtimed: %1</source>
        <translation> · in Wartung: %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Server ID</source>
        <translation>Server-ID</translation>
    </message>
    <message>
        <source>Server UUID</source>
        <translation>Server-UUID</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Data centre / region</source>
        <translation>Rechenzentrum / Region</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Writes</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>read_only</source>
        <translation>read_only</translation>
    </message>
    <message>
        <source> (super_read_only)</source>
        <translation> (super_read_only)</translation>
    </message>
    <message>
        <source>Binary log</source>
        <translation>Binärlog</translation>
    </message>
    <message>
        <source>on, %1, row image %2</source>
        <translation>an, %1, Row-Image %2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>log_slave_updates</source>
        <translation>log_slave_updates</translation>
    </message>
    <message>
        <source>Own coordinates</source>
        <translation>Eigene Koordinaten</translation>
    </message>
    <message>
        <source>GTID</source>
        <translation>GTID</translation>
    </message>
    <message>
        <source>gtid_mode</source>
        <translation>gtid_mode</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>gtid_binlog_pos</source>
        <translation>gtid_binlog_pos</translation>
    </message>
    <message>
        <source>gtid_slave_pos</source>
        <translation>gtid_slave_pos</translation>
    </message>
    <message>
        <source>gtid_strict_mode</source>
        <translation>gtid_strict_mode</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>Replikation</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>IO thread</source>
        <translation>IO-Thread</translation>
    </message>
    <message>
        <source>SQL thread</source>
        <translation>SQL-Thread</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>%1 s (threshold %2 s)</source>
        <translation>%1 s (Schwelle %2 s)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Positioning</source>
        <translation>Positionierung</translation>
    </message>
    <message>
        <source>GTID (%1)</source>
        <translation>GTID (%1)</translation>
    </message>
    <message>
        <source>file:pos</source>
        <translation>Datei:Pos</translation>
    </message>
    <message>
        <source>Read up to</source>
        <translation>Gelesen bis</translation>
    </message>
    <message>
        <source>Executed up to</source>
        <translation>Ausgeführt bis</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung (gewollt)</translation>
    </message>
    <message>
        <source>Last IO error</source>
        <translation>Letzter IO-Fehler</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Last SQL error</source>
        <translation>Letzter SQL-Fehler</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>Replikate</translation>
    </message>
    <message>
        <source>Semi-sync</source>
        <translation>Semi-sync</translation>
    </message>
    <message>
        <source>Source side</source>
        <translation>Quellseite</translation>
    </message>
    <message>
        <source>on, active</source>
        <translation>an, aktiv</translation>
    </message>
    <message>
        <source>on, inactive</source>
        <translation>an, inaktiv</translation>
    </message>
    <message>
        <source>Replica side</source>
        <translation>Replikatseite</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Poll latency</source>
        <translation>Abfragedauer</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ServiceStatusPanel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Host / API URL</source>
        <translation>Host / API-URL</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connected to %1 (node %2) · refreshed every %3 s · last refresh %4</source>
        <translation>Verbunden mit %1 (Knoten %2) · alle %3 s aktualisiert · letzte Aktualisierung %4</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>Bereitschaft</translation>
    </message>
    <message>
        <source> (not available)</source>
        <translation> (nicht verfügbar)</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TimeChartView</name>
    <message>
        <source>failover</source>
        <translation>Failover</translation>
    </message>
    <message>
        <source>relocation</source>
        <translation>Umzug</translation>
    </message>
    <message>
        <source>replication error</source>
        <translation>Replikationsfehler</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>recovered</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>failure detected</source>
        <translation>Ausfall erkannt</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>Operation</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Arbor chart</source>
        <translation>Arbor-Diagramm</translation>
    </message>
    <message>
        <source>could not write the chart to %1: check that the folder exists and you may write there.</source>
        <translation>das Diagramm konnte nicht nach %1 geschrieben werden: prüfen, dass der Ordner existiert und Schreibrechte bestehen.</translation>
    </message>
    <message>
        <source>could not export the chart to %1: use a file name ending in .png or .svg.</source>
        <translation>das Diagramm konnte nicht nach %1 exportiert werden: einen Dateinamen mit .png oder .svg verwenden.</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TopologyScene</name>
    <message>
        <source>Arbor replication topology</source>
        <translation>Arbor-Replikationstopologie</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TopologyView</name>
    <message>
        <source>Topology canvas</source>
        <translation>Topologie-Arbeitsfläche</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TransactionCheck</name>
    <message>
        <source>could not check %1 for long-running transactions: %2</source>
        <translation>%1 konnte nicht auf lang laufende Transaktionen geprüft werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n transaction(s) open for more than %2 s (the longest for %3 s): statements there may wait for them</source>
        <translation>
            <numerusform>%1 hat %n Transaktion länger als %2 s offen (die längste seit %3 s): Anweisungen dort können darauf warten</numerusform>
            <numerusform>%1 hat %n Transaktionen länger als %2 s offen (die längste seit %3 s): Anweisungen dort können darauf warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::widgets::TrayNotifier</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>No desktop notifications on failures and recoveries (the activity log still shows them)</source>
        <translation>Keine Desktop-Benachrichtigungen bei Ausfällen und Wiederherstellungen (das Aktivitätsprotokoll zeigt sie weiterhin)</translation>
    </message>
    <message>
        <source>Arbor</source>
        <translation>Arbor</translation>
    </message>
    <message>
        <source>&amp;Show Arbor</source>
        <translation>Arbor &amp;zeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Recovered: %n server(s)</source>
        <translation>
            <numerusform>Wiederhergestellt: %n Server</numerusform>
            <numerusform>Wiederhergestellt: %n Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failure detected on %n server(s)</source>
        <translation>
            <numerusform>Ausfall auf %n Server erkannt</numerusform>
            <numerusform>Ausfall auf %n Servern erkannt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s), %1 recovered</source>
        <translation>
            <numerusform>%n Ausfall, %1 wiederhergestellt</numerusform>
            <numerusform>%n Ausfälle, %1 wiederhergestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ConnectedSession</name>
    <message>
        <source>Arbor — connected to %1</source>
        <translation>Arbor — verbunden mit %1</translation>
    </message>
    <message>
        <source>Connected mode: this desktop shows the service&apos;s view and polls nothing itself; run this from the service (its API or CLI) or start Arbor without --connect.</source>
        <translation>Verbundener Modus: Dieser Desktop zeigt die Sicht des Dienstes und fragt selbst nichts ab; führen Sie dies über den Dienst aus (seine API oder CLI) oder starten Sie Arbor ohne --connect.</translation>
    </message>
    <message>
        <source>Service nodes</source>
        <translation>Dienstknoten</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) in %1 cluster(s) · from %2 · refreshed every %3 s</source>
        <translation>
            <numerusform>%n Server in %1 Cluster(n) · von %2 · alle %3 s aktualisiert</numerusform>
            <numerusform>%n Server in %1 Cluster(n) · von %2 · alle %3 s aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>rehearsal of %1 failed: %2</source>
        <translation>Probe für %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Rehearse a failover</source>
        <translation>Failover proben</translation>
    </message>
    <message>
        <source>failover rehearsed by the service: %1</source>
        <translation>Failover vom Dienst geprobt: %1</translation>
    </message>
    <message>
        <source>A rehearsal by the service at %1: what it would do if %2 died now, with its promotion rules, filters and hooks. No server is touched and no hook runs.</source>
        <translation>Eine Probe des Dienstes unter %1: was er täte, wenn %2 jetzt ausfiele, mit seinen Beförderungsregeln, Filtern und Hooks. Kein Server wird verändert und kein Hook läuft.</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::MaintenanceActions</name>
    <message>
        <source>downtime needs the store, and this window has none</source>
        <translation>Wartung braucht den Speicher, und dieses Fenster hat keinen</translation>
    </message>
    <message>
        <source>begin downtime failed: %1</source>
        <translation>Wartung beginnen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>downtime begun for %1 min: %2</source>
        <translation>Wartung für %1 min begonnen: %2</translation>
    </message>
    <message>
        <source>end downtime failed: %1</source>
        <translation>Wartung beenden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>downtime ended</source>
        <translation>Wartung beendet</translation>
    </message>
    <message>
        <source>forget failed: %1</source>
        <translation>Vergessen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>forgotten</source>
        <translation>vergessen</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
</context>
<context>
    <name>arbor::widgets::RehearsalPreview</name>
    <message>
        <source>After the recovery: the replicas of %1 replicate from %2.</source>
        <translation>Nach der Wiederherstellung: Die Replikate von %1 replizieren von %2.</translation>
    </message>
    <message>
        <source>After the recovery: %1 is the master.</source>
        <translation>Nach der Wiederherstellung: %1 ist der Master.</translation>
    </message>
    <message>
        <source>No recovery is possible: the tree would stay as it is, without %1.</source>
        <translation>Keine Wiederherstellung möglich: Der Baum bliebe, wie er ist, ohne %1.</translation>
    </message>
    <message>
        <source>%1 is left out (assumed dead).</source>
        <translation>%1 fehlt (als ausgefallen angenommen).</translation>
    </message>
    <message>
        <source>Lost: %1.</source>
        <translation>Verloren: %1.</translation>
    </message>
</context>
</TS>
