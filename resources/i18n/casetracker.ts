<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name></name>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="75"/>
        <source>&amp;Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="77"/>
        <source>&amp;Check database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="79"/>
        <source>&amp;Encrypt this database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="82"/>
        <source>&amp;Decrypt to a plain copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="85"/>
        <source>Change &amp;passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="88"/>
        <source>New &amp;recovery code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="90"/>
        <source>&amp;Lock now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="94"/>
        <source>Pre&amp;ferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="99"/>
        <source>Securit&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AskPositions</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="577"/>
        <source>Link the letters this response replies to; their asks appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="582"/>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="582"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="582"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="582"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="648"/>
        <source>The position could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="57"/>
        <source>Set a field for the selected…</source>
        <extracomment>field kinds a bulk edit offers (long texts and derived fields are left out) a record&apos;s own name: the same value on many records is almost always a mistake</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="58"/>
        <source>Set a field for the %1 selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="73"/>
        <source>Set a field for %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="77"/>
        <source>The field is set to the same value on the %1 selected %2. Each change is checked like an edit and kept in the history; if one of them is refused, none is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="91"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="102"/>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="132"/>
        <source>New value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="138"/>
        <source>Records of this list have no field that can be set in bulk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="162"/>
        <source>%1 set on %2 of %3 records (the others had it already).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="166"/>
        <source>%1 set on %2 records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/bulk_edit_dialog.py" line="177"/>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="48"/>
        <source>Check database</source>
        <extracomment>how often the scheduled backup looks whether one is due the first look, soon after the window opens (not during start-up)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="51"/>
        <source>No problems found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="53"/>
        <source>One problem found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="55"/>
        <source>%2 problems found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="83"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="113"/>
        <source>Changed elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="117"/>
        <source>Someone else saved this record after you opened it. Nothing was overwritten. Compare the two versions below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="127"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="128"/>
        <source>When you opened it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="129"/>
        <source>Theirs (saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="130"/>
        <source>Yours (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="140"/>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="147"/>
        <source>Reload theirs (drop my changes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="148"/>
        <source>Put my changes on theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="149"/>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="82"/>
        <source>Detentions by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="83"/>
        <source>Letters awaiting a response past follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="84"/>
        <source>Open asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="85"/>
        <source>Upcoming hearings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="86"/>
        <source>Sanction requests by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="87"/>
        <source>Recent changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="120"/>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="124"/>
        <source>The dashboard cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="129"/>
        <source>Situation on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="137"/>
        <source>No detentions recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="142"/>
        <source>%1 letters overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="143"/>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="149"/>
        <source>No letter is past its follow-up date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="153"/>
        <source>%1 open asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="154"/>
        <source>with open asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="163"/>
        <source>All upcoming hearings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="164"/>
        <source>upcoming hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="171"/>
        <source>No hearing in the coming weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="177"/>
        <source>No sanction request recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dashboard.py" line="183"/>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPart</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="693"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="693"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="693"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="693"/>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="702"/>
        <source>Add file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="704"/>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="706"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="712"/>
        <source>Files are stored inside the database, up to 200 MB each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="749"/>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="761"/>
        <source>The file could not be attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="771"/>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="779"/>
        <source>The copy could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="789"/>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="793"/>
        <source>The document could not be removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="54"/>
        <source>Filter (Ctrl+F)</source>
        <extracomment>per list: (filter name, label field) for choice filters, and the date-range prefix</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="70"/>
        <source>Any %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="81"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="84"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="96"/>
        <source>Remove this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/filter_bar.py" line="111"/>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="28"/>
        <source>created</source>
        <extracomment>characters of a value shown in the table (the tooltip has all of it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="29"/>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="30"/>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="31"/>
        <source>linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="32"/>
        <source>unlinked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="33"/>
        <source>reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="34"/>
        <source>exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="35"/>
        <source>in a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="36"/>
        <source>backed up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="37"/>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="38"/>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="39"/>
        <source>purged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="43"/>
        <source>(content purged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="44"/>
        <source>(a deleted record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="45"/>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="46"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="47"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="48"/>
        <source>a file of %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="49"/>
        <source>Entry #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="54"/>
        <source>Access</source>
        <extracomment>what one row of each table is called in the Part column</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="55"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="56"/>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="57"/>
        <source>Charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="58"/>
        <source>Citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="59"/>
        <location filename="../../src/casetracker/gui/history_rows.py" line="79"/>
        <source>Status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="60"/>
        <source>Detainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="61"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="62"/>
        <source>Hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="63"/>
        <location filename="../../src/casetracker/gui/history_rows.py" line="76"/>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="64"/>
        <source>Signatory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="65"/>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="66"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="67"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="68"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="69"/>
        <source>Identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="70"/>
        <source>Identity decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="71"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="72"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="73"/>
        <source>Position on an ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="74"/>
        <source>Commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="75"/>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="77"/>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="78"/>
        <source>Sanction request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="80"/>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_rows.py" line="81"/>
        <source>Treatment report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="84"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="85"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="86"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="87"/>
        <source>Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="88"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="89"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="104"/>
        <source>Revert this field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="107"/>
        <source>Put the selected field back to the value it had before this change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="110"/>
        <source>Restore this version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="113"/>
        <source>Put every field of the record back as it was just after this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="168"/>
        <source>The history cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="170"/>
        <source>The history cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="251"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="278"/>
        <source>Put %1 back to “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="280"/>
        <source>The value it had before the change of %1. The revert is kept in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="282"/>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="295"/>
        <source>%1 is back to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="299"/>
        <source>Nothing was reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="308"/>
        <source>Put this %1 back as it was on %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="312"/>
        <source>Every field changed since then gets its value of that moment back. Parts (asks, hearings…) and links stay as they are. The restore is kept in the history and can itself be reverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="316"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="336"/>
        <source>Restored as on %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="339"/>
        <source>Nothing to change: the fields are as they were then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="341"/>
        <source>Not restored (they follow other records): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/history_panel.py" line="347"/>
        <source>Nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdListModel</name>
    <message>
        <location filename="../../src/casetracker/gui/list_model.py" line="121"/>
        <source>(deleted)</source>
        <extracomment>blocks kept in memory (LRU) columns never shown columns holding a stored code shown as a label</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="313"/>
        <source>saving or reading records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="343"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="370"/>
        <source>Unlock CaseTracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="371"/>
        <source>CaseTracker is locked. Type the passphrase to go on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntField</name>
    <message>
        <location filename="../../src/casetracker/gui/fields.py" line="95"/>
        <source>must be a whole number</source>
        <extracomment>finds choices for a reference field: (kind, text) -&gt; [(id, label, detail)]</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="14"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="15"/>
        <location filename="../../src/casetracker/gui/labels.py" line="28"/>
        <source>Detainees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="16"/>
        <location filename="../../src/casetracker/gui/labels.py" line="26"/>
        <location filename="../../src/casetracker/gui/labels.py" line="105"/>
        <source>Letters</source>
        <extracomment>the groups of search results, by type of document</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="17"/>
        <source>Sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="18"/>
        <location filename="../../src/casetracker/gui/labels.py" line="27"/>
        <location filename="../../src/casetracker/gui/labels.py" line="112"/>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="19"/>
        <location filename="../../src/casetracker/gui/labels.py" line="30"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="20"/>
        <source>Organizations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="21"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="31"/>
        <source>Attached files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="36"/>
        <source>detainee</source>
        <extracomment>what one record of each list is called</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="37"/>
        <source>letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="38"/>
        <source>sanction request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="39"/>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="40"/>
        <source>person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="41"/>
        <source>organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="45"/>
        <source>Abbreviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="46"/>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="47"/>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="48"/>
        <source>Circumstances of capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="49"/>
        <source>Place of capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="50"/>
        <source>Detained since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="51"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="52"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="53"/>
        <source>Citizenship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="54"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="55"/>
        <source>Designated on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="56"/>
        <source>Designation reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="57"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="58"/>
        <location filename="../../src/casetracker/gui/labels.py" line="70"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="59"/>
        <source>Facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="60"/>
        <source>Held at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="61"/>
        <source>Follow up by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="62"/>
        <source>From (organization)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="63"/>
        <source>From (person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="64"/>
        <source>Full text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="65"/>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="66"/>
        <location filename="../../src/casetracker/gui/labels.py" line="102"/>
        <source>Grounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="67"/>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="68"/>
        <source>Impact note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="69"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="71"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="72"/>
        <source>Open asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="73"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="74"/>
        <source>Part of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="75"/>
        <location filename="../../src/casetracker/gui/labels.py" line="109"/>
        <source>Programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="76"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="77"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="78"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="79"/>
        <source>Sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="80"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="81"/>
        <source>Sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="82"/>
        <source>Sentence (months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="83"/>
        <source>Sentenced on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="84"/>
        <location filename="../../src/casetracker/gui/labels.py" line="116"/>
        <source>Signatories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="85"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="86"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="87"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="88"/>
        <location filename="../../src/casetracker/gui/labels.py" line="119"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="89"/>
        <source>Target (description)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="90"/>
        <source>Target (person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="91"/>
        <source>Tags (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="92"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="93"/>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="97"/>
        <source>Asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="98"/>
        <source>Positions on asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="99"/>
        <source>Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="100"/>
        <source>Detentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="101"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="103"/>
        <source>Hearings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="104"/>
        <source>Detainees held here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="106"/>
        <source>Letters received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="107"/>
        <source>People with positions here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="108"/>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="110"/>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="111"/>
        <source>In reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="113"/>
        <source>Responses sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="29"/>
        <location filename="../../src/casetracker/gui/labels.py" line="114"/>
        <source>Sanction requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="115"/>
        <source>Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="117"/>
        <source>Letters signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/labels.py" line="118"/>
        <source>Status history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LetterImportDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="40"/>
        <source>Import a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="51"/>
        <source>Paste the letter here, or open a .txt, .pdf or .docx file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="53"/>
        <source>Open a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="55"/>
        <source>Read the letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="80"/>
        <source>Signed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="80"/>
        <source>Linked to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="80"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="80"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="91"/>
        <source>Asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="96"/>
        <source>Signatories (check each link; unlinked names are kept in the letter&apos;s notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="125"/>
        <source>Open a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="127"/>
        <source>Letters (*.txt *.pdf *.docx *.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="155"/>
        <source>%1
Date: %2
To: %3
Signatories: %4, %5 linked, %6 left unlinked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="157"/>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="158"/>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="164"/>
        <source>(no list of asks found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/letter_import_dialog.py" line="181"/>
        <source>— leave unlinked —</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkList</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="484"/>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="486"/>
        <source>Unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="552"/>
        <source>The link could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="100"/>
        <source>Record a detention…</source>
        <extracomment>a column whose header click sorts by another sort key</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="106"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="120"/>
        <source>Linked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="126"/>
        <source>Asks answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="131"/>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="134"/>
        <source>Related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="139"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="176"/>
        <source>The filter cannot be applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="182"/>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/list_page.py" line="256"/>
        <source>This record no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="77"/>
        <source>CaseTracker is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="117"/>
        <source>Locked after %1 minutes without use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="119"/>
        <source>Locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="123"/>
        <source>Locking: the key will be forgotten when the current task (%1) ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="126"/>
        <source>The database is closed and its key forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="133"/>
        <source>Type the passphrase to go on where you left off: your unsaved edits are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="133"/>
        <source>&amp;File</source>
        <extracomment>the role of a navigation item holding a saved search&apos;s query</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="135"/>
        <source>&amp;New record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="139"/>
        <source>New &amp;database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="142"/>
        <source>&amp;Open database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="145"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="146"/>
        <source>Open the &amp;demo database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="148"/>
        <source>&amp;Import records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="151"/>
        <source>Import a &amp;letter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="154"/>
        <source>&amp;Export all records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="155"/>
        <source>&amp;Back up database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="160"/>
        <source>&amp;Reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="167"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="171"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="172"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="174"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="180"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="183"/>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="185"/>
        <source>&amp;Delete record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="192"/>
        <source>&amp;Purge this record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="195"/>
        <source>Set a field for the selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="202"/>
        <source>&amp;Filter the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="209"/>
        <source>Search &amp;everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="215"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="224"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="227"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="228"/>
        <source>&amp;About CaseTracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="231"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="259"/>
        <source>Saved search: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="270"/>
        <source>Remove this saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="310"/>
        <source>The list cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="420"/>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="426"/>
        <source>The record counts cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="438"/>
        <source>New database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="440"/>
        <source>CaseTracker databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="453"/>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="455"/>
        <source>CaseTracker databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="466"/>
        <source>Import records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="468"/>
        <location filename="../../src/casetracker/gui/main_window.py" line="499"/>
        <source>CaseTracker exports (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="477"/>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="485"/>
        <source>Imported %1 records from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="491"/>
        <source>Importing records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="491"/>
        <source>Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="497"/>
        <source>Export all records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="509"/>
        <source>Exported %1 records to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="516"/>
        <source>Exporting records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="519"/>
        <source>The export was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="527"/>
        <source>Backup written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="531"/>
        <source>Backing up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="534"/>
        <source>The backup was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="570"/>
        <source>Report written to %1 (%2 pages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="579"/>
        <source>Writing the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="582"/>
        <source>The report was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/main_window.py" line="615"/>
        <source>Wait for the running job to finish, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartTable</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="290"/>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="292"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="298"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="299"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="366"/>
        <source>Add to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="426"/>
        <source>The change could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartialDateField</name>
    <message>
        <location filename="../../src/casetracker/gui/fields.py" line="108"/>
        <source>YYYY, YYYY-MM or YYYY-MM-DD (~ if approximate)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="41"/>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="42"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="43"/>
        <source>Charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="44"/>
        <source>Hearings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="45"/>
        <source>Treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="46"/>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="47"/>
        <source>Asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="48"/>
        <source>Signatories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="49"/>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="50"/>
        <source>Programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="51"/>
        <source>Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="52"/>
        <source>Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="53"/>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="54"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="58"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="59"/>
        <source>Script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="60"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="61"/>
        <location filename="../../src/casetracker/gui/parts.py" line="64"/>
        <location filename="../../src/casetracker/gui/parts.py" line="88"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="62"/>
        <source>Charged on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="63"/>
        <source>Legal reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="65"/>
        <source>Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="66"/>
        <source>Judge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="67"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="68"/>
        <source>Reported on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="69"/>
        <source>Observed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="70"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="71"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="72"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="73"/>
        <source>Status note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="74"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="75"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="76"/>
        <source>Lead signatory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="77"/>
        <source>Signed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="78"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="79"/>
        <source>Addressed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="80"/>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="81"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="82"/>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="83"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="84"/>
        <source>Constituency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="85"/>
        <source>Party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="86"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="87"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="89"/>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="93"/>
        <source>ISO 15924 code: Armn, Cyrl, Latn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="94"/>
        <source>Language code: hy, ru, az, en…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="67"/>
        <source>&amp;Encrypt it with a passphrase (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="69"/>
        <source>Do &amp;not encrypt it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="82"/>
        <source>Current passphrase (or recovery code):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="84"/>
        <source>Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="90"/>
        <source>At least %1 characters; a few unrelated words are best.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="98"/>
        <source>New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="99"/>
        <source>The same again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="111"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="152"/>
        <source>Type the current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="156"/>
        <source>The new passphrase is too short: use at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/passphrase_dialog.py" line="160"/>
        <source>The two new passphrases differ; type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="33"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="38"/>
        <source>e.g. Anna Petrosyan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="40"/>
        <source>Written into the history of every change you make. Empty: your login name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="45"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="46"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="50"/>
        <source>An encrypted database locks after this long without keyboard or mouse input, and asks for its passphrase again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="55"/>
        <source>Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="57"/>
        <source>Lock when idle for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="60"/>
        <source>Back up the database automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="66"/>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="74"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="81"/>
        <source>Every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="82"/>
        <source>Keep the last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="83"/>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="88"/>
        <source>Each database gets a subfolder of its own there. An encrypted database gives encrypted backups. Keep a copy of the folder on another disk too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="96"/>
        <source>Scheduled backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/preferences_dialog.py" line="123"/>
        <source>Folder for scheduled backups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="47"/>
        <source>&amp;Purge this confidential record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="49"/>
        <source>&amp;Purge this record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="61"/>
        <source>Purge this %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="62"/>
        <source>PURGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="63"/>
        <source>Purge “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="72"/>
        <source>A purge removes this %1 for good: the record, its parts (names, asks, hearings…), its links, its attached files and their text are erased from the database file, and its history is blanked. The history keeps only the fact that a purge happened, when, by whom and the reason you give below.

It takes a moment: the database file is rewritten so that no trace is left in it.

It cannot be undone. Copies in backups made earlier remain until those backups are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="85"/>
        <source>This record is confidential. Purge it if it must not be kept anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="93"/>
        <source>Why it is purged (kept in the history: do not name anyone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="98"/>
        <source>Type %1 to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="100"/>
        <source>Purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="112"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="142"/>
        <source>Purging and compacting the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="173"/>
        <source>Nothing was purged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/purge_dialog.py" line="185"/>
        <source>Purged: %1 rows removed, %2 history entries blanked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="149"/>
        <location filename="../../src/casetracker/gui/app.py" line="155"/>
        <source>The database cannot be opened.</source>
        <extracomment>why the last open() did not open anything (&quot;&quot; when it did)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="184"/>
        <source>%1 is not a plain database. If it is an encrypted CaseTracker database whose key file was lost, type its recovery code to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="189"/>
        <source>%1 is encrypted and was not unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="226"/>
        <source>No database is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="228"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="230"/>
        <source>Open another database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="232"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="239"/>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/app.py" line="241"/>
        <source>CaseTracker databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="52"/>
        <source>Something went wrong inside CaseTracker; the failed step was not completed. Details for support: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="144"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="147"/>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="149"/>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="210"/>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="239"/>
        <source>New %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="242"/>
        <source>New detention of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="244"/>
        <source>Fields marked * are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="283"/>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="286"/>
        <source>Saved version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="380"/>
        <source>This record was deleted elsewhere. Your edits are still shown; copy what you need before leaving this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="386"/>
        <source>The record could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="412"/>
        <source>Your changes are now on top of the latest version. Check them, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="418"/>
        <source>Someone else saved this record since you opened it. Reload it or compare before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="458"/>
        <source>The record could not be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="96"/>
        <source>Recovery code</source>
        <extracomment>how long a copied code stays on the clipboard</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="103"/>
        <source>Your recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="103"/>
        <source>Your new recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="110"/>
        <source>It will open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="112"/>
        <source>It opens %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="129"/>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="132"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="135"/>
        <source>Save as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="145"/>
        <source>Print… sends the code straight to the printer. A PDF file or the clipboard hold it in plain form: anyone who finds the file opens the database. Save a PDF only to print it, never in a synced folder, and delete it at once; a copied code is cleared from the clipboard after %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="161"/>
        <source>Write this code down, or print it, and keep it apart from this computer. It opens the database if the passphrase is forgotten or its key file is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="165"/>
        <source>Nobody else — not CaseTracker&apos;s authors, not your organisation&apos;s IT — can recover the data without the passphrase or this code. Anyone who has this code and a copy of the database can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="173"/>
        <source>Nothing is changed yet. When you press Apply, the database is re-encrypted with this code&apos;s key: from then on this code, not the old one, opens it. Cancel keeps the old code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="181"/>
        <source>Once applied, the old recovery code no longer opens this database. Backups made before now still open with the old code: delete them, or keep them as safe as the old code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="189"/>
        <source>The old recovery code no longer opens this database. Backups made before now still open with the old code: delete them, or keep them as safe as the old code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="203"/>
        <source>I have written down or printed the recovery code and will keep it apart from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="209"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="209"/>
        <source>Apply the new code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="218"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="256"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="259"/>
        <source>Copied. The clipboard is cleared in %1 seconds; a clipboard manager may keep its own copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="270"/>
        <source>Print the recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="283"/>
        <source>The recovery code was not printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="285"/>
        <source>Sent to the printer. Keep the sheet apart from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="292"/>
        <source>Save the recovery code as PDF (to print, then delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="310"/>
        <source>Saved to %1. It holds the code in plain form: print it, then delete the file (and empty the trash). Anyone who finds it can open the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="294"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/recovery_dialog.py" line="306"/>
        <source>The PDF was not written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceField</name>
    <message>
        <location filename="../../src/casetracker/gui/fields.py" line="184"/>
        <source>Type to search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/fields.py" line="187"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/fields.py" line="245"/>
        <source>pick a record from the list, or clear the field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <location filename="../../src/casetracker/gui/related_panel.py" line="28"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/related_panel.py" line="28"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/related_panel.py" line="28"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="48"/>
        <source>Reports</source>
        <extracomment>report kind -&gt; the lookup kind of the record it is about</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="56"/>
        <source>Situation briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="57"/>
        <source>Detainee dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="58"/>
        <source>Sanctions dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="59"/>
        <source>Correspondence log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="60"/>
        <source>Signatory record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="66"/>
        <source>Public — leaves out internal and confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="67"/>
        <source>Internal — every page marked INTERNAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="69"/>
        <source>Confidential — includes confidential material</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="80"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="89"/>
        <source>e.g. 2024 or 2024-06</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="92"/>
        <source>e.g. 2025-04-11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="95"/>
        <source>printed on the cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="98"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="105"/>
        <source>Open the PDF when it is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="113"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="114"/>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="116"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="117"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="118"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="119"/>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="123"/>
        <source>Write PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="146"/>
        <source>Detainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="146"/>
        <source>Sanction request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="162"/>
        <source>Save the report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="162"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/reports_dialog.py" line="185"/>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduledBackups</name>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="189"/>
        <source>Scheduled backup written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="199"/>
        <source>The scheduled backup was not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="209"/>
        <source>CaseTracker tries again later. Check the backup folder in Edit › Preferences, or back up by hand with File › Back up database…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="137"/>
        <source>Search everything: words, &quot;a phrase&quot;, sanction*, OR, -word, type:letter …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="141"/>
        <source>All words must match. Filters: type: (letter, response, detainee, sanction, person, attachment), from:, to:, signed-by:, after:2024-06, before:2025, status:. Names are found in every recorded spelling and script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="148"/>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="151"/>
        <source>Save search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="247"/>
        <source>The search could not be run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="261"/>
        <source>%1 — %2 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="279"/>
        <source>Show all %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="289"/>
        <source>%1 records found in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="295"/>
        <source>Nothing found. Check the spelling, or use fewer words or a prefix*.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="345"/>
        <source>Type to search letters, responses, detainees, sanction requests, people and attached files. Examples: Vardanyan trial · &quot;trial monitoring&quot; · sanction* type:letter after:2024 · from:&quot;State Department&quot; · signed-by:Schiff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="357"/>
        <source>Save search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/search_page.py" line="357"/>
        <source>Name of this search:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecurityController</name>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="137"/>
        <source>A PostgreSQL database is restored on its server (pg_restore).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="140"/>
        <source>This database is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="204"/>
        <source>The database cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="210"/>
        <source>CaseTracker databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="226"/>
        <source>Deleting a file does not reliably erase it on an SSD, a USB stick or a synced folder: keep plain copies only on an encrypted disk, and delete them as soon as you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="238"/>
        <source>New database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="240"/>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="172"/>
        <source>An encrypted database cannot be read without its passphrase or its recovery code: if this computer, its disk or a backup is lost or stolen, the records stay private.

If you forget the passphrase and lose the recovery code, the data is lost for good: nobody — not CaseTracker&apos;s authors — can recover it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="248"/>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="273"/>
        <source>The database was not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="282"/>
        <source>Encrypted copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="296"/>
        <source>Encrypt this database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="298"/>
        <source>CaseTracker writes an encrypted copy of this database to %1 and checks it holds the same records. This database is left as it is.

Without the passphrase or the recovery code nobody can read the copy; if you lose both, nobody — not CaseTracker&apos;s authors — can recover it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="305"/>
        <source>Encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="316"/>
        <source>Writing the encrypted copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="325"/>
        <source>Encrypting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="328"/>
        <source>No encrypted copy was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="340"/>
        <source>The encrypted copy %1 is written and checked: it holds the same records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="345"/>
        <source>The plain original %1 still exists: anyone who gets it, or one of its plain backups, can read it. Once you have opened the encrypted copy, delete the original securely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="353"/>
        <source>Open the encrypted copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="356"/>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="368"/>
        <source>Decrypt to a plain copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="370"/>
        <source>A plain copy can be read by anyone who gets the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="372"/>
        <source>Make one only when you must, and delete it as soon as you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="376"/>
        <source>Choose where…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="381"/>
        <source>Plain copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="393"/>
        <source>Writing the plain copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="403"/>
        <source>Plain copy written to %1 (%2 rows checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="406"/>
        <source>Anyone who gets it can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="410"/>
        <source>Decrypting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="410"/>
        <source>No plain copy was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="419"/>
        <location filename="../../src/casetracker/gui/security.py" line="426"/>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="421"/>
        <source>The recovery code stays the same. Backups made before now keep the old passphrase in their own key file; the recovery code opens them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="438"/>
        <source>The passphrase is changed. The recovery code is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="440"/>
        <source>The passphrase was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="449"/>
        <location filename="../../src/casetracker/gui/security.py" line="503"/>
        <source>New recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="451"/>
        <source>CaseTracker shows a new recovery code; once you have written it down, it re-encrypts the database with it. The old recovery code stops working for this database (backups made before now still open with it). The passphrase stays the same: type it to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="459"/>
        <source>Make a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="477"/>
        <location filename="../../src/casetracker/gui/security.py" line="506"/>
        <source>Nothing was changed: the old recovery code still works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="483"/>
        <source>Re-encrypting every page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="496"/>
        <source>The database is re-encrypted: the new recovery code you wrote down is the one that opens it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="500"/>
        <source>The database has a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="519"/>
        <source>Checking every page and reference…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="528"/>
        <source>Checking the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="528"/>
        <source>The check did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="540"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="542"/>
        <source>CaseTracker databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="552"/>
        <source>Nothing was restored; the database is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="564"/>
        <source>Unlock the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="566"/>
        <source>The backup %1 was encrypted with another key. Type the passphrase it had when it was made, or its recovery code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="578"/>
        <source>The database was restored from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="579"/>
        <source>What it held before is saved in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/security.py" line="584"/>
        <source>Restoring</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="103"/>
        <source>A change of recovery code was interrupted and has now been completed: the NEW recovery code is the one that works. The old one no longer opens this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="120"/>
        <source>Wrong passphrase. The database was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="124"/>
        <source>Check the recovery code and type it again: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="131"/>
        <source>The database cannot be unlocked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="294"/>
        <source>Unlock database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="296"/>
        <source>This database is encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="303"/>
        <source>%1

Type its passphrase to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="153"/>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="206"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="158"/>
        <source>Use the recovery code instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="163"/>
        <source>XXXX-XXXX-XXXX-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="170"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="193"/>
        <source>The key file %1 is missing, so the passphrase cannot be used: type the recovery code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="206"/>
        <source>Recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="233"/>
        <source>Type the recovery code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/unlock_dialog.py" line="233"/>
        <source>Type the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="12"/>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="13"/>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="14"/>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="15"/>
        <source>Birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="16"/>
        <source>Broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="17"/>
        <source>Capture acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="18"/>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="19"/>
        <source>Charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="20"/>
        <source>Civilian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="21"/>
        <source>Commitment pledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="22"/>
        <source>Confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="23"/>
        <source>Consular access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="24"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="25"/>
        <source>Court</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="26"/>
        <source>Court record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="27"/>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="28"/>
        <source>Degrading treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="29"/>
        <source>Denial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="30"/>
        <source>Designated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="31"/>
        <source>Detained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="32"/>
        <source>Detention facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="33"/>
        <source>Died</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="34"/>
        <source>Died in custody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="35"/>
        <source>Direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="36"/>
        <source>Disappeared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="37"/>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="38"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="39"/>
        <source>Fairly reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="40"/>
        <source>Family contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="41"/>
        <source>Favourable action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="42"/>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="43"/>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="44"/>
        <source>Forced confession</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="45"/>
        <source>Fulfilled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="46"/>
        <source>Government</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="47"/>
        <source>Granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="48"/>
        <source>Hand delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="49"/>
        <source>Hearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="50"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="51"/>
        <source>Highly reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="52"/>
        <source>Human rights defender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="53"/>
        <source>ICRC access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="54"/>
        <source>Ill treatment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="55"/>
        <source>Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="56"/>
        <source>Incommunicado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="57"/>
        <source>Internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="58"/>
        <source>International</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="59"/>
        <source>Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="60"/>
        <source>Journalist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="61"/>
        <source>Lawyer access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="62"/>
        <source>Legislative office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="63"/>
        <source>Legislature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="64"/>
        <source>Letter sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="65"/>
        <source>Location disclosed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="66"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="67"/>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="68"/>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="69"/>
        <source>Media report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="70"/>
        <source>Medical neglect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="71"/>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="72"/>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="73"/>
        <source>Military</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="74"/>
        <source>Ministry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="75"/>
        <source>Misspelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="76"/>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="77"/>
        <source>NGO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="78"/>
        <source>NGO report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="79"/>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="80"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="81"/>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="82"/>
        <source>Noncommittal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="83"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="84"/>
        <source>Not addressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="85"/>
        <source>Not same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="86"/>
        <source>Not usually reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="87"/>
        <source>Official</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="88"/>
        <source>Official statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="89"/>
        <source>On trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="90"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="91"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="92"/>
        <source>Outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="93"/>
        <source>Partial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="94"/>
        <source>Partly agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="95"/>
        <source>Partly met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="96"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="97"/>
        <source>Political figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="98"/>
        <source>Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="99"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="100"/>
        <source>Prison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="101"/>
        <source>Prisoner of war</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="102"/>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="103"/>
        <source>Prosecutor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="104"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="105"/>
        <source>Public release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="106"/>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="107"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="108"/>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="109"/>
        <source>Reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="110"/>
        <source>Repatriated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="111"/>
        <source>Response received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="112"/>
        <source>Sanction designated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="113"/>
        <source>Sanctions dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="114"/>
        <source>Security service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="115"/>
        <source>Sentenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="116"/>
        <source>Share with government</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="117"/>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="118"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="119"/>
        <source>Superseded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="120"/>
        <source>Third party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="121"/>
        <source>Token reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="122"/>
        <source>Torture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="123"/>
        <source>Transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="124"/>
        <source>Transliteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="125"/>
        <source>Under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="126"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="127"/>
        <source>Unreliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="128"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="129"/>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="130"/>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/value_labels.py" line="131"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="40"/>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="46"/>
        <source>Welcome to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="54"/>
        <source>CaseTracker keeps detainees, letters, sanction requests and responses in one database on this computer. Which would you like to start with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="65"/>
        <source>Try the demo database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="66"/>
        <source>Made-up records to explore every part of the app. Nothing real is in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="70"/>
        <source>Start an empty database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="71"/>
        <source>For your own records; you can choose to protect it with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="75"/>
        <source>Open an existing file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="76"/>
        <source>A CaseTracker database you already have, encrypted or not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="83"/>
        <source>Your data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="87"/>
        <source>A new database is made there as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="101"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="142"/>
        <source>Open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="144"/>
        <source>CaseTracker databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="170"/>
        <source>New database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="180"/>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/welcome_dialog.py" line="222"/>
        <source>The database was not created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <location filename="../../src/casetracker/gui/idle_lock.py" line="145"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>editor</name>
    <message>
        <location filename="../../src/casetracker/gui/editor.py" line="35"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="65"/>
        <location filename="../../src/casetracker/gui/dialogs.py" line="69"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="67"/>
        <source>Delete this %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="68"/>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="83"/>
        <source>You have unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="85"/>
        <source>Save them before leaving?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="177"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/dialogs.py" line="179"/>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Case records of detainees, advocacy letters, sanction requests and government responses, kept offline.&lt;/p&gt;&lt;p&gt;Database: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/long_job.py" line="28"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="101"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="104"/>
        <source>Replace everything in %1 with the backup %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="110"/>
        <source>The backup is checked first; if it is damaged nothing changes. What the database holds now is saved beside it as a safety copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/maintenance_dialogs.py" line="114"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.dialog</name>
    <message>
        <location filename="../../src/casetracker/gui/long_job.py" line="46"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>table</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="434"/>
        <source>Set %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="449"/>
        <source>Reorder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../src/casetracker/gui/parts.py" line="666"/>
        <source>Set the position on an ask</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
