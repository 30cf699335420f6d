"""Shared data and helpers of the leftover-junk rules (QA3xx).

The phrase lists that users extend most (web boilerplate, sponsor lines, bylines) are data rules in
``rules/boilerplate*.yaml``. What lives here is what code rules need as plain data: stock-photo agency
names, "table of contents" headings, brand names written in camel case, and the error strings a CMS
leaves behind. Each list is extensible through the rule's options.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from qa_pipeline.model import PROTECTED_CHAR, Segment, SegmentKind

# Image agencies and stock-photo brands seen in credit lines ("Photodisc/Getty Images").
STOCK_AGENCIES: tuple[str, ...] = (
    "Getty Images",
    "iStockphoto",
    "iStock",
    "Shutterstock",
    "Photodisc",
    "Digital Vision",
    "Jupiterimages",
    "Creatas Images",
    "Creatas",
    "Comstock Images",
    "Comstock",
    "Stockbyte",
    "Thinkstock",
    "Hemera Technologies",
    "Hemera",
    "PhotoObjects.net",
    "Brand X Pictures",
    "Fuse",
    "Pixland",
    "Polka Dot Images",
    "BananaStock",
    "Goodshoot",
    "Ingram Publishing",
    "Medioimages",
    "Blend Images",
    "Wavebreak Media",
    "Adobe Stock",
    "Dreamstime",
    "Alamy",
    "123RF",
    "Fotolia",
    "Depositphotos",
    "Corbis",
)
# Names that are ordinary words in some language: only a credit when in a "/" chain or glued.
AMBIGUOUS_AGENCIES = frozenset({"Fuse", "Hemera", "Comstock", "Creatas", "Pixland", "Goodshoot", "Corbis"})

# Labels that introduce a photo credit, per language (case-insensitive, followed by ":").
CREDIT_LABELS: tuple[str, ...] = (
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "credit",
    "photo credit",
    "image credit",
    "source",
    "crédit photo",
    "crédit",
    "foto",
    "fotos",
    "bild",
    "bildquelle",
    "fotografía",
    "imagen",
    "immagine",
    "créditos",
    "crédito",
    "kuva",
    "bild:",
    "zdjęcie",
    "fot",
    "fotografija",
    "slika",
    "görsel",
    "fotoğraf",
    "фото",
    "изображение",
    "صورة",
    "写真",
    "图片",
    "圖片",
    "사진",
    "afbeelding",
    "beeld",
)

# Headings that announce a table of contents ("Table of contents:"), casefolded, without the colon.
TOC_HEADINGS: tuple[str, ...] = (
    "table of contents",
    "contents:",
    "toc",
    "table des matières",
    "sommaire",
    "inhaltsverzeichnis",
    "índice",
    "tabla de contenidos",
    "tabla de contenido",
    "indice",
    "sommario",
    "indice dei contenuti",
    "índice de conteúdos",
    "sumário",
    "inhoudsopgave",
    "inhoud",
    "spis treści",
    "sadržaj",
    "sisällysluettelo",
    "sisällys",
    "innehållsförteckning",
    "innehåll",
    "içindekiler",
    "содержание",
    "оглавление",
    "جدول المحتويات",
    "المحتويات",
    "فهرس المحتويات",
    "目次",
    "目录",
    "目錄",
    "목차",
    "차례",
    "obsah",
    "tartalomjegyzék",
    "cuprins",
    "daftar isi",
    "mục lục",
    "πίνακας περιεχομένων",
    "indholdsfortegnelse",
    "innholdsfortegnelse",
    "зміст",
)

# Camel-case brand and product names: a lower-to-upper join inside them is not glued text.
CAMEL_CASE_NAMES: tuple[str, ...] = (
    "JavaScript",
    "TypeScript",
    "CoffeeScript",
    "ActionScript",
    "PostScript",
    "WordPress",
    "PowerPoint",
    "PowerShell",
    "SharePoint",
    "OneDrive",
    "OneNote",
    "LinkedIn",
    "PlayStation",
    "DreamWorks",
    "HarperCollins",
    "QuickTime",
    "FaceTime",
    "WhatsApp",
    "SoundCloud",
    "DropBox",
    "GarageBand",
    "FileMaker",
    "DuckDuckGo",
    "PayPal",
    "PayScale",
    "MasterCard",
    "SpaceX",
    "SmartArt",
    "WordArt",
    "AutoCAD",
    "HubSpot",
    "MailChimp",
    "SurveyMonkey",
    "ZipRecruiter",
    "CareerBuilder",
    "GlassDoor",
    "BlackBerry",
    "ThinkPad",
    "IdeaPad",
    "MacBook",
    "AirPods",
    "AirPlay",
    "AirDrop",
    "HomePod",
    "StarCraft",
    "WarCraft",
    "WikiLeaks",
    "WikiHow",
    "DeepMind",
    "OpenAI",
    "DeepL",
    "LibreOffice",
    "OpenOffice",
    "FireWire",
    "ThunderBolt",
    "BitTorrent",
    "BitLocker",
    "FreeBSD",
    "OpenBSD",
    "NetBSD",
    "GitLab",
    "GitHub",
    "BitBucket",
    "SourceForge",
    "StackOverflow",
    "ReadTheDocs",
    "reStructuredText",
    "TeXLive",
    "MiKTeX",
    "LaTeX",
    "BibTeX",
    "XeLaTeX",
    "LuaLaTeX",
    "DevHelp",
    "QtHelp",
    "HtmlHelp",
    "HTMLHelp",
    "AppleHelp",
    "SingleHtml",
    "DirHtml",
    "DocUtils",
    "SmartyPants",
    "MathJax",
    "KaTeX",
    "NumPy",
    "SciPy",
    "PyPI",
    "PyPy",
    "CPython",
    "IronPython",
    "MicroPython",
    "WebKit",
    "WebGL",
    "WebAssembly",
    "WebRTC",
    "WebView",
    "TouchBar",
    "PlayStore",
    "AppStore",
    "AppGallery",
    "YouTube",
    "StumbleUpon",
    "ReverbNation",
    "CrowdStrike",
    "SalesForce",
    "ServiceNow",
    "WorkDay",
    "QuickBooks",
    "TurboTax",
    "FedEx",
    "InDesign",
    "PhotoShop",
    "DreamWeaver",
    "FrameMaker",
    "RoboHelp",
    "MadCap",
    "SnagIt",
    "TeamViewer",
    "AnyDesk",
    "VirtualBox",
    "VMware",
    "HarmonyOS",
    "EasyJet",
    "RyanAir",
    "JetBlue",
    "WestJet",
    "AirAsia",
    "SkyTeam",
    "StarAlliance",
    "CinemaScope",
    "DisplayPort",
    "ImageMagick",
    "GraphicsMagick",
    "GraphViz",
    "PlantUML",
    "SQLite",
    "MySQL",
    "PostgreSQL",
    "MongoDB",
    "CouchDB",
    "DynamoDB",
    "RabbitMQ",
    "ZeroMQ",
    "FontAwesome",
    "SourceHut",
    "DjangoCon",
    "PyCon",
    "JetBrains",
    "IntelliJ",
    "NetBeans",
    "VSCode",
    "GitKraken",
    "TortoiseGit",
    "NuGet",
    "CocoaPods",
    "MacPorts",
    "HomeBrew",
    "FreeType",
    "OpenType",
    "TrueType",
    "CloudFlare",
    "DigitalOcean",
    "FireFox",
    "PayScale",
    "McDonald",
    "iPhone",
    "eBay",
    "TikTok",
    "SnapChat",
    "CamelCase",
    "CommonMark",
    "GitBook",
    "MkDocs",
    "DocBook",
    "AsciiDoc",
    "OpenAPI",
    "GraphQL",
    "TensorFlow",
    "PyTorch",
    "JupyterLab",
    "JupyterHub",
    "HuggingFace",
    "OpenStreetMap",
    "WordNet",
    "SharePoint",
    "StackExchange",
    "PascalCase",
    "camelCase",
)

# Words that end a known junk phrase; letters glued straight after them mean a lost line break.
GLUE_PHRASES: tuple[str, ...] = (
    "not found",
    "read more",
    "advertisement",
    "video of the day",
    "click here",
    "share this",
    "related articles",
    "photo credit",
    "brought to you by",
    "sponsored",
    "anonymous",
    "anonim",
    "lire la suite",
    "weiterlesen",
    "leer más",
    "leggi di più",
    "ler mais",
    "lees meer",
    "czytaj więcej",
    "pročitajte više",
    "lue lisää",
    "läs mer",
    "devamını oku",
    "читать далее",
    "подробнее",
)

_GLUABLE = regex.compile(
    r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{Armenian}\p{Arabic}\p{Hebrew}\p{Georgian}]", regex.V1
)
_CMS_ERROR = regex.compile(r"\$[A-Za-z_]\w*(?:\[[^\]\n]{0,40}\])+(?:[ \t]+not[ \t]+found)?", regex.V1)


@cache
def _ci_set(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(i.casefold() for i in items)


def normalize_heading(text: str) -> str:
    """Casefolded heading text without surrounding space, colons, dashes and markup characters."""
    text = text.strip().strip("#*_=-–—:：;.·•>| \t\u00a0")
    return " ".join(text.casefold().split())


def is_toc_heading(text: str, extra: Iterable[str] = ()) -> bool:
    """``Table of contents:`` / ``目次:`` / ``Sadržaj`` (whole text, any language)."""
    norm = normalize_heading(text)
    if not norm:
        return False
    known = _ci_set(TOC_HEADINGS) | {normalize_heading(e) for e in extra}
    stripped = {k.rstrip(":") for k in known}
    # "contents" alone is a TOC heading only with its colon ("Contents:"); every other entry either way
    if norm == "contents":
        return text.strip().endswith((":", "："))
    return norm in stripped


def is_document_text(segment: Segment) -> bool:
    """Published prose (paragraph, heading, list item, table cell), not a software-string unit."""
    return segment.kind not in (SegmentKind.UNIT, SegmentKind.PLURAL)


def cms_errors(text: str) -> list[regex.Match[str]]:
    """``$config[code] not found``-style unrendered CMS variables."""
    return list(_CMS_ERROR.finditer(text))


def has_protected(text: str) -> bool:
    return PROTECTED_CHAR in text


def glued_letters_after(text: str, end: int) -> int:
    """End of a run of letters glued at ``end`` (``end`` itself when there is none).

    Only letters of scripts that separate words with spaces count: a Japanese particle or a Korean
    particle written straight after a Latin name ("Getty Imagesは", "Getty Images는") is normal there.
    """
    i = end
    while i < len(text) and (_GLUABLE.match(text[i]) or (i > end and regex.match(r"\p{M}", text[i]))):
        i += 1
    return i
