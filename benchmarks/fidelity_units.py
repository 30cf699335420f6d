"""Clean units of our own and the error injections of ``fidelity_vs_pofilter.py``.

Our own units cover what Django's catalogs lack: printf strings filled in order (``%s … %d``), ICU
messages, URLs, e-mail addresses, ``\\n`` escapes and ``&`` accelerators. Each is an English source and
a German translation written for this benchmark. Each injection takes a clean (source, target) and
returns the broken target, or None when the unit does not have what the error needs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Unit:
    source: str
    target: str
    flags: tuple[str, ...] = ()
    context: str | None = None


NOUNS = [
    ("file", "files", "Datei", "Dateien"),
    ("message", "messages", "Nachricht", "Nachrichten"),
    ("photo", "photos", "Foto", "Fotos"),
    ("comment", "comments", "Kommentar", "Kommentare"),
    ("member", "members", "Mitglied", "Mitglieder"),
    ("task", "tasks", "Aufgabe", "Aufgaben"),
    ("folder", "folders", "Ordner", "Ordner"),
    ("invitation", "invitations", "Einladung", "Einladungen"),
    ("song", "songs", "Lied", "Lieder"),
    ("contact", "contacts", "Kontakt", "Kontakte"),
    ("note", "notes", "Notiz", "Notizen"),
    ("event", "events", "Termin", "Termine"),
]
ICU_FRAMES = [
    ("You have {P}.", "Sie haben {P}."),
    ("{user} shared {P}.", "{user} hat {P} geteilt."),
    ("Delete {P}?", "{P} löschen?"),
    ("{P} selected", "{P} ausgewählt"),
    ("Uploaded {P} to {folder}.", "{P} nach {folder} hochgeladen."),
]
PRINTF = [
    ("%s has %d new messages", "%s hat %d neue Nachrichten"),
    ("%s uploaded %d photos", "%s hat %d Fotos hochgeladen"),
    ("Copied %d files to %s", "%d Dateien nach %s kopiert"),
    ("%s: %d errors found", "%s: %d Fehler gefunden"),
    ("Page %d of %s", "Seite %d von %s"),
    ("%s is %.1f MB", "%s ist %.1f MB groß"),
    ("User %s has %ld points", "Benutzer %s hat %ld Punkte"),
    ("%s removed %d members", "%s hat %d Mitglieder entfernt"),
    ("Moved %d items to %s", "%d Elemente nach %s verschoben"),
    ("%s left %d comments", "%s hat %d Kommentare hinterlassen"),
    ("Downloading %s (%d%%)", "%s wird heruntergeladen (%d %%)"),
    ("%s scored %.2f points", "%s hat %.2f Punkte erreicht"),
    ("%d tasks assigned to %s", "%d Aufgaben an %s zugewiesen"),
    ("Deleted %d rows from %s", "%d Zeilen aus %s gelöscht"),
    ("%s joined %d groups", "%s ist %d Gruppen beigetreten"),
    ("Battery at %d%% on %s", "Akku bei %d %% auf %s"),
    ("%s has %d unread emails", "%s hat %d ungelesene E-Mails"),
    ("Renamed %d files in %s", "%d Dateien in %s umbenannt"),
    ("%s sent %d invitations", "%s hat %d Einladungen verschickt"),
    ("Synced %d contacts with %s", "%d Kontakte mit %s synchronisiert"),
    ("%s: %.1f%% complete", "%s: %.1f %% abgeschlossen"),
    ("Archived %d chats from %s", "%d Chats von %s archiviert"),
    ("%s played %d songs", "%s hat %d Lieder gespielt"),
    ("Found %d matches for %s", "%d Treffer für %s gefunden"),
]
URLS = [
    "https://www.example.org/docs/start",
    "https://support.example.com/kb/privacy",
    "https://example.net/download/latest",
    "http://status.example.org/",
    "https://www.example.com/terms?lang=en",
    "https://forum.example.org/c/help",
    "https://example.com/blog/release-notes",
]
URL_FRAMES = [
    ("See {u} for details.", "Details finden Sie unter {u}."),
    ("Download the latest version from {u}", "Laden Sie die neueste Version von {u} herunter"),
    ("Read the guide at {u} first.", "Lesen Sie zuerst die Anleitung unter {u}."),
]
EMAILS = [
    "support@example.org", "privacy@example.com", "help.desk@example.net", "noreply@mail.example.org",
    "security@example.com", "press@example.org", "billing@example.net",
]  # fmt: skip
EMAIL_FRAMES = [
    ("Write to {e} if you need help.", "Schreiben Sie an {e}, wenn Sie Hilfe brauchen."),
    ("Questions? Contact {e}.", "Fragen? Kontakt: {e}."),
]
LINES = [
    (
        "Your changes were saved.\nRestart the app to apply them.",
        "Ihre Änderungen wurden gespeichert.\nStarten Sie die App neu, um sie anzuwenden.",
    ),
    ("Sync failed.\nCheck your connection.", "Synchronisierung fehlgeschlagen.\nPrüfen Sie Ihre Verbindung."),
    ("Name:\t%s", "Name:\t%s"),
    ("Line one\nLine two\nLine three", "Zeile eins\nZeile zwei\nZeile drei"),
    ("Update available.\nInstall now?", "Update verfügbar.\nJetzt installieren?"),
    ("Connection lost.\nRetrying in a moment…", "Verbindung verloren.\nNeuer Versuch in Kürze …"),
    ("Backup complete.\nNo errors.", "Sicherung abgeschlossen.\nKeine Fehler."),
    ("Storage almost full.\nFree some space.", "Speicher fast voll.\nGeben Sie Speicherplatz frei."),
    ("Welcome!\nLet's get started.", "Willkommen!\nLegen wir los."),
]
LINKS = [
    (
        'Read the <a href="https://www.example.org/terms">terms</a> first.',
        'Lesen Sie zuerst die <a href="https://www.example.org/terms">Bedingungen</a>.',
    ),
    ("<b>Note:</b> changes apply after a restart.", "<b>Hinweis:</b> Änderungen gelten nach einem Neustart."),
    (
        'See the <a href="https://support.example.com/kb">help center</a>.',
        'Siehe <a href="https://support.example.com/kb">Hilfe-Center</a>.',
    ),
    (
        "Press <kbd>Ctrl</kbd> to select several items.",
        "Drücken Sie <kbd>Strg</kbd>, um mehrere Elemente auszuwählen.",
    ),
    ("<i>Draft</i> saved at %s", "<i>Entwurf</i> um %s gespeichert"),
    ("Your <strong>free trial</strong> ends soon.", "Ihre <strong>Testphase</strong> endet bald."),
    (
        '<a href="/settings/privacy">Privacy settings</a>',
        '<a href="/settings/privacy">Datenschutzeinstellungen</a>',
    ),
    ("Upload an image (<em>PNG or JPEG</em>).", "Laden Sie ein Bild hoch (<em>PNG oder JPEG</em>)."),
]
ACCELERATORS = [
    ("&Open", "Ö&ffnen"), ("&Save", "&Speichern"), ("Save &As…", "Speichern &unter …"), ("&Quit", "&Beenden"),
    ("&Edit", "&Bearbeiten"), ("&View", "&Ansicht"), ("&Help", "&Hilfe"), ("&Print…", "&Drucken …"),
    ("Select &All", "&Alles auswählen"), ("&Find", "&Suchen"), ("&Replace", "&Ersetzen"), ("&Undo", "&Rückgängig"),
]  # fmt: skip


def own_units() -> list[Unit]:
    """Every clean unit of our own, in a fixed order."""
    units: list[Unit] = []
    for one, many, eins, viele in NOUNS:
        plural = f"{{count, plural, one {{# {one}}} other {{# {many}}}}}"
        plural_de = f"{{count, plural, one {{# {eins}}} other {{# {viele}}}}}"
        for en, de in ICU_FRAMES:
            units.append(Unit(en.replace("{P}", plural), de.replace("{P}", plural_de), ("icu-format",), one))
        sel = f"{{gender, select, male {{He added a {one}}} female {{She added a {one}}} other {{They added a {one}}}}}"
        sel_de = f"{{gender, select, male {{Er hat: {eins}}} female {{Sie hat: {eins}}} other {{Hinzugefügt: {eins}}}}}"
        units.append(Unit(sel, sel_de, ("icu-format",), f"select {one}"))
    units += [Unit(en, de, ("c-format",)) for en, de in PRINTF]
    for u in URLS:
        units += [Unit(en.replace("{u}", u), de.replace("{u}", u), (), u) for en, de in URL_FRAMES]
    for e in EMAILS:
        units += [Unit(en.replace("{e}", e), de.replace("{e}", e), (), e) for en, de in EMAIL_FRAMES]
    units += [Unit(en, de) for en, de in LINES]
    units += [Unit(en, de, ("c-format",) if "%s" in en else ()) for en, de in LINKS]
    units += [Unit(en, de, (), "menu") for en, de in ACCELERATORS]
    return units


_PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-+ 0#]*\d*(?:\.\d+)?(?:l|ll|h)?[sdifrxu]")
_NAMED = re.compile(r"%\(([A-Za-z_]\w*)\)([sdifr])")
_TAG_PAIR = re.compile(r"<(\w+)(?:\s[^<>]*)?>(.*?)</\1>", re.DOTALL)
_HREF = re.compile(r'href="([^"]+)"')
_ICU_OTHER = re.compile(r"other \{")
_SPACES = re.compile(r"  +")
NAMES_DE = {"name": "name_de", "count": "anzahl", "username": "benutzername", "user": "benutzer", "num": "zahl",
            "model": "modell", "value": "wert", "field": "feld", "object": "objekt", "date": "datum"}  # fmt: skip


def _icu(text: str) -> bool:
    return re.search(r"\{\w+, (?:plural|select)", text) is not None


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def drop_placeholder(s: str, t: str, rng: random.Random) -> str | None:
    found = list(_PRINTF.finditer(t))
    if not found or _icu(s):
        return None
    m = rng.choice(found)
    if m.group(0).startswith("%("):  # a named placeholder is missing when none of its occurrences is left
        return _tidy(t.replace(m.group(0), ""))
    return _tidy(t[: m.start()] + t[m.end() :])


def add_placeholder(s: str, t: str, rng: random.Random) -> str | None:
    if "{" in s:
        return None
    extra = " %(extra)s" if _NAMED.search(s) else " %s"
    return t + extra


def rename_placeholder(s: str, t: str, rng: random.Random) -> str | None:
    found = list(_NAMED.finditer(t))
    if not found:
        return None
    m = rng.choice(found)
    new = NAMES_DE.get(m.group(1), m.group(1) + "_x")
    return t[: m.start()] + f"%({new}){m.group(2)}" + t[m.end() :]


def change_type(s: str, t: str, rng: random.Random) -> str | None:
    found = [m for m in re.finditer(r"%(\([A-Za-z_]\w*\))?([sd])", t)]
    if not found:
        return None
    m = rng.choice(found)
    other = "d" if m.group(2) == "s" else "s"
    return t[: m.start()] + "%" + (m.group(1) or "") + other + t[m.end() :]


def swap_order(s: str, t: str, rng: random.Random) -> str | None:
    found = [m for m in re.finditer(r"%(?:\.\d+)?(?:l)?[sdf]", t)]
    if len(found) != 2 or found[0].group(0)[-1] == found[1].group(0)[-1]:
        return None
    a, b = found
    return t[: a.start()] + b.group(0) + t[a.end() : b.start()] + a.group(0) + t[b.end() :]


def drop_tag(s: str, t: str, rng: random.Random) -> str | None:
    m = _TAG_PAIR.search(t)
    if m is None or f"<{m.group(1)}" not in s:
        return None  # a tag the translator added (French <sup>e</sup>) is no tag of the source
    return t[: m.start()] + m.group(2) + t[m.end() :]


def add_tag(s: str, t: str, rng: random.Random) -> str | None:
    if "<" in s or "{" in s:
        return None
    words = t.split(" ")
    if len(words) < 2:
        return None
    i = rng.randrange(len(words))
    words[i] = f"<b>{words[i]}</b>"
    return " ".join(words)


def rename_tag(s: str, t: str, rng: random.Random) -> str | None:
    m = _TAG_PAIR.search(t)
    if m is None or m.group(1) == "u":
        return None
    name = m.group(1)
    return t.replace(f"<{name}", "<u", 1).replace(f"</{name}>", "</u>", 1)


def change_href(s: str, t: str, rng: random.Random) -> str | None:
    m = _HREF.search(t)
    if m is None or m.group(0) not in s:
        return None
    url = m.group(1)
    changed = url.replace("docs.", "doku.", 1) if "docs." in url else url.rstrip("/") + "/hilfe"
    return t[: m.start(1)] + changed + t[m.end(1) :]


def icu_drop_other(s: str, t: str, rng: random.Random) -> str | None:
    if not _icu(s) or "plural" not in t:
        return None
    return t.replace("other {", "andere {", 1)


def icu_rename_argument(s: str, t: str, rng: random.Random) -> str | None:
    if not _icu(s) or "{count," not in t:
        return None
    return t.replace("{count,", "{anzahl,", 1)


def icu_drop_pound(s: str, t: str, rng: random.Random) -> str | None:
    if not _icu(s) or "other {# " not in t:
        return None
    return t.replace("other {# ", "other {", 1)


def icu_translate_key(s: str, t: str, rng: random.Random) -> str | None:
    if not _icu(s) or "male {" not in t:
        return None
    return t.replace("female {", "weiblich {", 1)


def change_url(s: str, t: str, rng: random.Random) -> str | None:
    m = re.search(r"https?://[^\s<>\"]+[^\s<>\".,]", t)
    if m is None:
        return None
    return t[: m.start()] + m.group(0).replace("example", "beispiel") + t[m.end() :]


def change_email(s: str, t: str, rng: random.Random) -> str | None:
    m = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", t)
    if m is None:
        return None
    return t[: m.start()] + "hilfe@" + m.group(0).split("@", 1)[1] + t[m.end() :]


def drop_newline(s: str, t: str, rng: random.Random) -> str | None:
    if "\n" not in t:
        return None
    return t.replace("\n", " ", 1)


def drop_accelerator(s: str, t: str, rng: random.Random) -> str | None:
    if not re.search(r"&\w", t) or not re.search(r"&\w", s):
        return None
    return re.sub(r"&(\w)", r"\1", t, count=1)


Injection = Callable[[str, str, random.Random], str | None]
INJECTIONS: list[tuple[str, Injection, str]] = [
    ("placeholder missing", drop_placeholder, "QA801"),
    ("placeholder extra", add_placeholder, "QA802"),
    ("placeholder renamed", rename_placeholder, "QA803"),
    ("placeholder type changed", change_type, "QA804"),
    ("placeholder order changed", swap_order, "QA805"),
    ("ICU other branch lost", icu_drop_other, "QA811"),
    ("ICU argument renamed", icu_rename_argument, "QA813"),
    ("ICU # dropped", icu_drop_pound, "QA818"),
    ("ICU select key translated", icu_translate_key, "QA817"),
    ("tag missing", drop_tag, "QA821"),
    ("tag extra", add_tag, "QA822"),
    ("tag renamed", rename_tag, "QA823"),
    ("tag attribute changed", change_href, "QA825"),
    ("URL changed", change_url, "fidelity2"),
    ("e-mail changed", change_email, "fidelity2"),
    ("escape \\n dropped", drop_newline, "fidelity2"),
    ("accelerator dropped", drop_accelerator, "fidelity2"),
]
"""Error type, injection, and the rule meant to catch it."""
