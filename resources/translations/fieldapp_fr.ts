<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ActionsModel</name>
    <message>
        <source>Exercise time</source>
        <translation>Heure d&apos;exercice</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Heure réelle</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Joueur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>ActionsPane</name>
    <message>
        <source>The players&apos; actions could not be read: %1</source>
        <translation>Les actions des joueurs n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message>
        <source>Choose an inject to see what each player did after it.</source>
        <translation>Choisissez un inject pour voir ce que chaque joueur a fait ensuite.</translation>
    </message>
    <message>
        <source>Inject %1 was skipped: the players never received it.</source>
        <translation>L&apos;inject %1 a été sauté : les joueurs ne l&apos;ont jamais reçu.</translation>
    </message>
    <message>
        <source>Inject %1 is not released yet.</source>
        <translation>L&apos;inject %1 n&apos;est pas encore diffusé.</translation>
    </message>
    <message>
        <source>Inject %1: no player has acted on it yet.</source>
        <translation>Inject %1 : aucun joueur n&apos;y a encore donné suite.</translation>
    </message>
    <message numerus="yes">
        <source>Inject %1: %n action(s) by %2, the first after %3.</source>
        <translation>
            <numerusform>Inject %1 : %n action de %2, la première après %3.</numerusform>
            <numerusform>Inject %1 : %n actions de %2, la première après %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n player(s)</source>
        <translation>
            <numerusform>%n joueur</numerusform>
            <numerusform>%n joueurs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <source>Add a source</source>
        <translation>Ajouter une source</translation>
    </message>
    <message>
        <source>https://… or #tag@instance or @account@instance</source>
        <translation>https://… ou #mot@instance ou @compte@instance</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>&amp;Intervalle :</translation>
    </message>
</context>
<context>
    <name>AfterActionDialog</name>
    <message>
        <source>No comparison</source>
        <translation>Pas de comparaison</translation>
    </message>
    <message>
        <source>Run %1, ended %2</source>
        <translation>Passage %1, terminé le %2</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Delete this line of the report?

%1</source>
        <translation>Supprimer cette ligne du rapport ?

%1</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Supprimé.</translation>
    </message>
    <message>
        <source>Save the report as CSV</source>
        <translation>Enregistrer le rapport en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Enregistrer le rapport en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>after-action-report</source>
        <translation>rapport-apres-action</translation>
    </message>
    <message>
        <source>Writing the after-action report…</source>
        <translation>Écriture du rapport après action…</translation>
    </message>
    <message>
        <source>Writing the CSV file</source>
        <translation>Écriture du fichier CSV</translation>
    </message>
    <message>
        <source>Written: %1 (%2 pages)</source>
        <translation>Écrit : %1 (%2 pages)</translation>
    </message>
    <message>
        <source>Written: %1 (%2 injects)</source>
        <translation>Écrit : %1 (%2 injects)</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Non écrit : %1</translation>
    </message>
    <message>
        <source>Cancelled: no file written.</source>
        <translation>Annulé : aucun fichier écrit.</translation>
    </message>
    <message>
        <source>After-action report — %1</source>
        <translation>Rapport après action — %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Points forts</translation>
    </message>
    <message>
        <source>Areas for improvement</source>
        <translation>Axes d’amélioration</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>Plan d’amélioration</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>S&amp;upprimer</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>Comparer a&amp;vec :</translation>
    </message>
    <message>
        <source>Write &amp;PDF…</source>
        <translation>Écrire le &amp;PDF…</translation>
    </message>
    <message>
        <source>Write &amp;CSV…</source>
        <translation>Écrire le &amp;CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>AfterActionPdf</name>
    <message>
        <source>EXERCISE EXERCISE EXERCISE</source>
        <translation>EXERCICE EXERCICE EXERCICE</translation>
    </message>
    <message>
        <source>After-action report — %1</source>
        <translation>Rapport après action — %1</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>Joué</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>Rapport rédigé le</translation>
    </message>
    <message>
        <source>After-action report and improvement plan</source>
        <translation>Rapport après action et plan d’amélioration</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Injects in the scenario</source>
        <translation>Injects du scénario</translation>
    </message>
    <message>
        <source>Injects released</source>
        <translation>Injects diffusés</translation>
    </message>
    <message>
        <source>Injects skipped</source>
        <translation>Injects sautés</translation>
    </message>
    <message>
        <source>Injects seen by a player</source>
        <translation>Injects vus par un joueur</translation>
    </message>
    <message>
        <source>Injects answered</source>
        <translation>Injects ayant reçu une réponse</translation>
    </message>
    <message>
        <source>Median response</source>
        <translation>Délai de réponse médian</translation>
    </message>
    <message>
        <source>Slowest response</source>
        <translation>Réponse la plus lente</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Diffusés</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Avec réponse</translation>
    </message>
    <message>
        <source>Response per channel</source>
        <translation>Réponse par canal</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Prévu à</translation>
    </message>
    <message>
        <source>Released (UTC)</source>
        <translation>Diffusé (UTC)</translation>
    </message>
    <message>
        <source>Seen after</source>
        <translation>Vu après</translation>
    </message>
    <message>
        <source>First answer (UTC)</source>
        <translation>Première réponse (UTC)</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Délai</translation>
    </message>
    <message>
        <source>Expected action</source>
        <translation>Action attendue</translation>
    </message>
    <message>
        <source>Observed action</source>
        <translation>Action observée</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Pas de réponse</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Joueur</translation>
    </message>
    <message>
        <source>Observer</source>
        <translation>Observateur</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Observers&apos; notes</source>
        <translation>Notes des observateurs</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Capability</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Points forts</translation>
    </message>
    <message>
        <source>Areas for improvement</source>
        <translation>Axes d’amélioration</translation>
    </message>
    <message>
        <source>Corrective action</source>
        <translation>Action corrective</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Improvement plan</source>
        <translation>Plan d’amélioration</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Passage %1</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Run %1 compared with run %2</source>
        <translation>Passage %1 comparé au passage %2</translation>
    </message>
    <message>
        <source>Median response per channel, then response per inject.</source>
        <translation>Délai de réponse médian par canal, puis délai de chaque inject.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Not played yet</source>
        <translation>Pas encore joué</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <source>Choose an alert in the list.</source>
        <translation>Choisissez une alerte dans la liste.</translation>
    </message>
    <message>
        <source>Event: %1</source>
        <translation>Événement : %1</translation>
    </message>
    <message>
        <source>Urgency: %1 · Certainty: %2</source>
        <translation>Urgence : %1 · Certitude : %2</translation>
    </message>
    <message>
        <source>From: %1 (%2)</source>
        <translation>De : %1 (%2)</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Envoyée : %1</translation>
    </message>
    <message>
        <source>Onset: %1 · Ends: %2</source>
        <translation>Début : %1 · Fin : %2</translation>
    </message>
    <message>
        <source> (assumed: no end given)</source>
        <translation> (supposée : aucune fin donnée)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>Consignes</translation>
    </message>
    <message>
        <source>Areas: %1</source>
        <translation>Zones : %1</translation>
    </message>
    <message>
        <source>Not drawn on the map (unknown codes): %1</source>
        <translation>Non dessinées sur la carte (codes inconnus) : %1</translation>
    </message>
    <message>
        <source>Web (not opened)</source>
        <translation>Web (non ouvert)</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Resource (not downloaded): %1 %2</source>
        <translation>Ressource (non téléchargée) : %1 %2</translation>
    </message>
    <message>
        <source>CAP identifier: %1</source>
        <translation>Identifiant CAP : %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note : %1</translation>
    </message>
    <message>
        <source>Never received: %1 from %2, sent %3</source>
        <translation>Jamais reçue : %1 de %2, envoyée le %3</translation>
    </message>
    <message>
        <source>Not relayed yet</source>
        <translation>Pas encore relayée</translation>
    </message>
    <message>
        <source>Reports inside its area: %1</source>
        <translation>Signalements dans sa zone : %1</translation>
    </message>
    <message>
        <source>Reports inside its area: area unknown</source>
        <translation>Signalements dans sa zone : zone inconnue</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Messages of this alert</source>
        <translation>Messages de cette alerte</translation>
    </message>
    <message>
        <source>Relayed</source>
        <translation>Relayée</translation>
    </message>
    <message>
        <source>Reports inside its area</source>
        <translation>Signalements dans sa zone</translation>
    </message>
    <message>
        <source>Relay as &amp;radiogram…</source>
        <translation>Relayer en &amp;radiogramme…</translation>
    </message>
    <message>
        <source>Relay as &amp;ICS-213…</source>
        <translation>Relayer en &amp;ICS-213…</translation>
    </message>
    <message>
        <source>Relay as &amp;public message…</source>
        <translation>Relayer en message &amp;public…</translation>
    </message>
    <message>
        <source>Record a rela&amp;y…</source>
        <translation>Noter un rela&amp;is…</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Extreme</source>
        <translation>Extrême</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Sévère</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Modérée</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Mineure</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnue</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>Immédiate</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Attendue</translation>
    </message>
    <message>
        <source>Future</source>
        <translation>Future</translation>
    </message>
    <message>
        <source>Past</source>
        <translation>Passée</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Observée</translation>
    </message>
    <message>
        <source>Likely</source>
        <translation>Probable</translation>
    </message>
    <message>
        <source>Possible</source>
        <translation>Possible</translation>
    </message>
    <message>
        <source>Unlikely</source>
        <translation>Peu probable</translation>
    </message>
    <message>
        <source>Real alert</source>
        <translation>Alerte réelle</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>SYSTEM MESSAGE: not an alert</source>
        <translation>MESSAGE SYSTÈME : pas une alerte</translation>
    </message>
    <message>
        <source>TEST: not an alert</source>
        <translation>TEST : pas une alerte</translation>
    </message>
    <message>
        <source>DRAFT: not an alert</source>
        <translation>BROUILLON : pas une alerte</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation>Accusé de réception</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>Restreint</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privé</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>En vigueur</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Not a real alert</source>
        <translation>Pas une alerte réelle</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>Prevention advice</source>
        <translation>Conseils de prévention</translation>
    </message>
    <message>
        <source>Relayed alert</source>
        <translation>Alerte relayée</translation>
    </message>
    <message>
        <source>Correction of a rumour</source>
        <translation>Correction d&apos;une rumeur</translation>
    </message>
    <message>
        <source>Radio</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Web or e-mail</source>
        <translation>Web ou courriel</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Spreading</source>
        <translation>Se propage</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>En vérification</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmée</translation>
    </message>
    <message>
        <source>Debunked</source>
        <translation>Démentie</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>CAP identifier</source>
        <translation>Identifiant CAP</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Type de message</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Refers to</source>
        <translation>Fait référence à</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <source>Certainty</source>
        <translation>Certitude</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>CAP content</source>
        <translation>Contenu CAP</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Textes</translation>
    </message>
    <message>
        <source>Hashtags</source>
        <translation>Mots-dièse</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Rumour</source>
        <translation>Rumeur</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approuvé par</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>Approuvé le</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Affirmation</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Vue la première fois</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Template key</source>
        <translation>Clé du modèle</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>Aléa</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Station or account</source>
        <translation>Station ou compte</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>Radio message</source>
        <translation>Message radio</translation>
    </message>
    <message>
        <source>Seen in</source>
        <translation>Vue dans</translation>
    </message>
    <message>
        <source>Post or report</source>
        <translation>Publication ou signalement</translation>
    </message>
    <message>
        <source>Seen at</source>
        <translation>Vue le</translation>
    </message>
</context>
<context>
    <name>AlertsDesk</name>
    <message>
        <source>Import CAP alert files</source>
        <translation>Importer des fichiers d&apos;alerte CAP</translation>
    </message>
    <message>
        <source>CAP alerts (*.xml *.cap);;All files (*)</source>
        <translation>Alertes CAP (*.xml *.cap);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import of CAP alerts</source>
        <translation>Import d&apos;alertes CAP</translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s), %1 already here</source>
        <translation>
            <numerusform>%n nouvelle alerte, %1 déjà là</numerusform>
            <numerusform>%n nouvelles alertes, %1 déjà là</numerusform>
        </translation>
    </message>
    <message>
        <source>Alerts and outreach — %1</source>
        <translation>Alertes et communication — %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Official alerts (F2)</source>
        <translation>Alertes officielles (F2)</translation>
    </message>
    <message>
        <source>Public messages (F3)</source>
        <translation>Messages publics (F3)</translation>
    </message>
    <message>
        <source>Rumours (F4)</source>
        <translation>Rumeurs (F4)</translation>
    </message>
    <message>
        <source>Show &amp;ended and test messages</source>
        <translation>Afficher les alertes &amp;terminées et les tests</translation>
    </message>
    <message>
        <source>&amp;New message</source>
        <translation>&amp;Nouveau message</translation>
    </message>
    <message>
        <source>New &amp;rumour</source>
        <translation>Nouvelle &amp;rumeur</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Import CAP alert files…</source>
        <translation>&amp;Importer des fichiers d&apos;alerte CAP…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>AlertsLauncher</name>
    <message>
        <source>⚠ %1 alert: %2</source>
        <translation>⚠ Alerte %1 : %2</translation>
    </message>
    <message>
        <source>Open it in the alerts desk</source>
        <translation>L&apos;ouvrir dans le poste des alertes</translation>
    </message>
    <message>
        <source>Official alert</source>
        <translation>Alerte officielle</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Alerts and &amp;outreach desk</source>
        <translation>Poste des alertes et de la &amp;communication</translation>
    </message>
    <message>
        <source>&amp;Import CAP alert files…</source>
        <translation>&amp;Importer des fichiers d&apos;alerte CAP…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>FieldApp cannot open the data in %1.</source>
        <translation>FieldApp ne peut pas ouvrir les données de %1.</translation>
    </message>
    <message>
        <source>Nothing was changed. If you have a backup, open it with --data-dir; otherwise keep a copy of this folder and ask for help.</source>
        <translation>Rien n’a été modifié. Si vous avez une sauvegarde, ouvrez-la avec --data-dir ; sinon, gardez une copie de ce dossier et demandez de l’aide.</translation>
    </message>
    <message>
        <source>Cannot open the data</source>
        <translation>Impossible d’ouvrir les données</translation>
    </message>
    <message>
        <source>Backup and database check</source>
        <translation>Sauvegarde et vérification de la base</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>La sauvegarde automatique a échoué : %1</translation>
    </message>
    <message>
        <source>Backup saved.</source>
        <translation>Sauvegarde enregistrée.</translation>
    </message>
    <message>
        <source>Database check</source>
        <translation>Vérification de la base de données</translation>
    </message>
    <message>
        <source>FieldApp found problems in its database. Nothing was changed. Keep working if you must, make a copy of the data folder, and ask for help.</source>
        <translation>FieldApp a trouvé des problèmes dans sa base de données. Rien n’a été modifié. Continuez si nécessaire, faites une copie du dossier de données et demandez de l’aide.</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <source>Attach to a report</source>
        <translation>Rattacher à un signalement</translation>
    </message>
    <message>
        <source>Words of the report&apos;s title or place</source>
        <translation>Mots du titre ou du lieu du signalement</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Signalement :</translation>
    </message>
</context>
<context>
    <name>AttachmentModel</name>
    <message>
        <source>%1 (attached when saved)</source>
        <translation>%1 (joint à l’enregistrement)</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>Some files could not be attached:</source>
        <translation>Certains fichiers n’ont pas pu être joints :</translation>
    </message>
    <message>
        <source>Attach photos or files</source>
        <translation>Joindre des photos ou des fichiers</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.gif *.webp *.heic);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.gif *.webp *.heic);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>&amp;Ajouter des fichiers…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the file with the system&apos;s viewer</source>
        <translation>Ouvrir le fichier avec la visionneuse du système</translation>
    </message>
    <message>
        <source>Save a cop&amp;y…</source>
        <translation>Enregistrer une cop&amp;ie…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;tirer</translation>
    </message>
    <message>
        <source>Remove the file from this report (Delete)</source>
        <translation>Retirer le fichier de ce rapport (Suppr)</translation>
    </message>
    <message>
        <source>Drop photos or files anywhere on the report to attach them.</source>
        <translation>Déposez des photos ou des fichiers n’importe où sur le rapport pour les joindre.</translation>
    </message>
    <message>
        <source>Attaching…</source>
        <translation>Ajout en cours…</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Vue</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>Par heure</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Affirmation</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>Choose a card in the queue to see its posts.</source>
        <translation>Choisissez une carte dans la file pour voir ses messages.</translation>
    </message>
    <message>
        <source>claimed by %1</source>
        <translation>prise en charge par %1</translation>
    </message>
    <message>
        <source>Noted: %1.</source>
        <translation>Noté : %1.</translation>
    </message>
    <message>
        <source>Open lin&amp;k</source>
        <translation>Ou&amp;vrir le lien</translation>
    </message>
    <message>
        <source>Credi&amp;bility…</source>
        <translation>Cré&amp;dibilité…</translation>
    </message>
    <message>
        <source>Open the post&apos;s link in the browser (Ctrl+O)</source>
        <translation>Ouvrir le lien du message dans le navigateur (Ctrl+O)</translation>
    </message>
    <message>
        <source>Say how credible this post&apos;s author is</source>
        <translation>Dire si l&apos;auteur de ce message est crédible</translation>
    </message>
    <message>
        <source>No link</source>
        <translation>Pas de lien</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Flooded area</source>
        <translation>Zone inondée</translation>
    </message>
    <message>
        <source>Closed road</source>
        <translation>Route coupée</translation>
    </message>
    <message>
        <source>Evacuation zone</source>
        <translation>Zone d&apos;évacuation</translation>
    </message>
    <message>
        <source>Danger zone</source>
        <translation>Zone dangereuse</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>Abri</translation>
    </message>
    <message>
        <source>Meeting point</source>
        <translation>Point de rassemblement</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>ChainsModel</name>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Ends (UTC)</source>
        <translation>Fin (UTC)</translation>
    </message>
    <message>
        <source>Relayed</source>
        <translation>Relayée</translation>
    </message>
</context>
<context>
    <name>Confidence</name>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevée</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>In conflict</source>
        <translation>En conflit</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Versions from</source>
        <translation>Versions de</translation>
    </message>
</context>
<context>
    <name>ConflictRecordModel</name>
    <message>
        <source>(not changed)</source>
        <translation>(pas modifié)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Changed %1</source>
        <translation>Modifiée le %1</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Records changed on two devices at once:</source>
        <translation>Fiches modifiées sur deux appareils à la fois :</translation>
    </message>
    <message>
        <source>No conflict to settle.</source>
        <translation>Aucun conflit à régler.</translation>
    </message>
    <message>
        <source>Re&amp;solve this record</source>
        <translation>Ré&amp;soudre cette fiche</translation>
    </message>
    <message>
        <source>“%1”: %2 in conflict. Check the version to keep for each, or edit the result, then resolve.</source>
        <translation>« %1 » : %2 en conflit. Cochez la version à garder pour chacun, ou modifiez le résultat, puis résolvez.</translation>
    </message>
    <message>
        <source>Not resolved:</source>
        <translation>Non résolu :</translation>
    </message>
    <message>
        <source>Not resolved: %1</source>
        <translation>Non résolu : %1</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Exercise (TEST)</source>
        <translation>Exercice (TEST)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Operator note</source>
        <translation>Note de l’opérateur</translation>
    </message>
    <message>
        <source>Second operator note</source>
        <translation>Seconde note de l’opérateur</translation>
    </message>
    <message>
        <source>Passed to</source>
        <translation>Transmis à</translation>
    </message>
    <message>
        <source>Net passed on</source>
        <translation>Réseau de transmission</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <translation>Remis à</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Received at (UTC)</source>
        <translation>Reçu le (UTC)</translation>
    </message>
    <message>
        <source>Passed on at (UTC)</source>
        <translation>Transmis le (UTC)</translation>
    </message>
    <message>
        <source>Delivered at (UTC)</source>
        <translation>Remis le (UTC)</translation>
    </message>
    <message>
        <source>NR %1 from %2</source>
        <translation>N° %1 de %2</translation>
    </message>
    <message>
        <source>NR %1</source>
        <translation>N° %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>around %1, %2 (latitude, longitude)</source>
        <translation>vers %1, %2 (latitude, longitude)</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <source>Multi-polygon</source>
        <translation>Multipolygone</translation>
    </message>
    <message>
        <source>%1, %2 points</source>
        <translation>%1, %2 points</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Map feature</source>
        <translation>Élément de carte</translation>
    </message>
    <message>
        <source>Attached file</source>
        <translation>Fichier joint</translation>
    </message>
    <message>
        <source>Radio message</source>
        <translation>Message radio</translation>
    </message>
    <message>
        <source>Radio relay</source>
        <translation>Relais radio</translation>
    </message>
    <message>
        <source>Monitored post</source>
        <translation>Publication surveillée</translation>
    </message>
    <message>
        <source>Watch rule</source>
        <translation>Règle de veille</translation>
    </message>
    <message>
        <source>Note on an author</source>
        <translation>Avis sur un auteur</translation>
    </message>
    <message>
        <source>Official alert</source>
        <translation>Alerte officielle</translation>
    </message>
    <message>
        <source>Public message</source>
        <translation>Message public</translation>
    </message>
    <message>
        <source>Rumour</source>
        <translation>Rumeur</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Modèle de message</translation>
    </message>
    <message>
        <source>Relay of an alert or a message</source>
        <translation>Relais d&apos;une alerte ou d&apos;un message</translation>
    </message>
    <message>
        <source>Sighting of a rumour</source>
        <translation>Apparition d&apos;une rumeur</translation>
    </message>
    <message>
        <source>Exercise inject</source>
        <translation>Inject d&apos;exercice</translation>
    </message>
    <message>
        <source>Exercise clock</source>
        <translation>Horloge d&apos;exercice</translation>
    </message>
    <message>
        <source>Observer&apos;s note</source>
        <translation>Note d&apos;observateur</translation>
    </message>
    <message>
        <source>After-action report entry</source>
        <translation>Entrée du retour d&apos;expérience</translation>
    </message>
    <message>
        <source>Archived run of an exercise</source>
        <translation>Passage archivé d’un exercice</translation>
    </message>
    <message>
        <source>Read receipt of an exercise</source>
        <translation>Accusé de lecture d&apos;un exercice</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Kept (not deleted)</source>
        <translation>Gardé (pas supprimé)</translation>
    </message>
    <message>
        <source>Yes: an exercise</source>
        <translation>Oui : un exercice</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu’un</translation>
    </message>
    <message>
        <source>%1, this device</source>
        <translation>%1, cet appareil</translation>
    </message>
    <message>
        <source>%1, another device</source>
        <translation>%1, un autre appareil</translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation>%1, appareil %2</translation>
    </message>
</context>
<context>
    <name>CredibilityDialog</name>
    <message>
        <source>Credibility of %1</source>
        <translation>Crédibilité de %1</translation>
    </message>
    <message>
        <source>&amp;Credibility:</source>
        <translation>&amp;Crédibilité :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note :</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>less than a second</source>
        <translation>moins d&apos;une seconde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 heures</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 seconde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 secondes</translation>
    </message>
</context>
<context>
    <name>DuplicatePicker</name>
    <message>
        <source>Type words of the original report to find it</source>
        <translation>Tapez des mots du rapport d’origine pour le trouver</translation>
    </message>
    <message>
        <source>Duplicate of: %1</source>
        <translation>Doublon de : %1</translation>
    </message>
</context>
<context>
    <name>EmptyOperationPage</name>
    <message>
        <source>No operation yet. An operation is one incident or one exercise: create one to start recording reports.</source>
        <translation>Aucune opération pour l’instant. Une opération est un incident ou un exercice : créez-en une pour commencer à saisir des rapports.</translation>
    </message>
    <message>
        <source>Create an &amp;operation…</source>
        <translation>Créer une &amp;opération…</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Action :</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texte :</translation>
    </message>
    <message>
        <source>&amp;Capability:</source>
        <translation>&amp;Capacité :</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Responsable :</translation>
    </message>
    <message>
        <source>&amp;Due date:</source>
        <translation>Éc&amp;héance :</translation>
    </message>
    <message>
        <source>Write the action.</source>
        <translation>Écrivez l’action.</translation>
    </message>
    <message>
        <source>Write the text.</source>
        <translation>Écrivez le texte.</translation>
    </message>
    <message>
        <source>Due date: write it as 2027-01-31 (year, month, day), or leave it out.</source>
        <translation>Échéance : écrivez-la 2027-01-31 (année, mois, jour), ou laissez-la vide.</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>The database could not be used: %1. Try again; if it goes on, check the data folder (fieldapp check).</source>
        <translation>La base de données n’a pas pu être utilisée : %1. Réessayez ; si cela continue, vérifiez le dossier de données (fieldapp check).</translation>
    </message>
    <message>
        <source>Something went wrong: %1. The details are in the log.</source>
        <translation>Une erreur s’est produite : %1. Les détails sont dans le journal.</translation>
    </message>
</context>
<context>
    <name>ExerciseBanner</name>
    <message>
        <source>EXERCISE — this report belongs to an exercise</source>
        <translation>EXERCICE — ce rapport appartient à un exercice</translation>
    </message>
    <message>
        <source>EXERCISE — EXERCISE — EXERCISE: nothing here is a real alert</source>
        <translation>EXERCICE — EXERCICE — EXERCICE : rien ici n’est une alerte réelle</translation>
    </message>
</context>
<context>
    <name>ExerciseDesk</name>
    <message>
        <source>Run %1</source>
        <translation>Passage %1</translation>
    </message>
    <message>
        <source>First opened by %1 at %2</source>
        <translation>Ouvert en premier par %1 le %2</translation>
    </message>
    <message>
        <source>Jump</source>
        <translation>Aller à</translation>
    </message>
    <message>
        <source>Exercise time (T+01:30):</source>
        <translation>Heure d&apos;exercice (T+01:30) :</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Retarder</translation>
    </message>
    <message>
        <source>New time (T+01:45):</source>
        <translation>Nouvelle heure (T+01:45) :</translation>
    </message>
    <message>
        <source>(not an exercise)</source>
        <translation>(pas un exercice)</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Exercise desk — %1</source>
        <translation>Poste d&apos;exercice — %1</translation>
    </message>
    <message>
        <source>&amp;Start / resume</source>
        <translation>&amp;Démarrer / reprendre</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Jump to…</source>
        <translation>&amp;Aller à…</translation>
    </message>
    <message>
        <source>&amp;Release now</source>
        <translation>Di&amp;ffuser maintenant</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>&amp;Sauter</translation>
    </message>
    <message>
        <source>&amp;Delay…</source>
        <translation>&amp;Retarder…</translation>
    </message>
    <message>
        <source>S&amp;cenario</source>
        <translation>S&amp;cénario</translation>
    </message>
    <message>
        <source>Inject and players&apos; actions</source>
        <translation>Inject et actions des joueurs</translation>
    </message>
    <message>
        <source>Archived runs</source>
        <translation>Passages archivés</translation>
    </message>
    <message>
        <source>This laptop plays the exercise: its scenario is the controllers&apos; and never comes here. You can still write observers&apos; notes below.</source>
        <translation>Cet ordinateur joue l&apos;exercice : son scénario appartient aux contrôleurs et n&apos;arrive jamais ici. Vous pouvez toujours écrire des notes d&apos;observateur ci-dessous.</translation>
    </message>
    <message>
        <source>&amp;After-action report…</source>
        <translation>Rapp&amp;ort après action…</translation>
    </message>
</context>
<context>
    <name>ExerciseLauncher</name>
    <message>
        <source>Start the sample exercise</source>
        <translation>Lancer l&apos;exercice d&apos;exemple</translation>
    </message>
    <message>
        <source>The sample exercise could not be started.</source>
        <translation>L&apos;exercice d&apos;exemple n&apos;a pas pu être lancé.</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Exercise &amp;desk (controllers)</source>
        <translation>&amp;Poste d&apos;exercice (contrôleurs)</translation>
    </message>
    <message>
        <source>Start the &amp;sample exercise</source>
        <translation>&amp;Lancer l&apos;exercice d&apos;exemple</translation>
    </message>
    <message>
        <source>A new exercise operation with the shipped scenario (a flash flood in the Gard, 45 injects over three hours), its clock running from T+00:00</source>
        <translation>Une nouvelle opération d&apos;exercice avec le scénario fourni (une crue éclair dans le Gard, 45 injects sur trois heures), son horloge lancée à T+00:00</translation>
    </message>
</context>
<context>
    <name>Exercises</name>
    <message>
        <source>Social media post</source>
        <translation>Publication sur les réseaux sociaux</translation>
    </message>
    <message>
        <source>Official alert</source>
        <translation>Alerte officielle</translation>
    </message>
    <message>
        <source>Radio message</source>
        <translation>Message radio</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Appel téléphonique</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Diffusé</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sauté</translation>
    </message>
    <message>
        <source>Answered after %1</source>
        <translation>Réponse après %1</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>kind, severity (1 to 5), place, lat, lon</source>
        <translation>kind, severity (1 à 5), place, lat, lon</translation>
    </message>
    <message>
        <source>handle, language</source>
        <translation>handle (compte), language (langue)</translation>
    </message>
    <message>
        <source>area (INSEE:30 NUTS3:FRJ12) or lat, lon, radius_km; event, severity, urgency, certainty, instruction, expires</source>
        <translation>area (INSEE:30 NUTS3:FRJ12) ou lat, lon, radius_km ; event, severity, urgency, certainty, instruction, expires</translation>
    </message>
    <message>
        <source>precedence (ROUTINE, PRIORITY…), station</source>
        <translation>precedence (ROUTINE, PRIORITY…), station</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Pas démarrée</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marche</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Point fort</translation>
    </message>
    <message>
        <source>Area for improvement</source>
        <translation>Axe d&apos;amélioration</translation>
    </message>
    <message>
        <source>Improvement plan action</source>
        <translation>Action du plan d&apos;amélioration</translation>
    </message>
    <message>
        <source>Inject number</source>
        <translation>Numéro d&apos;inject</translation>
    </message>
    <message>
        <source>Time on the exercise clock</source>
        <translation>Heure sur l&apos;horloge d&apos;exercice</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Expected player action</source>
        <translation>Action attendue des joueurs</translation>
    </message>
    <message>
        <source>Controller&apos;s note</source>
        <translation>Note du contrôleur</translation>
    </message>
    <message>
        <source>Responsible controller</source>
        <translation>Contrôleur responsable</translation>
    </message>
    <message>
        <source>Follows inject</source>
        <translation>Suite de l&apos;inject</translation>
    </message>
    <message>
        <source>Channel details</source>
        <translation>Détails du canal</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Traductions</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Released at</source>
        <translation>Diffusé à</translation>
    </message>
    <message>
        <source>Delivered as</source>
        <translation>Livré comme</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Exercise time when started</source>
        <translation>Heure d&apos;exercice au démarrage</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Démarrée à</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Joueur</translation>
    </message>
    <message>
        <source>Seen after %1</source>
        <translation>Vu après %1</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Seen at</source>
        <translation>Vu le</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>Exercise time</source>
        <translation>Heure d&apos;exercice</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Partie</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Capability</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Ended at</source>
        <translation>Terminée le</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>Fichier d&apos;archive</translation>
    </message>
    <message>
        <source>Responses and notes</source>
        <translation>Réponses et notes</translation>
    </message>
    <message>
        <source>Public message drafted</source>
        <translation>Message au public rédigé</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2 : %3</translation>
    </message>
    <message>
        <source>Relayed (%1)</source>
        <translation>Relayé (%1)</translation>
    </message>
    <message>
        <source>Passed on to %1</source>
        <translation>Transmis à %1</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <source>claimed by</source>
        <translation>pris en charge par</translation>
    </message>
    <message>
        <source>linked to a report</source>
        <translation>lié à un signalement</translation>
    </message>
    <message>
        <source>regrouped</source>
        <translation>regroupé</translation>
    </message>
    <message>
        <source>verification</source>
        <translation>vérification</translation>
    </message>
    <message>
        <source>verified by</source>
        <translation>vérifié par</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>gravité</translation>
    </message>
    <message>
        <source>place</source>
        <translation>lieu</translation>
    </message>
    <message>
        <source>position</source>
        <translation>position</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>duplicate of</source>
        <translation>doublon de</translation>
    </message>
    <message>
        <source>sent to</source>
        <translation>transmis à</translation>
    </message>
    <message>
        <source>delivered to</source>
        <translation>remis à</translation>
    </message>
    <message>
        <source>sent at</source>
        <translation>transmis à l&apos;heure</translation>
    </message>
    <message>
        <source>delivered at</source>
        <translation>remis à l&apos;heure</translation>
    </message>
    <message>
        <source>rumour</source>
        <translation>rumeur</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>écarté</translation>
    </message>
    <message>
        <source>promoted to a report</source>
        <translation>transformé en signalement</translation>
    </message>
    <message>
        <source>attached to a report</source>
        <translation>rattaché à un signalement</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>triaged</source>
        <translation>trié</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>clos</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>doublon</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmé</translation>
    </message>
    <message>
        <source>unverified</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>debunked</source>
        <translation>démenti</translation>
    </message>
    <message>
        <source>received</source>
        <translation>reçu</translation>
    </message>
    <message>
        <source>waiting to be relayed</source>
        <translation>en attente de relais</translation>
    </message>
    <message>
        <source>relayed</source>
        <translation>relayé</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>remis</translation>
    </message>
    <message>
        <source>serviced</source>
        <translation>traité</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>Map features</source>
        <translation>Éléments de carte</translation>
    </message>
    <message>
        <source>Radio messages</source>
        <translation>Messages radio</translation>
    </message>
    <message>
        <source>Radio relay hops</source>
        <translation>Relais radio</translation>
    </message>
    <message>
        <source>Posts in the monitoring queue</source>
        <translation>Publications de la file de veille</translation>
    </message>
    <message>
        <source>Official alerts</source>
        <translation>Alertes officielles</translation>
    </message>
    <message>
        <source>Public messages</source>
        <translation>Messages au public</translation>
    </message>
    <message>
        <source>Relays</source>
        <translation>Relais</translation>
    </message>
    <message>
        <source>Rumours</source>
        <translation>Rumeurs</translation>
    </message>
    <message>
        <source>Links to rumours</source>
        <translation>Liens vers des rumeurs</translation>
    </message>
    <message>
        <source>Observers&apos; notes</source>
        <translation>Notes d&apos;observateurs</translation>
    </message>
    <message>
        <source>Read receipts</source>
        <translation>Accusés de lecture</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>The reports the list shows (its filters)</source>
        <translation>Les rapports affichés par la liste (ses filtres)</translation>
    </message>
    <message>
        <source>The whole operation</source>
        <translation>Toute l’opération</translation>
    </message>
    <message>
        <source>Add the HXL hashtag row</source>
        <translation>Ajouter la ligne de hashtags HXL</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format :</translation>
    </message>
    <message>
        <source>Reports:</source>
        <translation>Rapports :</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>GeoJSON (reports and map features)</source>
        <translation>GeoJSON (rapports et éléments de carte)</translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation>CSV (tableurs)</translation>
    </message>
    <message>
        <source>KML (Google Earth)</source>
        <translation>KML (Google Earth)</translation>
    </message>
    <message>
        <source>GPX (GPS receivers)</source>
        <translation>GPX (récepteurs GPS)</translation>
    </message>
    <message>
        <source>uMap</source>
        <translation>uMap</translation>
    </message>
    <message>
        <source>Ushahidi CSV</source>
        <translation>CSV Ushahidi</translation>
    </message>
    <message>
        <source>PFIF (missing persons only)</source>
        <translation>PFIF (personnes disparues uniquement)</translation>
    </message>
    <message>
        <source>%1 files (*%2)</source>
        <translation>Fichiers %1 (*%2)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportation</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n report(s)</source>
        <translation>
            <numerusform>%1 sur %n rapport</numerusform>
            <numerusform>%1 sur %n rapports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Written: %1 (%n item(s))</source>
        <translation>
            <numerusform>Écrit : %1 (%n élément)</numerusform>
            <numerusform>Écrit : %1 (%n éléments)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Non écrit : %1</translation>
    </message>
    <message>
        <source>Cancelled: no file written.</source>
        <translation>Annulé : aucun fichier écrit.</translation>
    </message>
</context>
<context>
    <name>ExportPackageDialog</name>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Export operation package</source>
        <translation>Exporter le paquet d’opération</translation>
    </message>
    <message>
        <source>One file with everything of %1: reports, map features, attachments and their files, the radio log, posts, alerts and the exercise&apos;s records, with their ids. Another team&apos;s FieldApp imports it (File ▸ Import operation package…); a later sync or a second import never makes duplicates.</source>
        <translation>Un seul fichier avec tout le contenu de %1 : rapports, éléments de carte, pièces jointes et leurs fichiers, journal radio, publications, alertes et enregistrements de l’exercice, avec leurs identifiants. Le FieldApp d’une autre équipe l’importe (Fichier ▸ Importer un paquet d’opération…) ; une synchronisation ultérieure ou un second import ne crée jamais de doublons.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Operation packages (*%1)</source>
        <translation>Paquets d’opération (*%1)</translation>
    </message>
    <message>
        <source>Writing the operation package…</source>
        <translation>Écriture du paquet d’opération…</translation>
    </message>
    <message>
        <source>Package of %1</source>
        <translation>Paquet de %1</translation>
    </message>
    <message numerus="yes">
        <source>Written: %1 (%n record(s)).</source>
        <translation>
            <numerusform>Écrit : %1 (%n enregistrement).</numerusform>
            <numerusform>Écrit : %1 (%n enregistrements).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Non écrit : %1</translation>
    </message>
    <message>
        <source>Cancelled: no file written.</source>
        <translation>Annulé : aucun fichier écrit.</translation>
    </message>
</context>
<context>
    <name>FeatureDialog</name>
    <message>
        <source>Give it a name, e.g. Lower town flooded.</source>
        <translation>Donnez-lui un nom, par ex. Basse ville inondée.</translation>
    </message>
    <message>
        <source>Too long: at most 200 characters.</source>
        <translation>Trop long : 200 caractères au plus.</translation>
    </message>
    <message>
        <source>This shape cannot be saved: %1</source>
        <translation>Cette forme ne peut pas être enregistrée : %1</translation>
    </message>
    <message>
        <source>New map feature</source>
        <translation>Nouvel élément de carte</translation>
    </message>
    <message>
        <source>Map feature</source>
        <translation>Élément de carte</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Catégorie</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>Re&amp;marques</translation>
    </message>
    <message>
        <source>e.g. Lower town flooded</source>
        <translation>par ex. Basse ville inondée</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Download map &amp;tiles of this area…</source>
        <translation>&amp;Télécharger les tuiles de cette zone…</translation>
    </message>
    <message>
        <source>Keep the map of this area on this computer, for use with no network</source>
        <translation>Garder la carte de cette zone sur cet ordinateur, pour l’utiliser sans réseau</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Accuracy (m)</source>
        <translation>Précision (m)</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Observed at</source>
        <translation>Observé le</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Source reference</source>
        <translation>Référence de la source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Duplicate of</source>
        <translation>Doublon de</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Vérifié par</translation>
    </message>
    <message>
        <source>Verified at</source>
        <translation>Vérifié le</translation>
    </message>
    <message>
        <source>Verification method</source>
        <translation>Méthode de vérification</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
</context>
<context>
    <name>FieldCompare</name>
    <message>
        <source>Version %1 — %2</source>
        <translation>Version %1 — %2</translation>
    </message>
    <message>
        <source>%1 is in conflict: compare the versions, keep one or edit the result.</source>
        <translation>%1 est en conflit : comparez les versions, gardez-en une ou modifiez le résultat.</translation>
    </message>
    <message>
        <source>%1 is not in conflict: shown for context.</source>
        <translation>%1 n’est pas en conflit : affiché pour le contexte.</translation>
    </message>
    <message>
        <source>&amp;Result for %1:</source>
        <translation>&amp;Résultat pour %1 :</translation>
    </message>
    <message>
        <source>Keep one of the versions above.</source>
        <translation>Gardez l’une des versions ci-dessus.</translation>
    </message>
    <message>
        <source>(not changed by this device)</source>
        <translation>(pas modifié par cet appareil)</translation>
    </message>
    <message>
        <source>Keep version &amp;%1</source>
        <translation>Garder la version &amp;%1</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <source>Latitude and longitude go together: enter both.</source>
        <translation>La latitude et la longitude vont ensemble : saisissez les deux.</translation>
    </message>
    <message>
        <source>Say which report this one duplicates.</source>
        <translation>Indiquez de quel rapport celui-ci est le doublon.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>Enter a whole number from %1 to %2.</source>
        <translation>Saisissez un nombre entier de %1 à %2.</translation>
    </message>
    <message>
        <source>Must be between %1 and %2.</source>
        <translation>Doit être compris entre %1 et %2.</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 43.8367.</source>
        <translation>Saisissez un nombre, par ex. 43.8367.</translation>
    </message>
    <message>
        <source>Choose one of the values in the list.</source>
        <translation>Choisissez une des valeurs de la liste.</translation>
    </message>
    <message>
        <source>Enter a date and time like 2026-11-28 14:05 (UTC).</source>
        <translation>Saisissez une date et une heure comme 2026-11-28 14:05 (UTC).</translation>
    </message>
    <message>
        <source>No report with this id in this operation.</source>
        <translation>Aucun rapport avec cet identifiant dans cette opération.</translation>
    </message>
    <message>
        <source>A report cannot be a duplicate of itself.</source>
        <translation>Un rapport ne peut pas être son propre doublon.</translation>
    </message>
    <message>
        <source>This field is not known.</source>
        <translation>Ce champ est inconnu.</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>Trop long : %1 caractères au maximum.</translation>
    </message>
</context>
<context>
    <name>FieldStatusBar</name>
    <message>
        <source>Not sent yet: %1</source>
        <translation>Pas encore envoyés : %1</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>(la plus ancienne : %1)</translation>
    </message>
    <message>
        <source>Changes saved on this computer that no server has received yet</source>
        <translation>Modifications enregistrées sur cet ordinateur qu’aucun serveur n’a encore reçues</translation>
    </message>
    <message>
        <source>Online — %1</source>
        <translation>En ligne — %1</translation>
    </message>
    <message>
        <source>Click for the sync panel</source>
        <translation>Cliquez pour le panneau de synchronisation</translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation>Dernière synchronisation échouée</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>Offline — sync not set up</source>
        <translation>Hors ligne — synchronisation non configurée</translation>
    </message>
    <message>
        <source>Everything is saved on this computer; it will be sent once sync is set up.</source>
        <translation>Tout est enregistré sur cet ordinateur ; l’envoi se fera une fois la synchronisation configurée.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Matching reports: unknown</source>
        <translation>Rapports trouvés : nombre inconnu</translation>
    </message>
    <message>
        <source>Matching reports: %1</source>
        <translation>Rapports trouvés : %1</translation>
    </message>
    <message>
        <source>Matching reports: %1+ (counting…)</source>
        <translation>Rapports trouvés : %1+ (décompte…)</translation>
    </message>
    <message>
        <source>Search reports (Ctrl+F)</source>
        <translation>Rechercher des rapports (Ctrl+F)</translation>
    </message>
    <message>
        <source>Words in the title, text, tags, place, author or source</source>
        <translation>Mots du titre, du texte, des étiquettes, du lieu, de l’auteur ou de la source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Show only the checked values; none checked shows all</source>
        <translation>N’afficher que les valeurs cochées ; rien de coché affiche tout</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>GoToBar</name>
    <message>
        <source>Type a position first.</source>
        <translation>Tapez d&apos;abord une position.</translation>
    </message>
    <message>
        <source>Cannot go there: %1</source>
        <translation>Impossible d&apos;y aller : %1</translation>
    </message>
    <message>
        <source>no place is named “%1”, and %2</source>
        <translation>aucun lieu ne s&apos;appelle « %1 », et %2</translation>
    </message>
    <message>
        <source>the place gazetteer is not installed; type a position.</source>
        <translation>le répertoire des lieux n&apos;est pas installé ; tapez une position.</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>Aller à :</translation>
    </message>
    <message>
        <source>Quillan · 43.8367, 4.3601 · 43°50&apos;12&quot;N 4°21&apos;36&quot;E · JN23eu</source>
        <translation>Quillan · 43,8367 4,3601 · 43°50&apos;12&quot;N 4°21&apos;36&quot;E · JN23eu</translation>
    </message>
    <message>
        <source>A place name, or a position in decimal degrees, degrees-minutes-seconds or a Maidenhead locator (Ctrl+G)</source>
        <translation>Un nom de lieu, ou une position en degrés décimaux, en degrés-minutes-secondes ou en locator Maidenhead (Ctrl+G)</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Aller</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>The history could not be read from the database: %1</source>
        <translation>L’historique n’a pas pu être lu dans la base de données : %1</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Created the report</source>
        <translation>A créé le rapport</translation>
    </message>
    <message>
        <source>Deleted the report</source>
        <translation>A supprimé le rapport</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import into %1</source>
        <translation>Importer dans %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encodage :</translation>
    </message>
    <message>
        <source>For a CSV file that is not UTF-8</source>
        <translation>Pour un fichier CSV qui n’est pas en UTF-8</translation>
    </message>
    <message>
        <source>Create:</source>
        <translation>Créer :</translation>
    </message>
    <message>
        <source>By &amp;shape (points as reports, lines and areas as map features)</source>
        <translation>Selon la &amp;forme (points en rapports, lignes et zones en éléments de carte)</translation>
    </message>
    <message>
        <source>All as &amp;reports</source>
        <translation>Tout en &amp;rapports</translation>
    </message>
    <message>
        <source>All as &amp;map features</source>
        <translation>Tout en éléments de &amp;carte</translation>
    </message>
    <message>
        <source>CSV columns</source>
        <translation>Colonnes du CSV</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Choose a GeoJSON, KML, KMZ, GPX, uMap or CSV file.</source>
        <translation>Choisissez un fichier GeoJSON, KML, KMZ, GPX, uMap ou CSV.</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>Map and table files (%1)</source>
        <translation>Fichiers de carte et tableaux (%1)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>%1 (%2): %3, %4; %5.</source>
        <translation>%1 (%2) : %3, %4 ; %5.</translation>
    </message>
    <message numerus="yes">
        <source>%n new report(s)</source>
        <translation>
            <numerusform>%n nouveau rapport</numerusform>
            <numerusform>%n nouveaux rapports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new map feature(s)</source>
        <translation>
            <numerusform>%n nouvel élément de carte</numerusform>
            <numerusform>%n nouveaux éléments de carte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already imported</source>
        <translation>
            <numerusform>%n déjà importé</numerusform>
            <numerusform>%n déjà importés</numerusform>
        </translation>
    </message>
    <message>
        <source>The list shows the first %1 of each kind.</source>
        <translation>La liste montre les %1 premiers de chaque sorte.</translation>
    </message>
    <message>
        <source>Imported: %1 and %2 (%3).</source>
        <translation>Importé : %1 et %2 (%3).</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s)</source>
        <translation>
            <numerusform>%n rapport</numerusform>
            <numerusform>%n rapports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n map feature(s)</source>
        <translation>
            <numerusform>%n élément de carte</numerusform>
            <numerusform>%n éléments de carte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already here</source>
        <translation>
            <numerusform>%n déjà présent</numerusform>
            <numerusform>%n déjà présents</numerusform>
        </translation>
    </message>
    <message>
        <source>This file cannot be imported; nothing will be stored.</source>
        <translation>Ce fichier ne peut pas être importé ; rien ne sera enregistré.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>Importation de %1</translation>
    </message>
    <message>
        <source>The import failed; nothing was stored: %1</source>
        <translation>L’importation a échoué ; rien n’a été enregistré : %1</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was stored.</source>
        <translation>Importation annulée : rien n’a été enregistré.</translation>
    </message>
</context>
<context>
    <name>ImportPackageDialog</name>
    <message>
        <source>Import operation package</source>
        <translation>Importer un paquet d’opération</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choisir…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>To create</source>
        <translation>À créer</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>À mettre à jour</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>Déjà présents</translation>
    </message>
    <message>
        <source>Choose an operation package (*%1).</source>
        <translation>Choisissez un paquet d’opération (*%1).</translation>
    </message>
    <message>
        <source>Operation packages (*%1)</source>
        <translation>Paquets d’opération (*%1)</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1: %n record(s) created, %2 updated, %3 already here.</source>
        <translation>
            <numerusform>Opération « %1 » importée : %n enregistrement créé, %2 mis à jour, %3 déjà présents.</numerusform>
            <numerusform>Opération « %1 » importée : %n enregistrements créés, %2 mis à jour, %3 déjà présents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (made by %4): %n record(s) to create, %2 to update, %3 already here.</source>
        <translation>
            <numerusform>%1 (fait par %4) : %n enregistrement à créer, %2 à mettre à jour, %3 déjà présents.</numerusform>
            <numerusform>%1 (fait par %4) : %n enregistrements à créer, %2 à mettre à jour, %3 déjà présents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not in the package: a later sync fetches them.</source>
        <translation>
            <numerusform>%n fichier n’est pas dans le paquet : une synchronisation ultérieure le récupérera.</numerusform>
            <numerusform>%n fichiers ne sont pas dans le paquet : une synchronisation ultérieure les récupérera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its operation is already here</source>
        <translation>Son opération est déjà ici</translation>
    </message>
    <message>
        <source>Its operation is new here</source>
        <translation>Son opération est nouvelle ici</translation>
    </message>
    <message>
        <source>Attachment files: %1 new, %2 already here.</source>
        <translation>Fichiers joints : %1 nouveaux, %2 déjà présents.</translation>
    </message>
    <message>
        <source>%1 controllers&apos; records left out: this device plays the exercise.</source>
        <translation>%1 enregistrements des contrôleurs laissés de côté : cet appareil joue l’exercice.</translation>
    </message>
    <message>
        <source>This package cannot be imported; nothing will be stored: %1</source>
        <translation>Ce paquet ne peut pas être importé ; rien ne sera enregistré : %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>Import de %1</translation>
    </message>
    <message>
        <source>The import failed; nothing was stored: %1</source>
        <translation>L’import a échoué ; rien n’a été enregistré : %1</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was stored.</source>
        <translation>Import annulé : rien n’a été enregistré.</translation>
    </message>
</context>
<context>
    <name>InjectDialog</name>
    <message>
        <source>Not a time on the exercise clock: write T+00:15, 0:15:30 or 15 min</source>
        <translation>Ce n&apos;est pas une heure de l&apos;exercice : écrivez T+00:15, 0:15:30 ou 15 min</translation>
    </message>
    <message>
        <source>Line %1 is not key=value</source>
        <translation>La ligne %1 n&apos;est pas de la forme clé=valeur</translation>
    </message>
    <message>
        <source>This inject is no longer in the scenario.</source>
        <translation>Cet inject n&apos;est plus dans le scénario.</translation>
    </message>
    <message>
        <source>An inject needs a number.</source>
        <translation>Un inject doit avoir un numéro.</translation>
    </message>
    <message>
        <source>Another inject of this exercise has this number.</source>
        <translation>Un autre inject de cet exercice a ce numéro.</translation>
    </message>
    <message>
        <source>An inject needs its content.</source>
        <translation>Un inject doit avoir un contenu.</translation>
    </message>
    <message>
        <source>The time is T+00:00 or later.</source>
        <translation>L&apos;heure est T+00:00 ou plus tard.</translation>
    </message>
    <message>
        <source>Give the number of another inject of this scenario, or leave it empty.</source>
        <translation>Indiquez le numéro d&apos;un autre inject de ce scénario, ou laissez vide.</translation>
    </message>
    <message>
        <source>A detail&apos;s name is letters, digits and _ (e.g. severity).</source>
        <translation>Le nom d&apos;un détail s&apos;écrit en lettres, chiffres et _ (par ex. severity).</translation>
    </message>
    <message>
        <source>lat is -90 to 90 and lon -180 to 180, in degrees (43.89).</source>
        <translation>lat va de -90 à 90 et lon de -180 à 180, en degrés (43.89).</translation>
    </message>
    <message>
        <source>This inject was released or skipped meanwhile: it can no longer change.</source>
        <translation>Cet inject a été diffusé ou sauté entre-temps : il ne peut plus changer.</translation>
    </message>
    <message>
        <source>Only the exercise&apos;s controllers write its scenario.</source>
        <translation>Seuls les contrôleurs de l&apos;exercice écrivent son scénario.</translation>
    </message>
    <message>
        <source>One per line, key=value. For this channel: %1</source>
        <translation>Un par ligne, clé=valeur. Pour ce canal : %1</translation>
    </message>
    <message>
        <source>New inject</source>
        <translation>Nouvel inject</translation>
    </message>
    <message>
        <source>Inject %1 (already played)</source>
        <translation>Inject %1 (déjà joué)</translation>
    </message>
    <message>
        <source>Edit inject %1</source>
        <translation>Modifier l&apos;inject %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>N&amp;umber:</source>
        <translation>N&amp;uméro :</translation>
    </message>
    <message>
        <source>&amp;Time (T+):</source>
        <translation>&amp;Heure (T+) :</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <source>&amp;Responsible controller:</source>
        <translation>Contrôleur &amp;responsable :</translation>
    </message>
    <message>
        <source>Follo&amp;ws inject:</source>
        <translation>&amp;Suite de l&apos;inject :</translation>
    </message>
    <message>
        <source>&amp;Content (what the players receive):</source>
        <translation>C&amp;ontenu (ce que reçoivent les joueurs) :</translation>
    </message>
    <message>
        <source>E&amp;xpected player action:</source>
        <translation>Action a&amp;ttendue des joueurs :</translation>
    </message>
    <message>
        <source>Controller&apos;s &amp;note (never shown to players):</source>
        <translation>&amp;Note du contrôleur (jamais montrée aux joueurs) :</translation>
    </message>
    <message>
        <source>Channel &amp;details:</source>
        <translation>Détai&amp;ls du canal :</translation>
    </message>
    <message>
        <source>This inject was released or skipped: it is shown as it was played.</source>
        <translation>Cet inject a été diffusé ou sauté : il est montré tel qu&apos;il a été joué.</translation>
    </message>
</context>
<context>
    <name>InjectsModel</name>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop this job</source>
        <translation>Arrêter cette tâche</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Waiting for its turn…</source>
        <translation>En attente de son tour…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>JobsButton</name>
    <message>
        <source>Jobs: %1</source>
        <translation>Tâches : %1</translation>
    </message>
    <message>
        <source>Work running in the background: click to see or cancel it</source>
        <translation>Travail en cours en arrière-plan : cliquer pour le voir ou l’annuler</translation>
    </message>
</context>
<context>
    <name>JobsDock</name>
    <message>
        <source>Background jobs</source>
        <translation>Tâches en arrière-plan</translation>
    </message>
    <message>
        <source>Background &amp;jobs</source>
        <translation>&amp;Tâches en arrière-plan</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Nothing is running in the background.</source>
        <translation>Rien ne tourne en arrière-plan.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a server</source>
        <translation>Rejoindre un serveur</translation>
    </message>
    <message>
        <source>only for a self-signed server</source>
        <translation>seulement pour un serveur auto-signé</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>Re&amp;joindre</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Adresse du serveur :</translation>
    </message>
    <message>
        <source>One-time code:</source>
        <translation>Code à usage unique :</translation>
    </message>
    <message>
        <source>This device&apos;s name:</source>
        <translation>Nom de cet appareil :</translation>
    </message>
    <message>
        <source>Server certificate (PEM):</source>
        <translation>Certificat du serveur (PEM) :</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and the code.</source>
        <translation>Saisissez l’adresse du serveur et le code.</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>Connexion au serveur…</translation>
    </message>
    <message>
        <source>The server&apos;s certificate</source>
        <translation>Le certificat du serveur</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not join: %1 Nothing was changed.</source>
        <translation>Impossible de rejoindre le serveur : %1 Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Observation</source>
        <translation>Observation</translation>
    </message>
    <message>
        <source>Request for help</source>
        <translation>Demande d’aide</translation>
    </message>
    <message>
        <source>Missing person</source>
        <translation>Personne disparue</translation>
    </message>
    <message>
        <source>Damage</source>
        <translation>Dégâts</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>Danger</translation>
    </message>
    <message>
        <source>Rumour</source>
        <translation>Rumeur</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
</context>
<context>
    <name>LocationBar</name>
    <message>
        <source>the new report</source>
        <translation>le nouveau rapport</translation>
    </message>
    <message>
        <source>Placing “%1”: click the map or drag the marker. The position goes into the editor; save the report to keep it. Esc: done.</source>
        <translation>Placement de « %1 » : cliquez sur la carte ou faites glisser le marqueur. La position va dans l&apos;éditeur ; enregistrez le rapport pour la garder. Échap : terminé.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Report created.</source>
        <translation>Rapport créé.</translation>
    </message>
    <message>
        <source>Report saved.</source>
        <translation>Rapport enregistré.</translation>
    </message>
    <message>
        <source>Report deleted.</source>
        <translation>Rapport supprimé.</translation>
    </message>
    <message>
        <source>Files attached.</source>
        <translation>Fichiers joints.</translation>
    </message>
    <message>
        <source>Settings could not be saved: %1</source>
        <translation>Les paramètres n’ont pas pu être enregistrés : %1</translation>
    </message>
</context>
<context>
    <name>MapAlerts</name>
    <message>
        <source>Official alerts</source>
        <translation>Alertes officielles</translation>
    </message>
    <message>
        <source>Severity: %1</source>
        <translation>Gravité : %1</translation>
    </message>
    <message>
        <source>Extreme</source>
        <translation>Extrême</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Sévère</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Modérée</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Mineure</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnue</translation>
    </message>
</context>
<context>
    <name>MapController</name>
    <message>
        <source>Position set in the editor: save the report to keep it.</source>
        <translation>Position mise dans l&apos;éditeur : enregistrez le rapport pour la garder.</translation>
    </message>
</context>
<context>
    <name>MapFeatures</name>
    <message>
        <source>Map feature saved.</source>
        <translation>Élément de carte enregistré.</translation>
    </message>
    <message>
        <source>Delete map feature</source>
        <translation>Supprimer l&apos;élément de carte</translation>
    </message>
    <message>
        <source>Delete the map feature “%1”? Its history is kept.</source>
        <translation>Supprimer l&apos;élément de carte « %1 » ? Son historique est conservé.</translation>
    </message>
    <message>
        <source>Map feature deleted.</source>
        <translation>Élément de carte supprimé.</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <source>EX, hatched: a report of an exercise</source>
        <translation>EX, hachuré : un rapport d’exercice</translation>
    </message>
    <message>
        <source>A group of reports: the colour of their mean severity</source>
        <translation>Un groupe de rapports : la couleur de leur gravité moyenne</translation>
    </message>
    <message>
        <source>Ringed in red: it holds a severity 5 report</source>
        <translation>Cerclé de rouge : il contient un rapport de gravité 5</translation>
    </message>
    <message>
        <source>In the list, greyed: closed or duplicate</source>
        <translation>Dans la liste, grisé : clos ou doublon</translation>
    </message>
    <message>
        <source>In the list, struck out: debunked</source>
        <translation>Dans la liste, barré : démenti</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>&amp;Legend</source>
        <translation>&amp;Légende</translation>
    </message>
    <message>
        <source>What the shapes, colours and marks of the map and the list mean</source>
        <translation>Ce que veulent dire les formes, couleurs et marques de la carte et de la liste</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>World map</source>
        <translation>Carte du monde</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Zones</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Severity %1</source>
        <translation>Gravité %1</translation>
    </message>
    <message>
        <source>Place names</source>
        <translation>Noms de lieux</translation>
    </message>
    <message>
        <source>Place names are not available: the gazetteer is not installed.</source>
        <translation>Les noms de lieux ne sont pas disponibles : le répertoire des lieux n&apos;est pas installé.</translation>
    </message>
    <message>
        <source>Place names: GeoNames (CC BY 4.0), INSEE COG (Etalab)</source>
        <translation>Noms de lieux : GeoNames (CC BY 4.0), COG de l&apos;INSEE (Etalab)</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <source>New message (draft)</source>
        <translation>Nouveau message (brouillon)</translation>
    </message>
    <message>
        <source>written by %1</source>
        <translation>écrit par %1</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>approuvé par %1</translation>
    </message>
    <message>
        <source>EXERCISE: every text begins with EXERCISE (EXERCICE in French)</source>
        <translation>EXERCICE : chaque texte commence par EXERCICE (EXERCISE en anglais)</translation>
    </message>
    <message>
        <source>(not published on this channel)</source>
        <translation>(pas publié sur ce canal)</translation>
    </message>
    <message>
        <source>%1 characters, %2 SMS (%3)</source>
        <translation>%1 caractères, %2 SMS (%3)</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>%1 caractères</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>(aucun modèle)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation>Mo&amp;dèle :</translation>
    </message>
    <message>
        <source>&amp;Hashtags:</source>
        <translation>&amp;Mots-dièse :</translation>
    </message>
    <message>
        <source>Lin&amp;k:</source>
        <translation>Lie&amp;n :</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>A&amp;pprouver</translation>
    </message>
    <message>
        <source>Publish on &amp;Mastodon</source>
        <translation>Publier sur &amp;Mastodon</translation>
    </message>
    <message>
        <source>&amp;Copy the text</source>
        <translation>&amp;Copier le texte</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Save as a &amp;template</source>
        <translation>Enregistrer comme &amp;modèle</translation>
    </message>
    <message>
        <source>Coordinators: keep this text as the operation&apos;s version of the template</source>
        <translation>Coordinateurs : garder ce texte comme version du modèle pour cette opération</translation>
    </message>
    <message>
        <source>#Crue #Aude</source>
        <translation>#Crue #Aude</translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
</context>
<context>
    <name>Monitoring</name>
    <message>
        <source>To triage</source>
        <translation>À trier</translation>
    </message>
    <message>
        <source>Rumour</source>
        <translation>Rumeur</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Écarté</translation>
    </message>
    <message>
        <source>Made a report</source>
        <translation>Devenu un signalement</translation>
    </message>
    <message>
        <source>Source of a report</source>
        <translation>Source d&apos;un signalement</translation>
    </message>
    <message>
        <source>Credible</source>
        <translation>Crédible</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Officiel</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Not credible</source>
        <translation>Pas crédible</translation>
    </message>
    <message>
        <source>Impersonator</source>
        <translation>Usurpateur</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Signaler</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>File of posts</source>
        <translation>Fichier de messages</translation>
    </message>
    <message>
        <source>Pasted (phone, SMS)</source>
        <translation>Collé (téléphone, SMS)</translation>
    </message>
    <message>
        <source>Public form</source>
        <translation>Formulaire public</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Tri</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Pris par</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Signalement</translation>
    </message>
    <message>
        <source>Card (grouped by hand)</source>
        <translation>Carte (groupée à la main)</translation>
    </message>
    <message>
        <source>Came by</source>
        <translation>Arrivé par</translation>
    </message>
    <message>
        <source>Post id</source>
        <translation>Identifiant du message</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Posted at</source>
        <translation>Publié le</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Médias</translation>
    </message>
    <message>
        <source>Place (guessed)</source>
        <translation>Lieu (deviné)</translation>
    </message>
    <message>
        <source>Latitude (guessed)</source>
        <translation>Latitude (devinée)</translation>
    </message>
    <message>
        <source>Longitude (guessed)</source>
        <translation>Longitude (devinée)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Mots</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Within the operation&apos;s area</source>
        <translation>Dans la zone de l’opération</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Switched on</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Credibility</source>
        <translation>Crédibilité</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>RSS or Atom feed</source>
        <translation>Flux RSS ou Atom</translation>
    </message>
    <message>
        <source>Atom feed</source>
        <translation>Flux Atom</translation>
    </message>
    <message>
        <source>Mastodon tag</source>
        <translation>Mot-clé Mastodon</translation>
    </message>
    <message>
        <source>Mastodon account</source>
        <translation>Compte Mastodon</translation>
    </message>
    <message>
        <source>Official alerts (CAP feed)</source>
        <translation>Alertes officielles (flux CAP)</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Vu d&apos;abord</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <source>1 post</source>
        <translation>1 message</translation>
    </message>
    <message>
        <source>%1 posts</source>
        <translation>%1 messages</translation>
    </message>
    <message>
        <source>1 author</source>
        <translation>1 auteur</translation>
    </message>
    <message>
        <source>%1 authors</source>
        <translation>%1 auteurs</translation>
    </message>
    <message>
        <source>first seen %1 by %2</source>
        <translation>vu d&apos;abord le %1 par %2</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>any</source>
        <translation>toutes</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>the operation&apos;s</source>
        <translation>celle de l’opération</translation>
    </message>
    <message>
        <source>on</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>off</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>OK at %1</source>
        <translation>OK le %1</translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation>Pas encore interrogée</translation>
    </message>
    <message>
        <source>Last fetch: %1</source>
        <translation>Dernière lecture : %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Posts today: %1</source>
        <translation>Messages aujourd&apos;hui : %1</translation>
    </message>
    <message>
        <source>Next poll: %1</source>
        <translation>Prochaine lecture : %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Next poll</source>
        <translation>Prochaine</translation>
    </message>
    <message>
        <source>%1 (guessed)</source>
        <translation>%1 (deviné)</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Posted via</source>
        <translation>Publié via</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Signalé</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Masqué</translation>
    </message>
</context>
<context>
    <name>MonitoringDesk</name>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Claimed or not</source>
        <translation>Pris ou non</translation>
    </message>
    <message>
        <source>Claimed by me</source>
        <translation>Pris par moi</translation>
    </message>
    <message>
        <source>Unclaimed</source>
        <translation>Non pris</translation>
    </message>
    <message>
        <source>no operation</source>
        <translation>aucune opération</translation>
    </message>
    <message>
        <source>Monitoring desk — %1</source>
        <translation>Veille — %1</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>A&amp;fficher :</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>&amp;Chercher :</translation>
    </message>
    <message>
        <source>words in the posts (Ctrl+F)</source>
        <translation>mots des messages (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Flagged only</source>
        <translation>Signalés s&amp;eulement</translation>
    </message>
    <message>
        <source>Show hi&amp;dden</source>
        <translation>Voir les mas&amp;qués</translation>
    </message>
    <message>
        <source>&amp;Sources</source>
        <translation>&amp;Sources</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Tri</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>&amp;Ajouter une source…</translation>
    </message>
    <message>
        <source>&amp;Paste a post…</source>
        <translation>&amp;Coller un message…</translation>
    </message>
    <message>
        <source>&amp;Import a file…</source>
        <translation>&amp;Importer un fichier…</translation>
    </message>
    <message>
        <source>Poll &amp;now</source>
        <translation>Interroger &amp;maintenant</translation>
    </message>
    <message>
        <source>&amp;Watch rules…</source>
        <translation>&amp;Règles de veille…</translation>
    </message>
    <message>
        <source>&amp;Sources panel</source>
        <translation>Panneau des &amp;sources</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>C&amp;hercher</translation>
    </message>
</context>
<context>
    <name>MonitoringError</name>
    <message>
        <source>Already claimed by %1. Press Shift+C to take it over.</source>
        <translation>Déjà prise en charge par %1. Maj+C pour la reprendre.</translation>
    </message>
    <message>
        <source>Choose a card first.</source>
        <translation>Choisissez d&apos;abord une carte.</translation>
    </message>
    <message>
        <source>These posts belong to several operations.</source>
        <translation>Ces messages appartiennent à plusieurs opérations.</translation>
    </message>
    <message>
        <source>That report is in another operation.</source>
        <translation>Ce signalement est dans une autre opération.</translation>
    </message>
    <message>
        <source>Choose a kind of source.</source>
        <translation>Choisissez un type de source.</translation>
    </message>
    <message>
        <source>Poll at most every 30 seconds: the interval is too short.</source>
        <translation>Au plus une lecture toutes les 30 secondes : l&apos;intervalle est trop court.</translation>
    </message>
    <message>
        <source>This source is already watched in this operation.</source>
        <translation>Cette source est déjà suivie dans cette opération.</translation>
    </message>
    <message>
        <source>This address is not one FieldApp can watch for that kind.</source>
        <translation>FieldApp ne sait pas suivre cette adresse pour ce type de source.</translation>
    </message>
    <message>
        <source>Give the source&apos;s address.</source>
        <translation>Donnez l&apos;adresse de la source.</translation>
    </message>
    <message>
        <source>This post has no author to note.</source>
        <translation>Ce message n&apos;a pas d&apos;auteur à noter.</translation>
    </message>
    <message>
        <source>Choose how credible the author is.</source>
        <translation>Choisissez la crédibilité de l&apos;auteur.</translation>
    </message>
    <message>
        <source>The note is too long: at most 2000 characters.</source>
        <translation>La note est trop longue : 2000 caractères au plus.</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>Donnez un nom à la règle.</translation>
    </message>
    <message>
        <source>The name is too long: at most 120 characters.</source>
        <translation>Le nom est trop long : 120 caractères au plus.</translation>
    </message>
    <message>
        <source>Give words, a language or an area: a rule with none would match every post.</source>
        <translation>Donnez des mots, une langue ou une zone : une règle sans rien de cela retiendrait tous les messages.</translation>
    </message>
    <message>
        <source>These words cannot be read as a rule: check the quotes, brackets, OR and NOT.</source>
        <translation>Ces mots ne se lisent pas comme une règle : vérifiez les guillemets, les parenthèses, OR et NOT.</translation>
    </message>
    <message>
        <source>That area is no longer on the map of this operation.</source>
        <translation>Cette zone n&apos;est plus sur la carte de cette opération.</translation>
    </message>
    <message>
        <source>Give the post&apos;s text or its link.</source>
        <translation>Donnez le texte du message ou son lien.</translation>
    </message>
    <message>
        <source>The new report: %1</source>
        <translation>Le nouveau signalement : %1</translation>
    </message>
    <message>
        <source>This value is not accepted (%1).</source>
        <translation>Cette valeur n&apos;est pas acceptée (%1).</translation>
    </message>
    <message>
        <source>That report no longer exists.</source>
        <translation>Ce signalement n&apos;existe plus.</translation>
    </message>
    <message>
        <source>A post of this card is gone (deleted, or moved by a merge).</source>
        <translation>Un message de cette carte a disparu (supprimé, ou déplacé par une fusion).</translation>
    </message>
    <message>
        <source>This source is no longer watched.</source>
        <translation>Cette source n&apos;est plus suivie.</translation>
    </message>
    <message>
        <source>This rule was deleted meanwhile.</source>
        <translation>Cette règle a été supprimée entre-temps.</translation>
    </message>
    <message>
        <source>This operation no longer exists.</source>
        <translation>Cette opération n&apos;existe plus.</translation>
    </message>
    <message>
        <source>What this acted on no longer exists.</source>
        <translation>Ce sur quoi portait l&apos;action n&apos;existe plus.</translation>
    </message>
    <message>
        <source>No connection to the source: the link is down or the address is wrong.</source>
        <translation>Pas de connexion à la source : le lien est coupé ou l’adresse est fausse.</translation>
    </message>
    <message>
        <source>The source answered with an error.</source>
        <translation>La source a répondu par une erreur.</translation>
    </message>
    <message>
        <source>The answer was too large: nothing was read.</source>
        <translation>La réponse était trop grande : rien n’a été lu.</translation>
    </message>
    <message>
        <source>This gives no feed (a web page?): nothing was kept.</source>
        <translation>Ce n’est pas un flux (une page web ?) : rien n’a été gardé.</translation>
    </message>
    <message>
        <source>This gives no Mastodon posts: nothing was kept.</source>
        <translation>Ce ne sont pas des messages Mastodon : rien n’a été gardé.</translation>
    </message>
    <message>
        <source>The feed is damaged or unsafe: nothing of it was kept.</source>
        <translation>Le flux est abîmé ou dangereux : rien n’en a été gardé.</translation>
    </message>
    <message>
        <source>The file is unsafe (XML entities): nothing of it was kept.</source>
        <translation>Le fichier est dangereux (entités XML) : rien n’en a été gardé.</translation>
    </message>
    <message>
        <source>The source asked to wait: it will be polled later.</source>
        <translation>La source demande d’attendre : elle sera interrogée plus tard.</translation>
    </message>
    <message>
        <source>The file&apos;s columns are not those of posts (a text or a link column is needed).</source>
        <translation>Les colonnes du fichier ne sont pas celles de messages (il faut une colonne de texte ou de lien).</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Le fichier n’a pas pu être lu.</translation>
    </message>
    <message>
        <source>The post is empty or not valid.</source>
        <translation>Le message est vide ou invalide.</translation>
    </message>
    <message>
        <source>The source could not be read.</source>
        <translation>La source n’a pas pu être lue.</translation>
    </message>
    <message>
        <source>The database could not be read or written: %1</source>
        <translation>La base de données n&apos;a pas pu être lue ou écrite : %1</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Le fichier n&apos;a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>This could not be done (%1).</source>
        <translation>Cela n&apos;a pas pu être fait (%1).</translation>
    </message>
</context>
<context>
    <name>MonitoringLauncher</name>
    <message>
        <source>1 source could not be polled: see the sources panel.</source>
        <translation>1 source n&apos;a pas pu être lue : voir le panneau des sources.</translation>
    </message>
    <message>
        <source>%1 sources could not be polled: see the sources panel.</source>
        <translation>%1 sources n&apos;ont pas pu être lues : voir le panneau des sources.</translation>
    </message>
    <message>
        <source>The new report is in the list: open it there to complete it.</source>
        <translation>Le nouveau signalement est dans la liste : ouvrez-le pour le compléter.</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Veille</translation>
    </message>
    <message>
        <source>&amp;Monitoring desk</source>
        <translation>&amp;Bureau de veille</translation>
    </message>
</context>
<context>
    <name>NewOperationDialog</name>
    <message>
        <source>The sync server this computer joined does not accept new operations from your role. Ask a coordinator to create it; it arrives with the next sync.</source>
        <translation>Le serveur de synchronisation rejoint par cet ordinateur n’accepte pas de nouvelles opérations de votre rôle. Demandez à un coordinateur de la créer ; elle arrivera à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>An operation needs a name.</source>
        <translation>Une opération doit avoir un nom.</translation>
    </message>
    <message>
        <source>New operation</source>
        <translation>Nouvelle opération</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>e.g. Gard floods, November 2026</source>
        <translation>par ex. Inondations du Gard, novembre 2026</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>This is an &amp;exercise, not a real incident</source>
        <translation>C’est un &amp;exercice, pas un incident réel</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Joueur</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Observer</source>
        <translation>Observateur</translation>
    </message>
    <message>
        <source>general</source>
        <translation>générale</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <source>General (no inject)</source>
        <translation>Générale (aucun inject)</translation>
    </message>
    <message>
        <source>Inject %1</source>
        <translation>Inject %1</translation>
    </message>
    <message>
        <source>Pla&amp;yer:</source>
        <translation>&amp;Joueur :</translation>
    </message>
    <message>
        <source>A&amp;bout:</source>
        <translation>À &amp;propos de :</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Ajouter la &amp;note</translation>
    </message>
    <message>
        <source>What you saw: an observer&apos;s note</source>
        <translation>Ce que vous avez vu : une note d&apos;observateur</translation>
    </message>
    <message>
        <source>(no player)</source>
        <translation>(aucun joueur)</translation>
    </message>
</context>
<context>
    <name>OutreachActions</name>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Message saved: a coordinator approves it next.</source>
        <translation>Message enregistré : un coordinateur doit maintenant l’approuver.</translation>
    </message>
    <message>
        <source>Publishing on Mastodon</source>
        <translation>Publication sur Mastodon</translation>
    </message>
    <message>
        <source>Published on Mastodon.</source>
        <translation>Publié sur Mastodon.</translation>
    </message>
    <message>
        <source>The text is on the clipboard. Once it is published, say where:</source>
        <translation>Le texte est dans le presse-papiers. Une fois publié, indiquez où :</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>Noté.</translation>
    </message>
    <message>
        <source>Where did this alert go?</source>
        <translation>Où cette alerte a-t-elle été relayée ?</translation>
    </message>
    <message>
        <source>Template saved for this operation.</source>
        <translation>Modèle enregistré pour cette opération.</translation>
    </message>
    <message>
        <source>Rumour saved.</source>
        <translation>Rumeur enregistrée.</translation>
    </message>
    <message>
        <source>Linked.</source>
        <translation>Lié.</translation>
    </message>
</context>
<context>
    <name>PackageLauncher</name>
    <message>
        <source>Export operation &amp;package…</source>
        <translation>Exporter un &amp;paquet d’opération…</translation>
    </message>
    <message>
        <source>Import operation pac&amp;kage…</source>
        <translation>Importer un paquet d’opé&amp;ration…</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Paste a post</source>
        <translation>Coller un message</translation>
    </message>
    <message>
        <source>who phoned or texted, or the account</source>
        <translation>qui a appelé ou écrit, ou le compte</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Texte :</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>&amp;Lien :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;De :</translation>
    </message>
</context>
<context>
    <name>PdfProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Writing the PDF</source>
        <translation>Écriture du PDF</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>&amp;From (UTC)</source>
        <translation>&amp;Du (UTC)</translation>
    </message>
    <message>
        <source>&amp;To (UTC)</source>
        <translation>&amp;Au (UTC)</translation>
    </message>
    <message>
        <source>&amp;Net</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>&amp;Opérateur</translation>
    </message>
    <message>
        <source>Enter times like 2026-11-28 14:05 (UTC).</source>
        <translation>Saisissez des heures comme 2026-11-28 14:05 (UTC).</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>La période finit avant de commencer.</translation>
    </message>
</context>
<context>
    <name>PlaceChoice</name>
    <message>
        <source>%1 inhabitants</source>
        <translation>%1 habitants</translation>
    </message>
</context>
<context>
    <name>PlaceOffer</name>
    <message>
        <source>Use this position</source>
        <translation>Prendre cette position</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <source>Place suggestions are not available: the gazetteer is not installed.</source>
        <translation>Pas de suggestions de lieux : le répertoire des lieux n&apos;est pas installé.</translation>
    </message>
    <message>
        <source>Position filled from the gazetteer: %1 (%2). Ctrl+Z undoes it.</source>
        <translation>Position remplie d&apos;après le répertoire des lieux : %1 (%2). Ctrl+Z l&apos;annule.</translation>
    </message>
    <message>
        <source>%1 is at %2; the position typed above is kept.</source>
        <translation>%1 est à %2 ; la position tapée plus haut est gardée.</translation>
    </message>
    <message>
        <source>Position set from the gazetteer: %1.</source>
        <translation>Position prise dans le répertoire des lieux : %1.</translation>
    </message>
</context>
<context>
    <name>Poller</name>
    <message>
        <source>Polling the sources</source>
        <translation>Lecture des sources</translation>
    </message>
</context>
<context>
    <name>PositionError</name>
    <message>
        <source>latitude %1 is out of range (-90 to 90)</source>
        <translation>la latitude %1 est hors limites (-90 à 90)</translation>
    </message>
    <message>
        <source>longitude %1 is out of range (-180 to 180)</source>
        <translation>la longitude %1 est hors limites (-180 à 180)</translation>
    </message>
    <message>
        <source>%1 is not a Maidenhead locator (like JN18 or JN18eu: 4, 6 or 8 characters)</source>
        <translation>%1 n’est pas un locator Maidenhead (comme JN18 ou JN18eu : 4, 6 ou 8 caractères)</translation>
    </message>
    <message>
        <source>%1: the letters of pair %2 of a locator go from %3 to %4</source>
        <translation>%1 : les lettres de la paire %2 d’un locator vont de %3 à %4</translation>
    </message>
    <message>
        <source>no position given</source>
        <translation>aucune position indiquée</translation>
    </message>
    <message>
        <source>%1 can be read in more than one way; use a dot for decimals, or &apos;;&apos; between latitude and longitude</source>
        <translation>%1 peut se lire de plusieurs façons ; mettez un point pour les décimales, ou « ; » entre latitude et longitude</translation>
    </message>
    <message>
        <source>%1; with decimal commas, put &apos;;&apos; between latitude and longitude</source>
        <translation>%1 ; avec des virgules décimales, mettez « ; » entre latitude et longitude</translation>
    </message>
    <message>
        <source>unexpected %1: not a position format FieldApp reads</source>
        <translation>%1 inattendu : FieldApp ne lit pas ce format de position</translation>
    </message>
    <message>
        <source>more than two values: give a latitude and a longitude only</source>
        <translation>plus de deux valeurs : indiquez seulement une latitude et une longitude</translation>
    </message>
    <message>
        <source>give both a latitude and a longitude</source>
        <translation>indiquez une latitude et une longitude</translation>
    </message>
    <message>
        <source>give one hemisphere letter for each of latitude and longitude</source>
        <translation>mettez une lettre d’hémisphère pour la latitude et une pour la longitude</translation>
    </message>
    <message>
        <source>put the hemisphere letters all before or all after the numbers</source>
        <translation>mettez les lettres d’hémisphère toutes avant ou toutes après les nombres</translation>
    </message>
    <message>
        <source>give one ° for each of latitude and longitude</source>
        <translation>mettez un ° pour la latitude et un pour la longitude</translation>
    </message>
    <message>
        <source>a ° must follow the degrees of each coordinate</source>
        <translation>un ° doit suivre les degrés de chaque coordonnée</translation>
    </message>
    <message>
        <source>give a latitude and a longitude, e.g. 48.8566, 2.3522</source>
        <translation>indiquez une latitude et une longitude, par ex. 48.8566, 2.3522</translation>
    </message>
    <message>
        <source>unexpected %1 in %2</source>
        <translation>%1 inattendu dans %2</translation>
    </message>
    <message>
        <source>%1 is not degrees, minutes and seconds</source>
        <translation>%1 ne se lit pas en degrés, minutes et secondes</translation>
    </message>
    <message>
        <source>%1: %2 is in the wrong place</source>
        <translation>%1 : %2 est mal placé</translation>
    </message>
    <message>
        <source>%1: only the degrees may have a sign</source>
        <translation>%1 : seuls les degrés peuvent porter un signe</translation>
    </message>
    <message>
        <source>%1: minutes must be less than 60 (got %2)</source>
        <translation>%1 : les minutes doivent être inférieures à 60 (lu : %2)</translation>
    </message>
    <message>
        <source>%1: seconds must be less than 60 (got %2)</source>
        <translation>%1 : les secondes doivent être inférieures à 60 (lu : %2)</translation>
    </message>
    <message>
        <source>%1: degrees followed by minutes must be a whole number</source>
        <translation>%1 : des degrés suivis de minutes doivent être un nombre entier</translation>
    </message>
    <message>
        <source>%1: minutes followed by seconds must be a whole number</source>
        <translation>%1 : des minutes suivies de secondes doivent être un nombre entier</translation>
    </message>
    <message>
        <source>%1: give a minus sign or a hemisphere letter, not both</source>
        <translation>%1 : mettez un signe moins ou une lettre d’hémisphère, pas les deux</translation>
    </message>
    <message>
        <source>both values are latitudes (N/S); give one latitude and one longitude</source>
        <translation>les deux valeurs sont des latitudes (N/S) ; indiquez une latitude et une longitude</translation>
    </message>
    <message>
        <source>both values are longitudes (E/W); give one latitude and one longitude</source>
        <translation>les deux valeurs sont des longitudes (E/O) ; indiquez une latitude et une longitude</translation>
    </message>
</context>
<context>
    <name>PositionReadout</name>
    <message>
        <source>Cursor position: decimal degrees · degrees, minutes, seconds · locator</source>
        <translation>Position du curseur : degrés décimaux · degrés, minutes, secondes · locator</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Becomes</source>
        <translation>Devient</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Map feature</source>
        <translation>Élément de carte</translation>
    </message>
</context>
<context>
    <name>PublicForm</name>
    <message>
        <source>The server does not let your role open this operation to the public: ask a coordinator of the operation.</source>
        <translation>Le serveur ne permet pas à votre rôle d’ouvrir cette opération au public : demandez à un coordinateur de l’opération.</translation>
    </message>
    <message>
        <source>The server does not hold this operation yet: sync this laptop, then try again.</source>
        <translation>Le serveur n’a pas encore cette opération : synchronisez cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>This post did not come by the public form.</source>
        <translation>Ce message n’est pas venu par le formulaire public.</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>Le serveur a refusé : %1</translation>
    </message>
</context>
<context>
    <name>PublicFormDialog</name>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>QR code of %1</source>
        <translation>QR code de %1</translation>
    </message>
    <message>
        <source>&amp;Save and keep open</source>
        <translation>&amp;Enregistrer et laisser ouvert</translation>
    </message>
    <message>
        <source>&amp;Open to the public</source>
        <translation>&amp;Ouvrir au public</translation>
    </message>
    <message>
        <source>This operation is not open to the public.</source>
        <translation>Cette opération n’est pas ouverte au public.</translation>
    </message>
    <message>
        <source>%1 reports received, %2 refused.</source>
        <translation>Signalements reçus : %1 ; refusés : %2.</translation>
    </message>
    <message>
        <source>The form is open to the public.</source>
        <translation>Le formulaire est ouvert au public.</translation>
    </message>
    <message>
        <source>The form is open to the public until %1.</source>
        <translation>Le formulaire est ouvert au public jusqu’au %1.</translation>
    </message>
    <message>
        <source>The form&apos;s end date is past: it takes no more reports.</source>
        <translation>La date de fin du formulaire est passée : il ne prend plus de signalements.</translation>
    </message>
    <message>
        <source>The form is closed; its address stays the same.</source>
        <translation>Le formulaire est fermé ; son adresse reste la même.</translation>
    </message>
    <message>
        <source>Address copied.</source>
        <translation>Adresse copiée.</translation>
    </message>
    <message>
        <source>Save poster</source>
        <translation>Enregistrer l’affiche</translation>
    </message>
    <message>
        <source>PDF poster (*.pdf);;QR code as PNG (*.png);;QR code as SVG (*.svg)</source>
        <translation>Affiche PDF (*.pdf);;QR code en PNG (*.png);;QR code en SVG (*.svg)</translation>
    </message>
    <message>
        <source>Poster of the public form</source>
        <translation>Affiche du formulaire public</translation>
    </message>
    <message>
        <source>The poster was not saved: %1</source>
        <translation>L’affiche n’a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Enregistré : %1.</translation>
    </message>
    <message>
        <source>Open to the public — %1</source>
        <translation>Ouvrir au public — %1</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Cop&amp;ier</translation>
    </message>
    <message>
        <source>Copy the form&apos;s address</source>
        <translation>Copier l’adresse du formulaire</translation>
    </message>
    <message>
        <source>The form&apos;s address</source>
        <translation>L’adresse du formulaire</translation>
    </message>
    <message>
        <source>The address comes once the form is opened</source>
        <translation>L’adresse vient une fois le formulaire ouvert</translation>
    </message>
    <message>
        <source>Save poste&amp;r…</source>
        <translation>Enregist&amp;rer l’affiche…</translation>
    </message>
    <message>
        <source>Close the &amp;form</source>
        <translation>Fer&amp;mer le formulaire</translation>
    </message>
</context>
<context>
    <name>PublicFormLauncher</name>
    <message>
        <source>choose an operation first</source>
        <translation>choisissez d’abord une opération</translation>
    </message>
    <message>
        <source>join a sync server first</source>
        <translation>rejoignez d’abord un serveur de synchronisation</translation>
    </message>
    <message>
        <source>only a trainer or a coordinator may</source>
        <translation>réservé à un formateur ou un coordinateur</translation>
    </message>
    <message>
        <source>only a coordinator may</source>
        <translation>réservé à un coordinateur</translation>
    </message>
    <message>
        <source>Open to the &amp;public…</source>
        <translation>Ouvrir au &amp;public…</translation>
    </message>
    <message>
        <source>Citizens report from their phone&apos;s browser; reports arrive in the monitoring desk</source>
        <translation>Les citoyens signalent depuis le navigateur de leur téléphone ; les signalements arrivent dans le poste de veille</translation>
    </message>
</context>
<context>
    <name>PublicPostPanel</name>
    <message>
        <source>No photo</source>
        <translation>Pas de photo</translation>
    </message>
    <message>
        <source>Fetching the photo…</source>
        <translation>Récupération de la photo…</translation>
    </message>
    <message>
        <source>%1, receipt %2</source>
        <translation>%1, reçu %2</translation>
    </message>
    <message>
        <source>Photo sent with the report</source>
        <translation>Photo envoyée avec le signalement</translation>
    </message>
    <message>
        <source>The photo is on the server: it shows once this laptop reaches it.</source>
        <translation>La photo est sur le serveur : elle s’affichera quand cet ordinateur le joindra.</translation>
    </message>
    <message>
        <source>Reveal the phone number left with receipt %1?

It will be sent to every laptop of the operation at its next sync, volunteers&apos; included, and cannot be taken back.</source>
        <translation>Révéler le numéro laissé avec le reçu %1 ?

Il sera envoyé à chaque ordinateur de l’opération à sa prochaine synchronisation, y compris ceux des bénévoles, et ne pourra pas être repris.</translation>
    </message>
    <message>
        <source>Reveal contact</source>
        <translation>Révéler le contact</translation>
    </message>
    <message>
        <source>Contact: %1 (every laptop of the operation gets it at its next sync)</source>
        <translation>Contact : %1 (chaque ordinateur de l’opération le reçoit à sa prochaine synchronisation)</translation>
    </message>
    <message>
        <source>The person left no phone number.</source>
        <translation>La personne n’a laissé aucun numéro.</translation>
    </message>
    <message>
        <source>The contact was not revealed: the server could not be reached.</source>
        <translation>Le contact n’a pas été révélé : le serveur n’a pas pu être joint.</translation>
    </message>
    <message>
        <source>The contact was not revealed: %1</source>
        <translation>Le contact n’a pas été révélé : %1</translation>
    </message>
    <message>
        <source>Reveal &amp;contact…</source>
        <translation>Révéler le &amp;contact…</translation>
    </message>
    <message>
        <source>Send the citizen&apos;s phone number to every laptop</source>
        <translation>Envoyer le numéro du citoyen à chaque ordinateur</translation>
    </message>
</context>
<context>
    <name>PublicSettings</name>
    <message>
        <source>Give the form a title: what people report, in a few words.</source>
        <translation>Donnez un titre au formulaire : ce que les gens signalent, en quelques mots.</translation>
    </message>
    <message>
        <source>The short text is too long: %1 characters at most.</source>
        <translation>Le texte court est trop long : %1 caractères au plus.</translation>
    </message>
    <message>
        <source>The public address must start with https:// (or http://).</source>
        <translation>L’adresse publique doit commencer par https:// (ou http://).</translation>
    </message>
    <message>
        <source>The end date is already past: choose a later one.</source>
        <translation>La date de fin est déjà passée : choisissez-en une plus tardive.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>Short te&amp;xt:</source>
        <translation>Te&amp;xte court :</translation>
    </message>
    <message>
        <source>Run &amp;by:</source>
        <translation>Tenu &amp;par :</translation>
    </message>
    <message>
        <source>&amp;Languages:</source>
        <translation>&amp;Langues :</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>Fi&amp;n :</translation>
    </message>
    <message>
        <source>&amp;Keep reports:</source>
        <translation>&amp;Garder les signalements :</translation>
    </message>
    <message>
        <source>&amp;Public address:</source>
        <translation>&amp;Adresse publique :</translation>
    </message>
    <message>
        <source>French, then English</source>
        <translation>Français, puis anglais</translation>
    </message>
    <message>
        <source>English, then French</source>
        <translation>Anglais, puis français</translation>
    </message>
    <message>
        <source>French only</source>
        <translation>Français seulement</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>Anglais seulement</translation>
    </message>
    <message>
        <source>on</source>
        <translation>le</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>What people report, in a few words</source>
        <translation>Ce que les gens signalent, en quelques mots</translation>
    </message>
    <message>
        <source>Who runs the form, as the page says it</source>
        <translation>Qui tient le formulaire, comme la page le dit</translation>
    </message>
    <message>
        <source>https://… (empty: the address this laptop uses)</source>
        <translation>https://… (vide : l’adresse qu’utilise cet ordinateur)</translation>
    </message>
    <message>
        <source>Short text</source>
        <translation>Texte court</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Date de fin</translation>
    </message>
</context>
<context>
    <name>RadioActions</name>
    <message>
        <source>Relayed to %1.</source>
        <translation>Relayé à %1.</translation>
    </message>
    <message>
        <source>Delivered.</source>
        <translation>Remis.</translation>
    </message>
    <message>
        <source>Serviced: the originator has been told.</source>
        <translation>Service fait : l’expéditeur a été prévenu.</translation>
    </message>
    <message>
        <source>Not done: a message that is “%1” can become %2, not “%3”.</source>
        <translation>Non fait : un message « %1 » peut devenir %2, pas « %3 ».</translation>
    </message>
    <message>
        <source>Not done: this message is “%1”: its handling is finished.</source>
        <translation>Non fait : ce message est « %1 » : son traitement est terminé.</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Non fait : %1</translation>
    </message>
    <message>
        <source>Radio message</source>
        <translation>Message radio</translation>
    </message>
    <message>
        <source>Report created: %1</source>
        <translation>Rapport créé : %1</translation>
    </message>
    <message>
        <source>Copied: ready to read on air.</source>
        <translation>Copié : prêt à lire sur l’air.</translation>
    </message>
    <message>
        <source>Writing the message form…</source>
        <translation>Écriture du formulaire du message…</translation>
    </message>
    <message>
        <source>Writing the ICS-309 communications log…</source>
        <translation>Écriture du journal des communications ICS-309…</translation>
    </message>
    <message>
        <source>Writing the ICS-214 activity log…</source>
        <translation>Écriture du journal d’activité ICS-214…</translation>
    </message>
    <message>
        <source>Writing the CSV file</source>
        <translation>Écriture du fichier CSV</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Non écrit : %1</translation>
    </message>
    <message>
        <source>Cancelled: no file written.</source>
        <translation>Annulé : aucun fichier écrit.</translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation>Enregistrer en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Written: %1 (%2 pages)</source>
        <translation>Écrit : %1 (%2 pages)</translation>
    </message>
    <message>
        <source>Written: %1 (%2 log lines)</source>
        <translation>Écrit : %1 (%2 lignes de journal)</translation>
    </message>
    <message>
        <source>ICS-309 communications log</source>
        <translation>Journal des communications ICS-309</translation>
    </message>
    <message>
        <source>ICS-214 activity log</source>
        <translation>Journal d’activité ICS-214</translation>
    </message>
    <message>
        <source>A log names this station: its call sign first, then the log.</source>
        <translation>Un journal nomme cette station : d’abord son indicatif, puis le journal.</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Message</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Journaux</translation>
    </message>
    <message>
        <source>&amp;Relay…</source>
        <translation>&amp;Relayer…</translation>
    </message>
    <message>
        <source>&amp;Delivered</source>
        <translation>Re&amp;mis</translation>
    </message>
    <message>
        <source>S&amp;erviced</source>
        <translation>S&amp;ervice fait</translation>
    </message>
    <message>
        <source>Make a re&amp;port</source>
        <translation>En faire un ra&amp;pport</translation>
    </message>
    <message>
        <source>&amp;Print form (PDF)…</source>
        <translation>&amp;Imprimer le formulaire (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Copy for the air</source>
        <translation>&amp;Copier pour l’air</translation>
    </message>
    <message>
        <source>ICS-309 communications log (PDF)…</source>
        <translation>Journal des communications ICS-309 (PDF)…</translation>
    </message>
    <message>
        <source>ICS-214 activity log (PDF)…</source>
        <translation>Journal d’activité ICS-214 (PDF)…</translation>
    </message>
    <message>
        <source>ICS-309 communications log (CSV)…</source>
        <translation>Journal des communications ICS-309 (CSV)…</translation>
    </message>
    <message>
        <source>ICS-214 activity log (CSV)…</source>
        <translation>Journal d’activité ICS-214 (CSV)…</translation>
    </message>
</context>
<context>
    <name>RadioColumns</name>
    <message>
        <source>Logged (UTC)</source>
        <translation>Noté (UTC)</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Precedence</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>NR</source>
        <translation>NR</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
</context>
<context>
    <name>RadioDesk</name>
    <message>
        <source> (with warnings: see the message)</source>
        <translation> (avec des avertissements : voir le message)</translation>
    </message>
    <message>
        <source>Message NR %1 logged%2.</source>
        <translation>Message NR %1 noté%2.</translation>
    </message>
    <message>
        <source>Not saved: see the notes beside the fields.</source>
        <translation>Non enregistré : voir les notes à côté des champs.</translation>
    </message>
    <message>
        <source>EXERCISE — Radio desk — %1</source>
        <translation>EXERCICE — Poste radio — %1</translation>
    </message>
    <message>
        <source>Radio desk — %1</source>
        <translation>Poste radio — %1</translation>
    </message>
    <message>
        <source>This &amp;station:</source>
        <translation>Cette &amp;station :</translation>
    </message>
    <message>
        <source>call sign</source>
        <translation>indicatif</translation>
    </message>
    <message>
        <source>Search the log (Ctrl+F):</source>
        <translation>Chercher dans le journal (Ctrl+F) :</translation>
    </message>
    <message>
        <source>number, call, words…</source>
        <translation>numéro, indicatif, mots…</translation>
    </message>
    <message>
        <source>To pass on, in handling order (F3)</source>
        <translation>À transmettre, par ordre de priorité (F3)</translation>
    </message>
    <message>
        <source>Message log, newest first (F4)</source>
        <translation>Journal des messages, les plus récents d’abord (F4)</translation>
    </message>
</context>
<context>
    <name>RadioDirection</name>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Relayed</source>
        <translation>Relayé</translation>
    </message>
</context>
<context>
    <name>RadioEntryForm</name>
    <message>
        <source>Ready: start copying</source>
        <translation>Prêt : commencez à noter</translation>
    </message>
    <message>
        <source>Copying since %1 UTC</source>
        <translation>Noté depuis %1 UTC</translation>
    </message>
    <message>
        <source>Counted %1: matches</source>
        <translation>Compté %1 : concorde</translation>
    </message>
    <message>
        <source>Counted %1 (the check to send)</source>
        <translation>Compté %1 (le contrôle à envoyer)</translation>
    </message>
    <message>
        <source>The text is already in radiogram form.</source>
        <translation>Le texte est déjà au format radiogramme.</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(supprimé)</translation>
    </message>
    <message>
        <source> … and %1 more</source>
        <translation> … et %1 de plus</translation>
    </message>
    <message>
        <source>Normalised: %1%2. Ctrl+Z undoes it.</source>
        <translation>Normalisé : %1%2. Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>A “?” came right after a period or dash: QUERY takes the place of the X, so the question is kept.</source>
        <translation>Un « ? » suivait un point ou un tiret : QUERY prend la place du X, la question est gardée.</translation>
    </message>
    <message>
        <source>A “?” right after QUERY (or another “?”) was removed: the question is already asked there.</source>
        <translation>Un « ? » juste après QUERY (ou un autre « ? ») a été supprimé : la question y est déjà posée.</translation>
    </message>
    <message>
        <source>The question mark at the start was removed: there is no word before it. If the message asks a question, type QUERY where it belongs.</source>
        <translation>Le point d’interrogation du début a été supprimé : aucun mot ne le précède. Si le message pose une question, tapez QUERY là où il faut.</translation>
    </message>
    <message>
        <source>The question mark at the end was removed: the NTS text rules the app follows (the shared ectlogger vectors) end a text without X or QUERY. If the message asks a question, say so in words: type QUERY where it belongs.</source>
        <translation>Le point d’interrogation final a été supprimé : les règles de texte NTS que suit l’application (les vecteurs partagés d’ectlogger) terminent un texte sans X ni QUERY. Si le message pose une question, dites-le en mots : tapez QUERY là où il faut.</translation>
    </message>
    <message>
        <source>Every change, in order (Ctrl+Z undoes them all):</source>
        <translation>Chaque modification, dans l’ordre (Ctrl+Z les annule toutes) :</translation>
    </message>
    <message>
        <source>removed: no X at either end of the text nor twice in a row</source>
        <translation>supprimé : pas de X au début ni à la fin du texte, ni deux fois de suite</translation>
    </message>
    <message>
        <source>a hyphen inside a word or at an end: a space at most</source>
        <translation>un trait d’union dans un mot ou à une extrémité : au plus une espace</translation>
    </message>
    <message>
        <source>capitals, without accents</source>
        <translation>majuscules, sans accents</translation>
    </message>
    <message>
        <source>spaces tidied</source>
        <translation>espaces remises en ordre</translation>
    </message>
    <message>
        <source>R for a decimal point or a separator between digits (146R52)</source>
        <translation>R pour une virgule décimale ou un séparateur entre chiffres (146R52)</translation>
    </message>
    <message>
        <source>QUERY for a question mark</source>
        <translation>QUERY pour un point d’interrogation</translation>
    </message>
    <message>
        <source>AND for &amp;</source>
        <translation>AND pour &amp;</translation>
    </message>
    <message>
        <source>AT for @</source>
        <translation>AT pour @</translation>
    </message>
    <message>
        <source>removed: radiogram text has no such sign</source>
        <translation>supprimé : le texte d’un radiogramme n’a pas ce signe</translation>
    </message>
    <message>
        <source>removed: the “?” after it becomes QUERY instead</source>
        <translation>supprimé : le « ? » qui suit devient QUERY à sa place</translation>
    </message>
    <message>
        <source>X for a period (and for , ; : !)</source>
        <translation>X pour un point (et pour , ; : !)</translation>
    </message>
    <message>
        <source>X for a dash between words</source>
        <translation>X pour un tiret entre deux mots</translation>
    </message>
    <message>
        <source>No ARL numbered text in this message.</source>
        <translation>Aucun texte ARL numéroté dans ce message.</translation>
    </message>
    <message>
        <source>For delivery:</source>
        <translation>Pour la remise :</translation>
    </message>
    <message>
        <source>Saved NR %1. Ready for the next one.</source>
        <translation>NR %1 enregistré. Prêt pour le suivant.</translation>
    </message>
    <message>
        <source>A message needs a text.</source>
        <translation>Un message a besoin d’un texte.</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;Direction</source>
        <translation>&amp;Sens</translation>
    </message>
    <message>
        <source>Normalise text (Ctrl+T)</source>
        <translation>Normaliser le texte (Ctrl+T)</translation>
    </message>
    <message>
        <source>Capitals, X for a period, QUERY for a question mark; Ctrl+Z undoes it</source>
        <translation>Majuscules, X pour un point, QUERY pour un point d’interrogation ; Ctrl+Z annule</translation>
    </message>
    <message>
        <source>ARL in plain language (Ctrl+L)</source>
        <translation>ARL en clair (Ctrl+L)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Enregistrer (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>RadioField</name>
    <message>
        <source>&amp;From station</source>
        <translation>Station &amp;émettrice</translation>
    </message>
    <message>
        <source>N&amp;et</source>
        <translation>Ré&amp;seau</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;xte</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Precedence</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>HX</source>
        <translation>HX</translation>
    </message>
    <message>
        <source>Station of origin</source>
        <translation>Station d’origine</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Place of origin</source>
        <translation>Lieu d’origine</translation>
    </message>
    <message>
        <source>Time filed</source>
        <translation>Heure de dépôt</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>1 Incident name</source>
        <translation>1 Nom de l’incident</translation>
    </message>
    <message>
        <source>2 To (name)</source>
        <translation>2 À (nom)</translation>
    </message>
    <message>
        <source>To (position)</source>
        <translation>À (fonction)</translation>
    </message>
    <message>
        <source>3 From (name)</source>
        <translation>3 De (nom)</translation>
    </message>
    <message>
        <source>From (position)</source>
        <translation>De (fonction)</translation>
    </message>
    <message>
        <source>4 Subject</source>
        <translation>4 Objet</translation>
    </message>
    <message>
        <source>5 Date</source>
        <translation>5 Date</translation>
    </message>
    <message>
        <source>6 Time</source>
        <translation>6 Heure</translation>
    </message>
    <message>
        <source>7 Me&amp;ssage</source>
        <translation>7 Me&amp;ssage</translation>
    </message>
    <message>
        <source>8 Approved by</source>
        <translation>8 Approuvé par</translation>
    </message>
    <message>
        <source>Approved (position)</source>
        <translation>Approuvé (fonction)</translation>
    </message>
    <message>
        <source>9 Reply</source>
        <translation>9 Réponse</translation>
    </message>
    <message>
        <source>10 Replied by</source>
        <translation>10 Réponse de</translation>
    </message>
    <message>
        <source>Replied (position)</source>
        <translation>Réponse (fonction)</translation>
    </message>
    <message>
        <source>Reply date</source>
        <translation>Date de réponse</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>Heure de réponse</translation>
    </message>
    <message>
        <source>Indicatif</source>
        <translation>Indicatif</translation>
    </message>
    <message>
        <source>Numéro</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Priorité</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Origine</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Destinataire</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Joindre l’auteur</source>
        <translation>Joindre l’auteur</translation>
    </message>
    <message>
        <source>Heure QSL</source>
        <translation>Heure QSL</translation>
    </message>
    <message>
        <source>R, W, P or EMERGENCY (TEST R in an exercise)</source>
        <translation>R, W, P ou EMERGENCY (TEST R en exercice)</translation>
    </message>
    <message>
        <source>e.g. HXG</source>
        <translation>ex. HXG</translation>
    </message>
    <message>
        <source>as received, e.g. 12 or ARL 5</source>
        <translation>tel que reçu, ex. 12 ou ARL 5</translation>
    </message>
    <message>
        <source>e.g. 1830Z</source>
        <translation>ex. 1830Z</translation>
    </message>
    <message>
        <source>e.g. NOV 28</source>
        <translation>ex. NOV 28</translation>
    </message>
    <message>
        <source>routine, urgent, très urgent</source>
        <translation>routine, urgent, très urgent</translation>
    </message>
    <message>
        <source>24 h, e.g. 14:05</source>
        <translation>24 h, ex. 14:05</translation>
    </message>
</context>
<context>
    <name>RadioKind</name>
    <message>
        <source>Radiogram</source>
        <translation>Radiogramme</translation>
    </message>
    <message>
        <source>ICS-213</source>
        <translation>ICS-213</translation>
    </message>
    <message>
        <source>ADRASEC message</source>
        <translation>Message ADRASEC</translation>
    </message>
    <message>
        <source>Plain message</source>
        <translation>Message simple</translation>
    </message>
</context>
<context>
    <name>RadioLauncher</name>
    <message>
        <source>This station&apos;s call sign: the relay chain, the printed forms and the ICS-309 and ICS-214 logs name this station with it.</source>
        <translation>L’indicatif de cette station : la chaîne de relais, les formulaires imprimés et les journaux ICS-309 et ICS-214 nomment cette station par lui.</translation>
    </message>
    <message>
        <source>Choose a report first.</source>
        <translation>Choisissez d’abord un rapport.</translation>
    </message>
    <message>
        <source>R&amp;adio</source>
        <translation>Ra&amp;dio</translation>
    </message>
    <message>
        <source>Radio &amp;desk</source>
        <translation>&amp;Poste radio</translation>
    </message>
    <message>
        <source>Send the report as a &amp;radiogram</source>
        <translation>Envoyer le rapport en &amp;radiogramme</translation>
    </message>
    <message>
        <source>Send the report as an &amp;ICS-213</source>
        <translation>Envoyer le rapport en &amp;ICS-213</translation>
    </message>
</context>
<context>
    <name>RadioMessageView</name>
    <message>
        <source>Choose a message in the queue (F3) or the log (F4).</source>
        <translation>Choisissez un message dans la file (F3) ou le journal (F4).</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Look at:</source>
        <translation>À vérifier :</translation>
    </message>
    <message>
        <source>Relay chain</source>
        <translation>Chaîne de relais</translation>
    </message>
    <message>
        <source>No hop recorded yet.</source>
        <translation>Aucun relais noté pour l’instant.</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Réseau</translation>
    </message>
</context>
<context>
    <name>RadioPrint</name>
    <message>
        <source>NUMBER</source>
        <translation>NUMÉRO</translation>
    </message>
    <message>
        <source>PRECEDENCE</source>
        <translation>PRIORITÉ</translation>
    </message>
    <message>
        <source>HX</source>
        <translation>HX</translation>
    </message>
    <message>
        <source>STATION OF ORIGIN</source>
        <translation>STATION D’ORIGINE</translation>
    </message>
    <message>
        <source>CHECK</source>
        <translation>CONTRÔLE</translation>
    </message>
    <message>
        <source>PLACE OF ORIGIN</source>
        <translation>LIEU D’ORIGINE</translation>
    </message>
    <message>
        <source>TIME FILED</source>
        <translation>HEURE DE DÉPÔT</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>RECEIVED FROM</source>
        <translation>REÇU DE</translation>
    </message>
    <message>
        <source>NET</source>
        <translation>RÉSEAU</translation>
    </message>
    <message>
        <source>DATE/TIME</source>
        <translation>DATE/HEURE</translation>
    </message>
    <message>
        <source>SENT TO</source>
        <translation>ENVOYÉ À</translation>
    </message>
    <message>
        <source>SIGNATURE</source>
        <translation>SIGNATURE</translation>
    </message>
    <message>
        <source>OP NOTE</source>
        <translation>NOTE DE L&apos;OPÉRATEUR</translation>
    </message>
    <message>
        <source>THE AMERICAN RADIO RELAY LEAGUE — RADIOGRAM</source>
        <translation>RADIOGRAMME</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>DESTINATAIRE</translation>
    </message>
    <message>
        <source>DELIVERED TO</source>
        <translation>REMIS À</translation>
    </message>
    <message>
        <source>1. Incident Name</source>
        <translation>1. Nom de l’incident</translation>
    </message>
    <message>
        <source>2. To (Name and Position)</source>
        <translation>2. À (nom et fonction)</translation>
    </message>
    <message>
        <source>3. From (Name and Position)</source>
        <translation>3. De (nom et fonction)</translation>
    </message>
    <message>
        <source>4. Subject</source>
        <translation>4. Objet</translation>
    </message>
    <message>
        <source>5. Date</source>
        <translation>5. Date</translation>
    </message>
    <message>
        <source>6. Time</source>
        <translation>6. Heure</translation>
    </message>
    <message>
        <source>7. Message</source>
        <translation>7. Message</translation>
    </message>
    <message>
        <source>8. Approved by</source>
        <translation>8. Approuvé par</translation>
    </message>
    <message>
        <source>9. Reply</source>
        <translation>9. Réponse</translation>
    </message>
    <message>
        <source>10. Replied by</source>
        <translation>10. Réponse de</translation>
    </message>
    <message>
        <source>Date/Time</source>
        <translation>Date/heure</translation>
    </message>
    <message>
        <source>GENERAL MESSAGE (ICS 213)</source>
        <translation>MESSAGE GÉNÉRAL (ICS 213)</translation>
    </message>
    <message>
        <source>MESSAGE</source>
        <translation>MESSAGE</translation>
    </message>
    <message>
        <source>2. Operational Period (UTC)</source>
        <translation>2. Période opérationnelle (UTC)</translation>
    </message>
    <message>
        <source>3. Radio Net Name</source>
        <translation>3. Nom du réseau radio</translation>
    </message>
    <message>
        <source>4. Radio Operator</source>
        <translation>4. Opérateur radio</translation>
    </message>
    <message>
        <source>6. Prepared by</source>
        <translation>6. Préparé par</translation>
    </message>
    <message>
        <source>7. Date/Time Prepared</source>
        <translation>7. Date/heure de préparation</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>From (call, NR)</source>
        <translation>De (indicatif, NR)</translation>
    </message>
    <message>
        <source>To (call, NR)</source>
        <translation>À (indicatif, NR)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>COMMUNICATIONS LOG (ICS 309)</source>
        <translation>JOURNAL DES COMMUNICATIONS (ICS 309)</translation>
    </message>
    <message>
        <source>3. Name, ICS Position</source>
        <translation>3. Nom, fonction ICS</translation>
    </message>
    <message>
        <source>4. ICS Position</source>
        <translation>4. Fonction ICS</translation>
    </message>
    <message>
        <source>Radio operator</source>
        <translation>Opérateur radio</translation>
    </message>
    <message>
        <source>Date/Time (UTC)</source>
        <translation>Date/heure (UTC)</translation>
    </message>
    <message>
        <source>Notable Activities</source>
        <translation>Activités notables</translation>
    </message>
    <message>
        <source>ACTIVITY LOG (ICS 214)</source>
        <translation>JOURNAL D’ACTIVITÉ (ICS 214)</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Préparé par</translation>
    </message>
    <message>
        <source>EXERCISE EXERCISE EXERCISE</source>
        <translation>EXERCICE EXERCICE EXERCICE</translation>
    </message>
</context>
<context>
    <name>RadioStatus</name>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Waiting for relay</source>
        <translation>En attente de relais</translation>
    </message>
    <message>
        <source>Relayed</source>
        <translation>Relayé</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>Serviced</source>
        <translation>Service fait</translation>
    </message>
</context>
<context>
    <name>RadioWarning</name>
    <message>
        <source>Not a precedence: kept as copied, queued as PRIORITY.</source>
        <translation>Pas une priorité : gardée telle que notée, classée comme PRIORITY.</translation>
    </message>
    <message>
        <source>Counted %1 words: pass it on as %2.</source>
        <translation>%1 mots comptés : à transmettre comme %2.</translation>
    </message>
    <message>
        <source>ARL texts: the check should be %1.</source>
        <translation>Textes ARL : le contrôle devrait être %1.</translation>
    </message>
    <message>
        <source>Not a check (a number, e.g. 12 or ARL 5).</source>
        <translation>Pas un contrôle (un nombre, ex. 12 ou ARL 5).</translation>
    </message>
    <message>
        <source>A radiogram number is digits.</source>
        <translation>Le numéro d’un radiogramme est fait de chiffres.</translation>
    </message>
    <message>
        <source>Not a time like 1830Z.</source>
        <translation>Pas une heure comme 1830Z.</translation>
    </message>
    <message>
        <source>Not a time of day (00:00 to 23:59).</source>
        <translation>Pas une heure du jour (00:00 à 23:59).</translation>
    </message>
    <message>
        <source>Not a date like NOV 28 or 2026-11-28.</source>
        <translation>Pas une date comme NOV 28 ou 2026-11-28.</translation>
    </message>
    <message>
        <source>This day does not exist.</source>
        <translation>Ce jour n’existe pas.</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>Read only: %1 created this report; as %2 you change only the reports you created. A coordinator can change it.</source>
        <translation>Lecture seule : %1 a créé ce rapport ; en tant que %2, vous ne modifiez que les rapports que vous avez créés. Un coordinateur peut le modifier.</translation>
    </message>
</context>
<context>
    <name>ReadProblemBar</name>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Read the data from the database again</source>
        <translation>Relire les données dans la base de données</translation>
    </message>
    <message>
        <source>The reports could not be read from the database: %1. The list shows none until they can be read.</source>
        <translation>Les rapports n’ont pas pu être lus dans la base de données : %1. La liste n’en montre aucun tant qu’ils ne peuvent pas être lus.</translation>
    </message>
    <message>
        <source>The reports could not be read from the database: %1. The map shows none until they can be read.</source>
        <translation>Les rapports n’ont pas pu être lus dans la base de données : %1. La carte n’en montre aucun tant qu’ils ne peuvent pas être lus.</translation>
    </message>
    <message>
        <source>The map areas could not be read from the database: %1. The map shows none until they can be read.</source>
        <translation>Les zones de la carte n’ont pas pu être lues dans la base de données : %1. La carte n’en montre aucune tant qu’elles ne peuvent pas être lues.</translation>
    </message>
    <message>
        <source>The official alerts could not be read from the database: %1. The map shows none until they can be read.</source>
        <translation>Les alertes officielles n’ont pas pu être lues dans la base de données : %1. La carte n’en montre aucune tant qu’elles ne peuvent pas être lues.</translation>
    </message>
    <message>
        <source>The map could not be loaded: %1</source>
        <translation>La carte n’a pas pu être chargée : %1</translation>
    </message>
    <message>
        <source>The radio messages could not be read from the database: %1. The queue and the log show none until they can be read.</source>
        <translation>Les messages radio n’ont pas pu être lus dans la base de données : %1. La file à transmettre et le journal n’en montrent aucun tant qu’ils ne peuvent pas être lus.</translation>
    </message>
</context>
<context>
    <name>Refused</name>
    <message>
        <source>only the person who created it, or a coordinator, may change it</source>
        <translation>seule la personne qui l&apos;a créé, ou un coordinateur, peut le modifier</translation>
    </message>
    <message>
        <source>only a coordinator verifies a report</source>
        <translation>seul un coordinateur vérifie un rapport</translation>
    </message>
    <message>
        <source>only a coordinator approves a public message</source>
        <translation>seul un coordinateur approuve un message public</translation>
    </message>
    <message>
        <source>this role may not write this kind of record</source>
        <translation>ce rôle ne peut pas écrire ce type d&apos;enregistrement</translation>
    </message>
    <message>
        <source>this device may not see that operation any more</source>
        <translation>cet appareil n&apos;a plus accès à cette opération</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>Take the server&apos;s version of “%1” back? Your changes to it that are not on the server are dropped from this computer (its history keeps them). If the server never took this record, it is removed from this computer.</source>
        <translation>Reprendre la version du serveur de « %1 » ? Vos modifications qui ne sont pas sur le serveur sont retirées de cet ordinateur (son historique les garde). Si le serveur n&apos;a jamais accepté cet enregistrement, il est retiré de cet ordinateur.</translation>
    </message>
    <message>
        <source>Undo my change</source>
        <translation>Annuler ma modification</translation>
    </message>
    <message>
        <source>Not undone: %1</source>
        <translation>Non annulé : %1</translation>
    </message>
    <message>
        <source>Changes the server refused</source>
        <translation>Modifications refusées par le serveur</translation>
    </message>
    <message>
        <source>The server refused these changes for good: they stay on this computer and keep it from being fully synchronised. Undo my change takes the server&apos;s version of the record back.</source>
        <translation>Le serveur a refusé ces modifications définitivement : elles restent sur cet ordinateur et l&apos;empêchent d&apos;être entièrement synchronisé. « Annuler ma modification » reprend la version de l&apos;enregistrement qui est sur le serveur.</translation>
    </message>
    <message>
        <source>&amp;Undo my change</source>
        <translation>&amp;Annuler ma modification</translation>
    </message>
</context>
<context>
    <name>RefusedModel</name>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Refused at</source>
        <translation>Refusé le</translation>
    </message>
    <message>
        <source>(removed here)</source>
        <translation>(retiré ici)</translation>
    </message>
</context>
<context>
    <name>RelayDialog</name>
    <message>
        <source>Relay the message</source>
        <translation>Relayer le message</translation>
    </message>
    <message>
        <source>Passed &amp;to (call sign)</source>
        <translation>Transmis &amp;à (indicatif)</translation>
    </message>
    <message>
        <source>&amp;Net</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <source>&amp;When (UTC)</source>
        <translation>&amp;Quand (UTC)</translation>
    </message>
    <message>
        <source>Say to whom it was passed.</source>
        <translation>Indiquez à qui il a été transmis.</translation>
    </message>
    <message>
        <source>Enter a time like 2026-11-28 14:05 (UTC).</source>
        <translation>Saisissez une heure comme 2026-11-28 14:05 (UTC).</translation>
    </message>
    <message>
        <source>Record where it went</source>
        <translation>Noter où il a été diffusé</translation>
    </message>
    <message>
        <source>F4ABC, @account@instance, the mayors&apos; list…</source>
        <translation>F4ABC, @compte@instance, la liste des mairies…</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <source>&amp;Through (station or account):</source>
        <translation>&amp;Par (station ou compte) :</translation>
    </message>
    <message>
        <source>&amp;Link (if published):</source>
        <translation>&amp;Lien (si publié) :</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quand :</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>Not saved: this report was deleted in the meantime.</source>
        <translation>Non enregistré : ce rapport a été supprimé entre-temps.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <source>Discard the changes you made to this report?</source>
        <translation>Abandonner les modifications apportées à ce rapport ?</translation>
    </message>
    <message>
        <source>Delete the report “%1”? Its history is kept.</source>
        <translation>Supprimer le rapport « %1 » ? Son historique est conservé.</translation>
    </message>
    <message>
        <source>Delete report</source>
        <translation>Supprimer le rapport</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>This report has unsaved changes. Save them?</source>
        <translation>Ce rapport a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n field(s) to correct.</source>
        <translation>
            <numerusform>Non enregistré : %n champ à corriger.</numerusform>
            <numerusform>Non enregistré : %n champs à corriger.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a report in the list, or press Ctrl+N to write a new one.</source>
        <translation>Choisissez un rapport dans la liste, ou appuyez sur Ctrl+N pour en écrire un nouveau.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the report (Ctrl+S)</source>
        <translation>Enregistrer le rapport (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Drop unsaved changes (Esc)</source>
        <translation>Abandonner les modifications non enregistrées (Échap)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Photos and files (%1)</source>
        <translation>Photos et fichiers (%1)</translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation>Photos et fichiers</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>New report</source>
        <translation>Nouveau rapport</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Pas encore enregistré</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Rapport : %1</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>Identifiant : %1</translation>
    </message>
</context>
<context>
    <name>ReportFiles</name>
    <message>
        <source>Attaching files</source>
        <translation>Ajout de fichiers</translation>
    </message>
    <message>
        <source>The files of this report could not be read from the database: %1</source>
        <translation>Les fichiers de ce rapport n’ont pas pu être lus dans la base de données : %1</translation>
    </message>
    <message>
        <source>Copy saved: %1</source>
        <translation>Copie enregistrée : %1</translation>
    </message>
    <message>
        <source>No program on this computer opens %1.</source>
        <translation>Aucun programme de cet ordinateur n’ouvre %1.</translation>
    </message>
    <message>
        <source>Remove %1 from this report?</source>
        <translation>Retirer %1 de ce rapport ?</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Retirer le fichier</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Where and when</source>
        <translation>Où et quand</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>— not set —</source>
        <translation>— non renseigné —</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;xte</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>Ty&amp;pe</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Éti&amp;quettes</translation>
    </message>
    <message>
        <source>&amp;Latitude</source>
        <translation>&amp;Latitude</translation>
    </message>
    <message>
        <source>L&amp;ongitude</source>
        <translation>L&amp;ongitude</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>L&amp;ieu</translation>
    </message>
    <message>
        <source>O&amp;bserved at (UTC)</source>
        <translation>O&amp;bservé le (UTC)</translation>
    </message>
    <message>
        <source>Aut&amp;hor</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Sour&amp;ce</source>
        <translation>&amp;Source</translation>
    </message>
    <message>
        <source>Source refere&amp;nce</source>
        <translation>Référence de la source</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Stat&amp;ut</translation>
    </message>
    <message>
        <source>V&amp;erdict</source>
        <translation>&amp;Verdict</translation>
    </message>
    <message>
        <source>Verified at (UTC)</source>
        <translation>Vérifié le (UTC)</translation>
    </message>
    <message>
        <source>Sever&amp;ity</source>
        <translation>&amp;Gravité</translation>
    </message>
    <message>
        <source>Accuracy (m)</source>
        <translation>Précision (m)</translation>
    </message>
    <message>
        <source>&amp;Duplicate of</source>
        <translation>Doublo&amp;n de</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Vérifié par</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>&amp;Méthode</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>What happened, in a few words</source>
        <translation>Ce qui s’est passé, en quelques mots</translation>
    </message>
    <message>
        <source>Comma separated, e.g. bridge, road closed</source>
        <translation>Séparées par des virgules, par ex. pont, route coupée</translation>
    </message>
    <message>
        <source>1 (minor) to 5 (critical)</source>
        <translation>1 (mineure) à 5 (critique)</translation>
    </message>
    <message>
        <source>e.g. 43.8367</source>
        <translation>par ex. 43.8367</translation>
    </message>
    <message>
        <source>e.g. 4.3601</source>
        <translation>par ex. 4.3601</translation>
    </message>
    <message>
        <source>How far off the position may be, in metres</source>
        <translation>Écart possible de la position, en mètres</translation>
    </message>
    <message>
        <source>e.g. 2026-11-28 14:05</source>
        <translation>par ex. 2026-11-28 14:05</translation>
    </message>
    <message>
        <source>Link, handle, call sign or phone number</source>
        <translation>Lien, pseudonyme, indicatif ou numéro de téléphone</translation>
    </message>
    <message>
        <source>Words of the original report, or its id</source>
        <translation>Mots du rapport d’origine, ou son identifiant</translation>
    </message>
    <message>
        <source>Filled in when you give a verdict</source>
        <translation>Rempli quand vous donnez un verdict</translation>
    </message>
    <message>
        <source>e.g. called the town hall, photo geolocated</source>
        <translation>par ex. appel à la mairie, photo géolocalisée</translation>
    </message>
    <message>
        <source>Set on map</source>
        <translation>Placer sur la carte</translation>
    </message>
    <message>
        <source>Set the position by clicking the map or dragging the marker (Ctrl+M)</source>
        <translation>Placer la position en cliquant sur la carte ou en faisant glisser le marqueur (Ctrl+M)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <source>Set the observation time to now (UTC)</source>
        <translation>Mettre l’heure d’observation à maintenant (UTC)</translation>
    </message>
</context>
<context>
    <name>ReportSourcesLine</name>
    <message>
        <source>Sources: 1 post</source>
        <translation>Sources : 1 message</translation>
    </message>
    <message>
        <source>Sources: %1 posts</source>
        <translation>Sources : %1 messages</translation>
    </message>
    <message>
        <source> from 1 independent author</source>
        <translation> d&apos;1 auteur indépendant</translation>
    </message>
    <message>
        <source> from %1 independent authors</source>
        <translation> de %1 auteurs indépendants</translation>
    </message>
    <message>
        <source>, the earliest %1 by %2</source>
        <translation>, le premier le %1 par %2</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Click to sort by this column</source>
        <translation>Cliquez pour trier selon cette colonne</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Observed (UTC)</source>
        <translation>Observé (UTC)</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Créé (UTC)</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>The reports as a list (Ctrl+1)</source>
        <translation>Les rapports en liste (Ctrl+1)</translation>
    </message>
    <message>
        <source>The reports on the map (Ctrl+2)</source>
        <translation>Les rapports sur la carte (Ctrl+2)</translation>
    </message>
    <message>
        <source>Report &amp;list</source>
        <translation>&amp;Liste des rapports</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Go to position…</source>
        <translation>&amp;Aller à une position…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <source>Name the archive file (a .db file).</source>
        <translation>Nommez le fichier d&apos;archive (un fichier .db).</translation>
    </message>
    <message>
        <source>Archive of the run</source>
        <translation>Archive du passage</translation>
    </message>
    <message>
        <source>FieldApp backups (*.db);;All files (*)</source>
        <translation>Sauvegardes FieldApp (*.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Reset and replay</source>
        <translation>Réinitialiser et rejouer</translation>
    </message>
    <message>
        <source>nothing: no player has written anything yet</source>
        <translation>rien : aucun joueur n&apos;a encore rien écrit</translation>
    </message>
    <message>
        <source>Run %1 of the exercise %2 will be archived: a backup of the whole database, then a record of its response times and observers&apos; notes.</source>
        <translation>Le passage %1 de l&apos;exercice %2 sera archivé : une sauvegarde de toute la base, puis un relevé de ses délais de réponse et des notes d&apos;observateurs.</translation>
    </message>
    <message>
        <source>Then the players&apos; data is cleared, on every device:</source>
        <translation>Puis les données des joueurs sont effacées, sur tous les appareils :</translation>
    </message>
    <message>
        <source>%1 inject(s) released or skipped go back to pending, the clock to T+00:00, stopped, and the desk shows run %2. The scenario, the after-action entries and the archived runs stay.</source>
        <translation>%1 inject(s) diffusé(s) ou sauté(s) repassent en attente, l&apos;horloge revient à T+00:00, arrêtée, et le pupitre affiche le passage %2. Le scénario, les entrées du rapport après action et les passages archivés restent.</translation>
    </message>
    <message>
        <source>&amp;Archive file:</source>
        <translation>Fichier d&apos;&amp;archive :</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Reset and replay</source>
        <translation>&amp;Réinitialiser et rejouer</translation>
    </message>
</context>
<context>
    <name>ResetFlow</name>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Reset and replay</source>
        <translation>Réinitialiser et rejouer</translation>
    </message>
    <message>
        <source>Archiving the run and clearing the players&apos; data…</source>
        <translation>Archivage du passage et effacement des données des joueurs…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Reset of the exercise</source>
        <translation>Réinitialisation de l&apos;exercice</translation>
    </message>
    <message>
        <source>The reset failed, nothing was cleared: %1</source>
        <translation>La réinitialisation a échoué, rien n&apos;a été effacé : %1</translation>
    </message>
    <message>
        <source>Reset cancelled: nothing was cleared (the archive file may remain).</source>
        <translation>Réinitialisation annulée : rien n&apos;a été effacé (le fichier d&apos;archive peut rester).</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>an admin</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>a coordinator</source>
        <translation>coordinateur</translation>
    </message>
    <message>
        <source>a trainer</source>
        <translation>formateur</translation>
    </message>
    <message>
        <source>a volunteer</source>
        <translation>bénévole</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>Edit the rule</source>
        <translation>Modifier la règle</translation>
    </message>
    <message>
        <source>New watch rule</source>
        <translation>Nouvelle règle de veille</translation>
    </message>
    <message>
        <source>inondation OR crue NOT &quot;exercice&quot;</source>
        <translation>inondation OR crue NOT &quot;exercice&quot;</translation>
    </message>
    <message>
        <source>any (or fr, en…)</source>
        <translation>toutes (ou fr, en…)</translation>
    </message>
    <message>
        <source>None (anywhere)</source>
        <translation>Aucune (partout)</translation>
    </message>
    <message>
        <source>The operation&apos;s area (around its features and reports)</source>
        <translation>La zone de l’opération (autour de ses éléments et rapports)</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save and switch &amp;on</source>
        <translation>Enregistrer et a&amp;ctiver</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Words:</source>
        <translation>&amp;Mots :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>&amp;Zone :</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>Ac&amp;tion :</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>1 stored post matches.</source>
        <translation>1 message enregistré correspond.</translation>
    </message>
    <message>
        <source>%1 stored posts match.</source>
        <translation>%1 messages enregistrés correspondent.</translation>
    </message>
    <message>
        <source>The newest:</source>
        <translation>Les plus récents :</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Watch rules</source>
        <translation>Règles de veille</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Switch on/o&amp;ff</source>
        <translation>Activer/dés&amp;activer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Rule “%1” saved.</source>
        <translation>Règle « %1 » enregistrée.</translation>
    </message>
    <message>
        <source>Applying the rules to the stored posts…</source>
        <translation>Application des règles aux messages enregistrés…</translation>
    </message>
    <message>
        <source>Applying watch rules</source>
        <translation>Application des règles de veille</translation>
    </message>
    <message>
        <source>Rule switched on.</source>
        <translation>Règle activée.</translation>
    </message>
    <message>
        <source>Rule switched off.</source>
        <translation>Règle désactivée.</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>Règle supprimée.</translation>
    </message>
</context>
<context>
    <name>RumourPanel</name>
    <message>
        <source>(none yet)</source>
        <translation>(aucun pour l’instant)</translation>
    </message>
    <message numerus="yes">
        <source>Seen in %n post(s) or report(s), copies of a linked post included</source>
        <translation>
            <numerusform>Vue dans %n publication ou signalement, copies d’une publication liée comprises</numerusform>
            <numerusform>Vue dans %n publications ou signalements, copies d’une publication liée comprises</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Claim:</source>
        <translation>&amp;Affirmation :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut :</translation>
    </message>
    <message>
        <source>&amp;Verification done:</source>
        <translation>&amp;Vérification faite :</translation>
    </message>
    <message>
        <source>Co&amp;rrected by:</source>
        <translation>Co&amp;rrigée par :</translation>
    </message>
    <message>
        <source>First seen:</source>
        <translation>Vue la première fois :</translation>
    </message>
    <message>
        <source>The claim, in a few words</source>
        <translation>L&apos;affirmation, en quelques mots</translation>
    </message>
    <message>
        <source>Sa&amp;ve the rumour</source>
        <translation>Enre&amp;gistrer la rumeur</translation>
    </message>
    <message>
        <source>&amp;Write a correction…</source>
        <translation>&amp;Écrire une correction…</translation>
    </message>
    <message>
        <source>Posts marked as rumour, not linked yet</source>
        <translation>Publications marquées comme rumeur, pas encore liées</translation>
    </message>
    <message>
        <source>&amp;Link the chosen post to this rumour</source>
        <translation>&amp;Lier la publication choisie à cette rumeur</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Run</source>
        <translation>Passage</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Injects answered</source>
        <translation>Injects ayant reçu une réponse</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>ScenarioActions</name>
    <message>
        <source>Inject %1 saved</source>
        <translation>Inject %1 enregistré</translation>
    </message>
    <message>
        <source>Inject %1 was already played: it stays in the scenario.</source>
        <translation>L&apos;inject %1 a déjà été joué : il reste dans le scénario.</translation>
    </message>
    <message>
        <source>Delete inject %1 from the scenario?</source>
        <translation>Supprimer l&apos;inject %1 du scénario ?</translation>
    </message>
    <message>
        <source>Delete inject</source>
        <translation>Supprimer l&apos;inject</translation>
    </message>
    <message>
        <source>Import a scenario</source>
        <translation>Importer un scénario</translation>
    </message>
    <message>
        <source>Scenario files (*.csv *.xlsx);;All files (*)</source>
        <translation>Fichiers de scénario (*.csv *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import of a scenario</source>
        <translation>Import d&apos;un scénario</translation>
    </message>
    <message>
        <source>The scenario was refused, nothing was imported: %1</source>
        <translation>Le scénario a été refusé, rien n&apos;a été importé : %1</translation>
    </message>
    <message>
        <source>%1, row %2, column “%3”: %4</source>
        <translation>%1, ligne %2, colonne « %3 » : %4</translation>
    </message>
    <message>
        <source>%1, row %2: %4</source>
        <translation>%1, ligne %2 : %4</translation>
    </message>
    <message>
        <source>%1: %4</source>
        <translation>%1 : %4</translation>
    </message>
    <message>
        <source>Export the scenario</source>
        <translation>Exporter le scénario</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export of the scenario</source>
        <translation>Export du scénario</translation>
    </message>
    <message>
        <source>The scenario could not be written: %1</source>
        <translation>Le scénario n&apos;a pas pu être écrit : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n inject(s) imported from %1</source>
        <translation>
            <numerusform>%n inject importé depuis %1</numerusform>
            <numerusform>%n injects importés depuis %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inject(s) written to %1</source>
        <translation>
            <numerusform>%n inject écrit dans %1</numerusform>
            <numerusform>%n injects écrits dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 archived to %2: run %3 is ready, the clock at T+00:00</source>
        <translation>Passage %1 archivé dans %2 : le passage %3 est prêt, l&apos;horloge à T+00:00</translation>
    </message>
    <message>
        <source>&amp;New inject…</source>
        <translation>&amp;Nouvel inject…</translation>
    </message>
    <message>
        <source>Write an inject on the fly (Ctrl+N)</source>
        <translation>Écrire un inject à la volée (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit inject…</source>
        <translation>&amp;Modifier l&apos;inject…</translation>
    </message>
    <message>
        <source>Edit the chosen inject (Enter, or a double click)</source>
        <translation>Modifier l&apos;inject choisi (Entrée, ou un double clic)</translation>
    </message>
    <message>
        <source>&amp;Delete inject</source>
        <translation>&amp;Supprimer l&apos;inject</translation>
    </message>
    <message>
        <source>&amp;Import a scenario (CSV, XLSX)…</source>
        <translation>&amp;Importer un scénario (CSV, XLSX)…</translation>
    </message>
    <message>
        <source>E&amp;xport the scenario (CSV, XLSX)…</source>
        <translation>E&amp;xporter le scénario (CSV, XLSX)…</translation>
    </message>
    <message>
        <source>&amp;Reset and replay…</source>
        <translation>&amp;Réinitialiser et rejouer…</translation>
    </message>
</context>
<context>
    <name>ServerChangeNotice</name>
    <message>
        <source>This report was changed on the server while you were editing it (%1).</source>
        <translation>Ce rapport a été modifié sur le serveur pendant que vous le modifiiez (%1).</translation>
    </message>
    <message>
        <source>You changed %1 too: saving keeps your text there.</source>
        <translation>Vous avez aussi modifié %1 : enregistrer garde votre texte pour ces champs.</translation>
    </message>
    <message>
        <source>Reload to see the new version (your unsaved changes are dropped), or save to keep your changes.</source>
        <translation>Rechargez pour voir la nouvelle version (vos modifications non enregistrées sont abandonnées), ou enregistrez pour garder vos modifications.</translation>
    </message>
    <message>
        <source>Reloa&amp;d</source>
        <translation>Rec&amp;harger</translation>
    </message>
    <message>
        <source>This report was deleted on another device while you were editing it: your changes cannot be saved to it. Copy what you need, then close it.</source>
        <translation>Ce rapport a été supprimé sur un autre appareil pendant que vous le modifiiez : vos modifications ne peuvent pas y être enregistrées. Copiez ce dont vous avez besoin, puis fermez-le.</translation>
    </message>
    <message>
        <source>Close the report</source>
        <translation>Fermer le rapport</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>“%1” is not a call sign (like F4ABC or W1AW/4).</source>
        <translation>« %1 » n’est pas un indicatif (comme F4ABC ou W1AW/4).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>Votre &amp;nom</translation>
    </message>
    <message>
        <source>e.g. Camille (F4ABC)</source>
        <translation>par ex. Camille (F4ABC)</translation>
    </message>
    <message>
        <source>This &amp;station (call sign)</source>
        <translation>Cette &amp;station (indicatif)</translation>
    </message>
    <message>
        <source>e.g. F4ABC: the radio desk&apos;s call</source>
        <translation>p. ex. F4ABC : l’indicatif du poste radio</translation>
    </message>
    <message>
        <source>Signs the reports you write and the changes you make. Empty: your login.</source>
        <translation>Signe les rapports que vous écrivez et les modifications que vous faites. Vide : votre identifiant de session.</translation>
    </message>
    <message>
        <source>&amp;Mastodon instance</source>
        <translation>Instance &amp;Mastodon</translation>
    </message>
    <message>
        <source>Mastodon access &amp;token</source>
        <translation>&amp;Jeton d&apos;accès Mastodon</translation>
    </message>
    <message>
        <source>E&amp;xercise Mastodon instance</source>
        <translation>Instance Mastodon d&apos;e&amp;xercice</translation>
    </message>
    <message>
        <source>Exercise access t&amp;oken</source>
        <translation>Jet&amp;on d&apos;accès d&apos;exercice</translation>
    </message>
    <message>
        <source>Public messages are posted there once approved; with no account, copy them. An exercise&apos;s messages go only to the exercise account, never to the real one.</source>
        <translation>Les messages publics y sont publiés une fois approuvés ; sans compte, copiez-les. Les messages d&apos;un exercice vont uniquement au compte d&apos;exercice, jamais au compte réel.</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>1 – minor</source>
        <translation>1 – mineure</translation>
    </message>
    <message>
        <source>2 – low</source>
        <translation>2 – faible</translation>
    </message>
    <message>
        <source>3 – moderate</source>
        <translation>3 – modérée</translation>
    </message>
    <message>
        <source>4 – severe</source>
        <translation>4 – grave</translation>
    </message>
    <message>
        <source>5 – critical</source>
        <translation>5 – critique</translation>
    </message>
</context>
<context>
    <name>SitrepDialog</name>
    <message>
        <source>“%1” is not a time like 1800Z, 18:00 or 2026-11-28T18:00Z.</source>
        <translation>« %1 » n’est pas une heure comme 1800Z, 18:00 ou 2026-11-28T18:00Z.</translation>
    </message>
    <message>
        <source>Radiogram text copied.</source>
        <translation>Texte du radiogramme copié.</translation>
    </message>
    <message>
        <source>situation-report</source>
        <translation>point-de-situation</translation>
    </message>
    <message>
        <source>Save the situation report as PDF</source>
        <translation>Enregistrer le point de situation en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the situation report…</source>
        <translation>Écriture du point de situation…</translation>
    </message>
    <message>
        <source>The highlights are too long: %1 characters at most.</source>
        <translation>Les faits marquants sont trop longs : %1 caractères au plus.</translation>
    </message>
    <message>
        <source>The situation overview is too long: %1 characters at most.</source>
        <translation>L’aperçu de la situation est trop long : %1 caractères au plus.</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) of %1 (one radiogram)</source>
        <translation>
            <numerusform>%n mot sur %1 (un radiogramme)</numerusform>
            <numerusform>%n mots sur %1 (un radiogramme)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Written: %1 (%n page(s))</source>
        <translation>
            <numerusform>Écrit : %1 (%n page)</numerusform>
            <numerusform>Écrit : %1 (%n pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Non écrit : %1</translation>
    </message>
    <message>
        <source>Cancelled: no file written.</source>
        <translation>Annulé : aucun fichier écrit.</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>Les chiffres n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>Situation report — %1</source>
        <translation>Point de situation — %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>&amp;Highlights:</source>
        <translation>&amp;Faits marquants :</translation>
    </message>
    <message>
        <source>Situation &amp;overview:</source>
        <translation>&amp;Aperçu de la situation :</translation>
    </message>
    <message>
        <source>&amp;Language of the report:</source>
        <translation>&amp;Langue du point :</translation>
    </message>
    <message>
        <source>&amp;Next report (UTC):</source>
        <translation>&amp;Prochain point (UTC) :</translation>
    </message>
    <message>
        <source>One radiogram:</source>
        <translation>Un radiogramme :</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Send as radiogram…</source>
        <translation>&amp;Envoyer en radiogramme…</translation>
    </message>
    <message>
        <source>&amp;Draft from the figures</source>
        <translation>&amp;Brouillon d’après les chiffres</translation>
    </message>
    <message>
        <source>Write &amp;PDF…</source>
        <translation>Écrire le &amp;PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SitrepDraft</name>
    <message>
        <source>%1 reports, %2 of them severe (4 or 5); %3 confirmed.</source>
        <translation>%1 rapports, dont %2 graves (4 ou 5) ; %3 confirmés.</translation>
    </message>
    <message>
        <source>%1 requests for help open, %2 closed.</source>
        <translation>%1 demandes d’aide ouvertes, %2 closes.</translation>
    </message>
    <message>
        <source>%1 official alerts active.</source>
        <translation>%1 alertes officielles en vigueur.</translation>
    </message>
    <message>
        <source>%1 rumours debunked.</source>
        <translation>%1 rumeurs démenties.</translation>
    </message>
    <message>
        <source>Most reports come from %1.</source>
        <translation>La plupart des rapports viennent de %1.</translation>
    </message>
    <message>
        <source>places not given</source>
        <translation>lieux non indiqués</translation>
    </message>
    <message>
        <source>Most open requests for help: %1 (%2).</source>
        <translation>Le plus de demandes d’aide ouvertes : %1 (%2).</translation>
    </message>
    <message>
        <source>Most severe verified report: %1.</source>
        <translation>Rapport vérifié le plus grave : %1.</translation>
    </message>
</context>
<context>
    <name>SitrepLauncher</name>
    <message>
        <source>Situation &amp;report…</source>
        <translation>&amp;Point de situation…</translation>
    </message>
</context>
<context>
    <name>SitrepPdf</name>
    <message>
        <source>No report has a position: nothing to show on the map.</source>
        <translation>Aucun rapport n’a de position : rien à montrer sur la carte.</translation>
    </message>
    <message>
        <source>No offline map tiles for this area in the data folder: the reports are drawn on a plain frame (Tiles menu: download the area to see the map).</source>
        <translation>Pas de tuiles hors ligne pour cette zone dans le dossier de données : les rapports sont dessinés sur un cadre uni (menu Tuiles : télécharger la zone pour voir la carte).</translation>
    </message>
    <message>
        <source>Situation report — %1</source>
        <translation>Point de situation — %1</translation>
    </message>
    <message>
        <source>EXERCISE</source>
        <translation>EXERCICE</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Faits marquants</translation>
    </message>
    <message>
        <source>Situation overview</source>
        <translation>Aperçu de la situation</translation>
    </message>
    <message>
        <source>Situation report</source>
        <translation>Point de situation</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Situation as of</source>
        <translation>Situation au</translation>
    </message>
    <message>
        <source>Next report</source>
        <translation>Prochain point</translation>
    </message>
    <message>
        <source>None given.</source>
        <translation>Non indiqué.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>By kind</source>
        <translation>Par type</translation>
    </message>
    <message>
        <source>By severity</source>
        <translation>Par gravité</translation>
    </message>
    <message>
        <source>By verification</source>
        <translation>Par vérification</translation>
    </message>
    <message>
        <source>Requests for help open</source>
        <translation>Demandes d’aide ouvertes</translation>
    </message>
    <message>
        <source>Requests for help closed</source>
        <translation>Demandes d’aide closes</translation>
    </message>
    <message>
        <source>Official alerts active</source>
        <translation>Alertes officielles en vigueur</translation>
    </message>
    <message>
        <source>Radio messages handled (relayed or delivered)</source>
        <translation>Messages radio traités (relayés ou remis)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Rumours debunked</source>
        <translation>Rumeurs démenties</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <source>%1 of %2 reports have a position.</source>
        <translation>%1 rapports sur %2 ont une position.</translation>
    </message>
    <message>
        <source>Dots: located reports, coloured by their worst severity (blue 1 to dark red 5), bigger where there are more. Numbers: the verified reports listed below.</source>
        <translation>Points : les rapports localisés, colorés selon leur pire gravité (bleu 1 à rouge foncé 5), plus gros là où ils sont nombreux. Numéros : les rapports vérifiés listés plus bas.</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Severe (4–5)</source>
        <translation>Graves (4–5)</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmés</translation>
    </message>
    <message>
        <source>Worst severity</source>
        <translation>Pire gravité</translation>
    </message>
    <message>
        <source>%1 other places</source>
        <translation>%1 autres lieux</translation>
    </message>
    <message>
        <source>Reports grouped by the place their authors wrote (case ignored).</source>
        <translation>Rapports groupés selon le lieu écrit par leurs auteurs (casse ignorée).</translation>
    </message>
    <message>
        <source>Situation by area</source>
        <translation>Situation par zone</translation>
    </message>
    <message>
        <source>Open requests for help</source>
        <translation>Demandes d’aide ouvertes</translation>
    </message>
    <message>
        <source>Waiting since (UTC)</source>
        <translation>En attente depuis (UTC)</translation>
    </message>
    <message>
        <source>Needs and response</source>
        <translation>Besoins et réponse</translation>
    </message>
    <message>
        <source>Rumour</source>
        <translation>Rumeur</translation>
    </message>
    <message>
        <source>What showed it false</source>
        <translation>Ce qui l’a démentie</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>Vue pour la première fois (UTC)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Most important verified reports</source>
        <translation>Rapports vérifiés les plus importants</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non défini</translation>
    </message>
    <message>
        <source>No place given</source>
        <translation>Lieu non indiqué</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>EXERCISE EXERCISE EXERCISE</source>
        <translation>EXERCICE EXERCICE EXERCICE</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>In the field</source>
        <translation>Sur le terrain</translation>
    </message>
    <message>
        <source>Radio</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Réseaux sociaux</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorité</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <source>Give the source&apos;s address.</source>
        <translation>Donnez l&apos;adresse de la source.</translation>
    </message>
    <message>
        <source>Source added.</source>
        <translation>Source ajoutée.</translation>
    </message>
    <message>
        <source>Source removed.</source>
        <translation>Source retirée.</translation>
    </message>
    <message>
        <source>Source resumed.</source>
        <translation>Source reprise.</translation>
    </message>
    <message>
        <source>Source paused.</source>
        <translation>Source en pause.</translation>
    </message>
    <message>
        <source>Post added to the queue.</source>
        <translation>Message ajouté à la file.</translation>
    </message>
    <message>
        <source>Import posts</source>
        <translation>Importer des messages</translation>
    </message>
    <message>
        <source>Feeds and posts (*.xml *.rss *.atom *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Flux et messages (*.xml *.rss *.atom *.csv *.tsv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Importing posts from %1</source>
        <translation>Import des messages de %1</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n new post(s), %1 already here.</source>
        <translation>
            <numerusform>Importé : %n nouveau message, %1 déjà là.</numerusform>
            <numerusform>Importé : %n nouveaux messages, %1 déjà là.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sources (F2)</source>
        <translation>Sources (F2)</translation>
    </message>
    <message>
        <source>&amp;Add source…</source>
        <translation>&amp;Ajouter une source…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Poll &amp;now</source>
        <translation>Interroger &amp;maintenant</translation>
    </message>
    <message>
        <source>Paste a p&amp;ost…</source>
        <translation>C&amp;oller un message…</translation>
    </message>
    <message>
        <source>&amp;Import a file…</source>
        <translation>&amp;Importer un fichier…</translation>
    </message>
</context>
<context>
    <name>StationDialog</name>
    <message>
        <source>This station</source>
        <translation>Cette station</translation>
    </message>
    <message>
        <source>call sign, e.g. F4ABC</source>
        <translation>indicatif, p. ex. F4ABC</translation>
    </message>
    <message>
        <source>“%1” is not a call sign (like F4ABC or W1AW/4).</source>
        <translation>« %1 » n’est pas un indicatif (comme F4ABC ou W1AW/4).</translation>
    </message>
    <message>
        <source>Type this station&apos;s call sign.</source>
        <translation>Saisissez l’indicatif de cette station.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Triaged</source>
        <translation>Trié</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Doublon</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Offline — server not reachable</source>
        <translation>Hors ligne — serveur injoignable</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Offline — sync not set up</source>
        <translation>Hors ligne — synchronisation non configurée</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>Envoi des modifications</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>Réception des modifications</translation>
    </message>
    <message>
        <source>Transferring files</source>
        <translation>Transfert des fichiers</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>The server could not be reached: check its address and the network.</source>
        <translation>Le serveur est injoignable : vérifiez son adresse et le réseau.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: choose the server&apos;s certificate file (PEM) if it is self-signed.</source>
        <translation>Le certificat du serveur n’est pas reconnu : choisissez le fichier de certificat du serveur (PEM) s’il est autosigné.</translation>
    </message>
    <message>
        <source>The server does not accept this device: ask its admin for a new code.</source>
        <translation>Le serveur n’accepte pas cet appareil : demandez un nouveau code à son administrateur.</translation>
    </message>
    <message>
        <source>The server refused this device: its admin revoked it or the user.</source>
        <translation>Le serveur a refusé cet appareil : son administrateur l’a révoqué, ou a révoqué l’utilisateur.</translation>
    </message>
    <message>
        <source>The server did not accept this code: it is wrong, used or expired. Ask the server&apos;s admin for a new one (fieldapp server enroll NAME).</source>
        <translation>Le serveur n’a pas accepté ce code : il est faux, déjà utilisé ou expiré. Demandez-en un nouveau à l’administrateur du serveur (fieldapp server enroll NOM).</translation>
    </message>
    <message>
        <source>This is not a code: it looks like K7P-4QX-9M3 (nine letters and digits).</source>
        <translation>Ce n’est pas un code : il ressemble à K7P-4QX-9M3 (neuf lettres et chiffres).</translation>
    </message>
    <message>
        <source>That file is not a certificate (PEM) that can be read.</source>
        <translation>Ce fichier n’est pas un certificat (PEM) lisible.</translation>
    </message>
    <message>
        <source>The server answered, but not as a FieldApp server: check its address.</source>
        <translation>Le serveur a répondu, mais pas comme un serveur FieldApp : vérifiez son adresse.</translation>
    </message>
    <message>
        <source>This device has not joined a server yet.</source>
        <translation>Cet appareil n’a encore rejoint aucun serveur.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>Le serveur a refusé la demande.</translation>
    </message>
    <message>
        <source>The server refused this device: ask its admin for a new code.</source>
        <translation>Le serveur refuse cet appareil : demandez un nouveau code à son administrateur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Le certificat du serveur n’est pas reconnu.</translation>
    </message>
    <message>
        <source>The server could not be reached: check the network. Nothing is lost.</source>
        <translation>Le serveur est injoignable : vérifiez le réseau. Rien n’est perdu.</translation>
    </message>
    <message>
        <source>Some changes are not on the server yet.</source>
        <translation>Des modifications ne sont pas encore sur le serveur.</translation>
    </message>
    <message>
        <source>Sync did not finish.</source>
        <translation>La synchronisation n’a pas abouti.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>The open report was reloaded: it changed on the server.</source>
        <translation>Le rapport ouvert a été rechargé : il a été modifié sur le serveur.</translation>
    </message>
    <message>
        <source>The report you had open was deleted on another device.</source>
        <translation>Le rapport que vous aviez ouvert a été supprimé sur un autre appareil.</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchro</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Sync &amp;panel</source>
        <translation>&amp;Panneau de synchronisation</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflits…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>non configuré</translation>
    </message>
    <message>
        <source>(oldest %1)</source>
        <translation>(la plus ancienne : %1)</translation>
    </message>
    <message>
        <source>Conflicts to settle: %1</source>
        <translation>Conflits à régler : %1</translation>
    </message>
    <message>
        <source>Changes the server refused: %1</source>
        <translation>Modifications refusées par le serveur : %1</translation>
    </message>
    <message>
        <source>no report open</source>
        <translation>aucun rapport ouvert</translation>
    </message>
    <message>
        <source>only on this computer</source>
        <translation>seulement sur cet ordinateur</translation>
    </message>
    <message>
        <source>on the server since %1</source>
        <translation>sur le serveur depuis le %1</translation>
    </message>
    <message>
        <source>newer changes not sent yet</source>
        <translation>modifications plus récentes pas encore envoyées</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Synchronised: %1 sent, %2 received.</source>
        <translation>Synchronisé : %1 envoyé(s), %2 reçu(s).</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n change(s) not on the server yet; they go with the next sync.</source>
        <translation>
            <numerusform>Annulé : %n modification pas encore sur le serveur ; elle partira à la prochaine synchronisation.</numerusform>
            <numerusform>Annulé : %n modifications pas encore sur le serveur ; elles partiront à la prochaine synchronisation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not fully synchronised: %n change(s) not on the server yet.</source>
        <translation>
            <numerusform>Synchronisation incomplète : %n modification pas encore sur le serveur.</numerusform>
            <numerusform>Synchronisation incomplète : %n modifications pas encore sur le serveur.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received record(s) set aside: this device cannot store them.</source>
        <translation>
            <numerusform>%n enregistrement reçu mis de côté : cet appareil ne peut pas l’enregistrer.</numerusform>
            <numerusform>%n enregistrements reçus mis de côté : cet appareil ne peut pas les enregistrer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Not on the server:</source>
        <translation>Pas sur le serveur :</translation>
    </message>
    <message>
        <source>Last success:</source>
        <translation>Dernier succès :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>This report:</source>
        <translation>Ce rapport :</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Metered link: hold original photos back</source>
        <translation>Connexion limitée : garder les photos originales</translation>
    </message>
    <message>
        <source>&amp;Join a server…</source>
        <translation>Re&amp;joindre un serveur…</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Sync round</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Joining the sync server</source>
        <translation>Connexion au serveur de synchronisation</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Taking the server&apos;s version back</source>
        <translation>Reprise de la version du serveur</translation>
    </message>
</context>
<context>
    <name>TileActions</name>
    <message>
        <source>Import tiles</source>
        <translation>Importer des tuiles</translation>
    </message>
    <message>
        <source>MBTiles tile sets (*.mbtiles);;All files (*)</source>
        <translation>Jeux de tuiles MBTiles (*.mbtiles);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Import de %1…</translation>
    </message>
    <message>
        <source>Tile set “%1” imported: %2 tiles, zoom %3–%4.</source>
        <translation>Jeu de tuiles « %1 » importé : %2 tuiles, zoom %3–%4.</translation>
    </message>
    <message>
        <source>%1 could not be imported; nothing was added.</source>
        <translation>%1 n’a pas pu être importé ; rien n’a été ajouté.</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>&amp;Import tiles…</source>
        <translation>&amp;Importer des tuiles…</translation>
    </message>
    <message>
        <source>&amp;Download area…</source>
        <translation>&amp;Télécharger une zone…</translation>
    </message>
    <message>
        <source>&amp;Tile sets…</source>
        <translation>&amp;Jeux de tuiles…</translation>
    </message>
</context>
<context>
    <name>TileAreaForm</name>
    <message>
        <source>Type the address of a tile server.</source>
        <translation>Saisissez l’adresse d’un serveur de tuiles.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>L’adresse doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>The address must contain {z}, {x} and {y} (or {-y}).</source>
        <translation>L’adresse doit contenir {z}, {x} et {y} (ou {-y}).</translation>
    </message>
    <message>
        <source>Give the tile set a name.</source>
        <translation>Donnez un nom au jeu de tuiles.</translation>
    </message>
    <message>
        <source>Use letters, digits, “.”, “_” or “-” (at most 64), starting with a letter or a digit.</source>
        <translation>Utilisez des lettres, des chiffres, « . », « _ » ou « - » (64 au plus), en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>West, south, east and north must be numbers in degrees.</source>
        <translation>Ouest, sud, est et nord doivent être des nombres en degrés.</translation>
    </message>
    <message>
        <source>Longitudes (west, east) must be between -180 and 180.</source>
        <translation>Les longitudes (ouest, est) doivent être comprises entre -180 et 180.</translation>
    </message>
    <message>
        <source>Latitudes (south, north) must be between -90 and 90.</source>
        <translation>Les latitudes (sud, nord) doivent être comprises entre -90 et 90.</translation>
    </message>
    <message>
        <source>South must be below north.</source>
        <translation>Le sud doit être en dessous du nord.</translation>
    </message>
    <message>
        <source>West must be left of east (an area across the 180° line: two parts).</source>
        <translation>L’ouest doit être à gauche de l’est (une zone à cheval sur le méridien 180° : en deux parties).</translation>
    </message>
    <message>
        <source>The first zoom level must not be above the last.</source>
        <translation>Le premier niveau de zoom ne doit pas dépasser le dernier.</translation>
    </message>
    <message>
        <source>Give the area and the zoom levels to see it.</source>
        <translation>Indiquez la zone et les niveaux de zoom pour la voir.</translation>
    </message>
    <message>
        <source>Tile &amp;server</source>
        <translation>&amp;Serveur de tuiles</translation>
    </message>
    <message>
        <source>Only use a server whose usage policy allows downloading areas, and give credit as it asks (tile.openstreetmap.org does not allow it). FieldApp asks politely: two requests at a time, with its name, and it slows down or stops when the server says so.</source>
        <translation>N’utilisez qu’un serveur dont les conditions d’utilisation permettent de télécharger des zones, et citez-le comme il le demande (tile.openstreetmap.org ne le permet pas). FieldApp reste courtois : deux requêtes à la fois, en se nommant, et il ralentit ou s’arrête quand le serveur le demande.</translation>
    </message>
    <message>
        <source>Tile set &amp;name</source>
        <translation>No&amp;m du jeu de tuiles</translation>
    </message>
    <message>
        <source>e.g. aude-streets</source>
        <translation>ex. aude-rues</translation>
    </message>
    <message>
        <source>&amp;Area (degrees)</source>
        <translation>&amp;Zone (degrés)</translation>
    </message>
    <message>
        <source>West</source>
        <translation>Ouest</translation>
    </message>
    <message>
        <source>South</source>
        <translation>Sud</translation>
    </message>
    <message>
        <source>East</source>
        <translation>Est</translation>
    </message>
    <message>
        <source>North</source>
        <translation>Nord</translation>
    </message>
    <message>
        <source>&amp;Zoom levels</source>
        <translation>&amp;Niveaux de zoom</translation>
    </message>
    <message>
        <source>from </source>
        <translation>de </translation>
    </message>
    <message>
        <source>to </source>
        <translation>à </translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Estimation</translation>
    </message>
</context>
<context>
    <name>TileDownloadDialog</name>
    <message>
        <source>Nothing was started: correct what is marked in red.</source>
        <translation>Rien n’a été lancé : corrigez ce qui est en rouge.</translation>
    </message>
    <message>
        <source>Counting the tiles already in the set…</source>
        <translation>Décompte des tuiles déjà présentes dans le jeu…</translation>
    </message>
    <message>
        <source>Map tiles: %1</source>
        <translation>Tuiles de carte : %1</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>Reprise…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Pausing: finishing the requests in progress…</source>
        <translation>Mise en pause : fin des requêtes en cours…</translation>
    </message>
    <message>
        <source>Paused. No request is being made; Resume goes on.</source>
        <translation>En pause. Aucune requête n’est faite ; Reprendre continue.</translation>
    </message>
    <message>
        <source>Cancelling: keeping the tiles already received…</source>
        <translation>Annulation : les tuiles déjà reçues sont conservées…</translation>
    </message>
    <message>
        <source>The download could not start: %1</source>
        <translation>Le téléchargement n’a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>The download was cancelled before it started.</source>
        <translation>Le téléchargement a été annulé avant de commencer.</translation>
    </message>
    <message>
        <source>Stop the download?</source>
        <translation>Arrêter le téléchargement ?</translation>
    </message>
    <message>
        <source>A download is running. Stop it and close? The tiles already received are kept; downloading the same area into the same tile set later resumes it.</source>
        <translation>Un téléchargement est en cours. L’arrêter et fermer ? Les tuiles déjà reçues sont conservées ; télécharger plus tard la même zone dans le même jeu de tuiles le reprend.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>&amp;Download again</source>
        <translation>&amp;Télécharger à nouveau</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Télécharger</translation>
    </message>
    <message>
        <source>Download map area</source>
        <translation>Télécharger une zone de carte</translation>
    </message>
    <message>
        <source>Cance&amp;l download</source>
        <translation>Annu&amp;ler le téléchargement</translation>
    </message>
    <message>
        <source>The tiles go into a tile set that the map can show with no network. Starting again with the same name and area fetches only what is missing.</source>
        <translation>Les tuiles vont dans un jeu de tuiles que la carte peut afficher sans réseau. Relancer avec le même nom et la même zone ne télécharge que ce qui manque.</translation>
    </message>
</context>
<context>
    <name>TileSetTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Zooms</source>
        <translation>Zooms</translation>
    </message>
    <message>
        <source>Bounds (W, S, E, N)</source>
        <translation>Limites (O, S, E, N)</translation>
    </message>
    <message>
        <source>Tiles</source>
        <translation>Tuiles</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importé</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>téléchargé</translation>
    </message>
    <message>
        <source>download not finished</source>
        <translation>téléchargement inachevé</translation>
    </message>
</context>
<context>
    <name>TileSetsDialog</name>
    <message>
        <source>Reading the tile sets…</source>
        <translation>Lecture des jeux de tuiles…</translation>
    </message>
    <message>
        <source>No tile sets yet: import an MBTiles file or download an area.</source>
        <translation>Aucun jeu de tuiles pour l’instant : importez un fichier MBTiles ou téléchargez une zone.</translation>
    </message>
    <message>
        <source>Remove the tile set?</source>
        <translation>Supprimer le jeu de tuiles ?</translation>
    </message>
    <message>
        <source>Remove the tile set “%1” (%2 tiles, %3) from this computer?</source>
        <translation>Supprimer de cet ordinateur le jeu de tuiles « %1 » (%2 tuiles, %3) ?</translation>
    </message>
    <message>
        <source>Tile set “%1” removed.</source>
        <translation>Jeu de tuiles « %1 » supprimé.</translation>
    </message>
    <message>
        <source>Tile sets</source>
        <translation>Jeux de tuiles</translation>
    </message>
    <message>
        <source>&amp;Import tiles…</source>
        <translation>&amp;Importer des tuiles…</translation>
    </message>
    <message>
        <source>Resume &amp;download…</source>
        <translation>Reprendre le &amp;téléchargement…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>TileTexts</name>
    <message>
        <source>%1 tiles, about %2 (from an average of %3 a tile; real tiles vary)</source>
        <translation>%1 tuiles, environ %2 (d’après une moyenne de %3 par tuile ; les vraies tuiles varient)</translation>
    </message>
    <message>
        <source>Tiles by zoom level: %1</source>
        <translation>Tuiles par niveau de zoom : %1</translation>
    </message>
    <message>
        <source>%1 tiles is more than the limit of %2 for one download: choose a smaller area or fewer zoom levels. Tile servers are shared, and bulk downloads overload them.</source>
        <translation>%1 tuiles dépassent la limite de %2 pour un téléchargement : choisissez une zone plus petite ou moins de niveaux de zoom. Les serveurs de tuiles sont partagés et les téléchargements massifs les surchargent.</translation>
    </message>
    <message>
        <source>%1 tiles in the area: %2 already in the set, %3 to download (about %4).</source>
        <translation>%1 tuiles dans la zone : %2 déjà dans le jeu, %3 à télécharger (environ %4).</translation>
    </message>
    <message>
        <source>%1 of %2 tiles: %3 downloaded (%4), %5 already there, %6 missing, %7 failed</source>
        <translation>%1 tuiles sur %2 : %3 téléchargées (%4), %5 déjà présentes, %6 absentes, %7 en échec</translation>
    </message>
    <message>
        <source>Downloaded %1 tiles (%2); %3 were already in the set and were not fetched again.</source>
        <translation>%1 tuiles téléchargées (%2) ; %3 étaient déjà dans le jeu et n’ont pas été retéléchargées.</translation>
    </message>
    <message>
        <source>%1 tiles do not exist on the server (HTTP 404): the map will show them blank.</source>
        <translation>%1 tuiles n’existent pas sur le serveur (HTTP 404) : la carte les montrera vides.</translation>
    </message>
    <message>
        <source>%1 tiles failed:</source>
        <translation>%1 tuiles en échec :</translation>
    </message>
    <message>
        <source>The server asked FieldApp to slow down %1 times; it did.</source>
        <translation>Le serveur a demandé %1 fois à FieldApp de ralentir ; il l’a fait.</translation>
    </message>
    <message>
        <source>The tiles received are kept and usable. Download the same area into the same tile set again to fetch only the rest.</source>
        <translation>Les tuiles reçues sont conservées et utilisables. Téléchargez à nouveau la même zone dans le même jeu de tuiles pour ne récupérer que le reste.</translation>
    </message>
    <message>
        <source>Done: every tile of the area is in the tile set “%1”.</source>
        <translation>Terminé : toutes les tuiles de la zone sont dans le jeu de tuiles « %1 ».</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Arrêté : %1</translation>
    </message>
    <message>
        <source>Finished, but some tiles are missing from the tile set “%1”.</source>
        <translation>Terminé, mais il manque des tuiles au jeu de tuiles « %1 ».</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <source>connection failed</source>
        <translation>échec de la connexion</translation>
    </message>
    <message>
        <source>server error (HTTP %1)</source>
        <translation>erreur du serveur (HTTP %1)</translation>
    </message>
    <message>
        <source>refused by the server (HTTP %1)</source>
        <translation>refusé par le serveur (HTTP %1)</translation>
    </message>
    <message>
        <source>not an image (%1)</source>
        <translation>pas une image (%1)</translation>
    </message>
    <message>
        <source>slowed down too often (HTTP 429)</source>
        <translation>ralenti trop souvent (HTTP 429)</translation>
    </message>
    <message>
        <source>the tile server refused access (HTTP 403 Forbidden): it does not allow this download</source>
        <translation>le serveur de tuiles a refusé l’accès (HTTP 403 Forbidden) : il n’autorise pas ce téléchargement</translation>
    </message>
    <message>
        <source>the tile server needs a login (HTTP 401 Unauthorized)</source>
        <translation>le serveur de tuiles demande une connexion (HTTP 401 Unauthorized)</translation>
    </message>
    <message>
        <source>%1 tiles failed in a row</source>
        <translation>%1 tuiles en échec d’affilée</translation>
    </message>
</context>
<context>
    <name>TriageActions</name>
    <message>
        <source>Choose the posts to split off, in the card.</source>
        <translation>Choisissez dans la carte les messages à séparer.</translation>
    </message>
    <message>
        <source>Choose a card first.</source>
        <translation>Choisissez d&apos;abord une carte.</translation>
    </message>
    <message>
        <source>Choose two cards or more to merge (Shift or Ctrl).</source>
        <translation>Choisissez au moins deux cartes à fusionner (Maj ou Ctrl).</translation>
    </message>
    <message>
        <source>Claimed: 1 post.</source>
        <translation>Pris en charge : 1 message.</translation>
    </message>
    <message>
        <source>Claimed: %1 posts.</source>
        <translation>Pris en charge : %1 messages.</translation>
    </message>
    <message>
        <source>Taken over: 1 post.</source>
        <translation>Repris : 1 message.</translation>
    </message>
    <message>
        <source>Taken over: %1 posts.</source>
        <translation>Repris : %1 messages.</translation>
    </message>
    <message>
        <source>Claim given up: 1 post.</source>
        <translation>Prise en charge rendue : 1 message.</translation>
    </message>
    <message>
        <source>Claim given up: %1 posts.</source>
        <translation>Prise en charge rendue : %1 messages.</translation>
    </message>
    <message>
        <source>Marked as a rumour: 1 post.</source>
        <translation>Marqué comme rumeur : 1 message.</translation>
    </message>
    <message>
        <source>Marked as a rumour: %1 posts.</source>
        <translation>Marqués comme rumeur : %1 messages.</translation>
    </message>
    <message>
        <source>Dismissed: 1 post.</source>
        <translation>Écarté : 1 message.</translation>
    </message>
    <message>
        <source>Dismissed: %1 posts.</source>
        <translation>Écartés : %1 messages.</translation>
    </message>
    <message>
        <source>Back to triage: 1 post.</source>
        <translation>Remis à trier : 1 message.</translation>
    </message>
    <message>
        <source>Back to triage: %1 posts.</source>
        <translation>Remis à trier : %1 messages.</translation>
    </message>
    <message>
        <source>Attached to the report: 1 post.</source>
        <translation>Rattaché au signalement : 1 message.</translation>
    </message>
    <message>
        <source>Attached to the report: %1 posts.</source>
        <translation>Rattachés au signalement : %1 messages.</translation>
    </message>
    <message>
        <source>Report made: complete it in the main window.</source>
        <translation>Signalement créé : complétez-le dans la fenêtre principale.</translation>
    </message>
    <message>
        <source>Cards merged.</source>
        <translation>Cartes fusionnées.</translation>
    </message>
    <message>
        <source>Posts split into a card of their own.</source>
        <translation>Messages séparés dans une carte à eux.</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>&amp;Prendre en charge</translation>
    </message>
    <message>
        <source>&amp;Take over the claim</source>
        <translation>&amp;Reprendre la prise en charge</translation>
    </message>
    <message>
        <source>&amp;Unclaim</source>
        <translation>&amp;Rendre</translation>
    </message>
    <message>
        <source>&amp;Promote to a new report</source>
        <translation>En faire un &amp;signalement</translation>
    </message>
    <message>
        <source>&amp;Attach to a report…</source>
        <translation>Ra&amp;ttacher à un signalement…</translation>
    </message>
    <message>
        <source>Mark as &amp;rumour</source>
        <translation>Marquer comme r&amp;umeur</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>É&amp;carter</translation>
    </message>
    <message>
        <source>Back to tria&amp;ge (N)</source>
        <translation>Remettre à tri&amp;er (N)</translation>
    </message>
    <message>
        <source>&amp;Merge the chosen cards</source>
        <translation>&amp;Fusionner les cartes choisies</translation>
    </message>
    <message>
        <source>&amp;Split the chosen posts off</source>
        <translation>Sépa&amp;rer les messages choisis</translation>
    </message>
</context>
<context>
    <name>Verification</name>
    <message>
        <source>Unverified</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <source>Debunked</source>
        <translation>Démenti</translation>
    </message>
</context>
<context>
    <name>WindowChrome</name>
    <message>
        <source>EXERCISE — %1 — FieldApp</source>
        <translation>EXERCICE — %1 — FieldApp</translation>
    </message>
    <message>
        <source>EXERCISE · %1</source>
        <translation>EXERCICE · %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Rapport</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>New &amp;operation…</source>
        <translation>Nouvelle &amp;opération…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;New report</source>
        <translation>&amp;Nouveau rapport</translation>
    </message>
    <message>
        <source>&amp;Save report</source>
        <translation>&amp;Enregistrer le rapport</translation>
    </message>
    <message>
        <source>&amp;Delete report…</source>
        <translation>&amp;Supprimer le rapport…</translation>
    </message>
    <message>
        <source>&amp;Find reports</source>
        <translation>&amp;Rechercher des rapports</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>Opération :</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <source>Extreme</source>
        <translation>Extrême</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>Sévère</translation>
    </message>
</context>
</TS>
