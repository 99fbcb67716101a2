"""Words of page furniture and calls to action, per language, as phrase tables a paragraph's tokens
are looked up in (the `cta` and `furniture` signals of the boilerplate model: counted once per
paragraph text in features.py, weighed in signals.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Interface verbs and phrases of a call to action, per language (lower case, matched on word edges).
CTA_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "share", "shares", "subscribe", "sign up", "sign in", "log in", "login", "follow us", "follow",
        "click", "tap here", "download", "buy now", "shop now", "order now", "read more", "read next",
        "watch", "listen", "join", "register", "comment", "comments", "reply", "contact us", "donate",
        "support us", "learn more", "get the app", "see more", "view all", "load more", "show more",
        "print", "email", "save", "bookmark", "skip to", "back to top", "see all", "explore",
    ),
    "fr": (
        "partager", "partagez", "abonnez-vous", "s'abonner", "s’abonner", "inscrivez-vous", "suivez-nous",
        "cliquez", "télécharger", "acheter", "lire la suite", "lire aussi", "regarder", "rejoignez",
        "commenter", "répondre", "contactez", "faire un don", "soutenez", "en savoir plus", "voir plus",
        "imprimer", "se connecter", "connexion",
    ),
    "de": (
        "teilen", "abonnieren", "anmelden", "registrieren", "folgen sie", "klicken", "herunterladen",
        "jetzt kaufen", "weiterlesen", "mehr lesen", "ansehen", "kommentieren", "antworten", "kontakt",
        "spenden", "unterstützen", "mehr erfahren", "drucken", "lesen sie auch", "einloggen",
    ),
    "es": (
        "compartir", "suscríbete", "suscribirse", "regístrate", "síguenos", "haz clic", "descargar",
        "comprar", "leer más", "ver más", "comentar", "responder", "contacto", "donar", "apoya",
        "imprimir", "iniciar sesión", "lea también",
    ),
    "it": (
        "condividi", "iscriviti", "abbonati", "registrati", "seguici", "clicca", "scarica", "acquista",
        "leggi anche", "leggi tutto", "guarda", "commenta", "rispondi", "contatti", "dona ora",
        "sostieni", "stampa", "accedi",
    ),
    "pt": (
        "compartilhe", "compartilhar", "assine", "inscreva-se", "cadastre-se", "siga-nos", "clique",
        "baixar", "leia mais", "leia também", "veja também", "assista", "comente", "contato", "doe",
        "apoie", "entrar",
    ),
    "ru": (
        "поделиться", "подписаться", "подпишитесь", "войти", "зарегистрироваться", "читать далее",
        "читайте также", "подробнее", "смотреть", "комментировать", "ответить", "контакты",
        "поддержать", "скачать", "купить", "печать",
    ),
}  # fmt: skip

#: Words of page furniture: legal, navigation, ads, publication metadata (lower case, word edges).
FURNITURE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "privacy", "privacy policy", "cookie", "cookies", "terms of use", "terms of service",
        "copyright", "all rights reserved", "newsletter", "advertisement", "sponsored", "related",
        "trending", "most popular", "recommended", "menu", "home", "search", "about us", "tags",
        "categories", "category", "archive", "archives", "author", "posted", "published", "updated",
        "min read", "views", "affiliate", "commission", "disclosure", "staff writer", "sitemap",
        "you may also like", "more from", "previous", "next", "subscribers", "followers",
    ),
    "fr": (
        "confidentialité", "mentions légales", "publicité", "articles similaires", "à la une",
        "accueil", "recherche", "catégories", "auteur", "publié", "mis à jour", "abonnés",
    ),
    "de": (
        "datenschutz", "impressum", "werbung", "anzeige", "ähnliche artikel", "startseite", "suche",
        "kategorien", "autor", "veröffentlicht", "aktualisiert", "nutzungsbedingungen",
    ),
    "es": (
        "privacidad", "aviso legal", "publicidad", "relacionados", "relacionadas", "inicio",
        "buscar", "categorías", "publicado", "actualizado", "suscriptores",
    ),
    "it": ("pubblicità", "correlati", "cerca", "categorie", "autore", "pubblicato", "aggiornato"),
    "pt": ("privacidade", "publicidade", "início", "pesquisar", "categorias", "publicado", "atualizado"),
    "ru": (
        "реклама", "конфиденциальности", "похожие", "главная", "поиск", "рубрики", "автор",
        "опубликовано", "обновлено", "комментарии",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class _PhraseTable:
    """Phrases as token tuples (tokenised as paragraphs are), indexed by their first token: a
    paragraph's tokens are looked up once each, and only where a phrase can start is a slice compared."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    firsts: frozenset[str]


def phrase_table(words: dict[str, tuple[str, ...]], tokenize: Callable[[str], list[str]]) -> _PhraseTable:
    """The table of `words`, tokenised by `tokenize` (the paragraphs' own tokeniser)."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for phrases in words.values():
        for phrase in phrases:
            toks = tuple(tokenize(phrase))
            if toks:
                by_first.setdefault(toks[0], set()).add(toks)
    return _PhraseTable({k: tuple(v) for k, v in by_first.items()}, frozenset(by_first))


def phrase_hits(toks: Sequence[str], table: _PhraseTable) -> int:
    """How many of the paragraph's token n-grams are phrases of `table` (at most 3 counted)."""
    if table.firsts.isdisjoint(toks):
        return 0
    hits = 0
    by_first = table.by_first
    for i, t in enumerate(toks):
        starting = by_first.get(t)
        if starting is None:
            continue
        for phrase in starting:
            if len(phrase) == 1 or tuple(toks[i : i + len(phrase)]) == phrase:
                hits += 1
                if hits >= 3:
                    return hits
    return hits
