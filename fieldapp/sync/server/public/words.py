"""The public form's words, in English and French, and the choice of a page's language.

The server has no Qt, so its pages cannot use the desktop's .ts catalogues: every
visible sentence of the form lives here once, with its French beside it (a test checks
that both are filled). `pick_language` follows `?lang=`, then the browser's
Accept-Language, then the operation's first language. Pure: any thread.
"""

# ruff: noqa: E501 - each sentence pair stays on its lines
from __future__ import annotations

from collections.abc import Mapping, Sequence

WORDS: Mapping[str, tuple[str, str]] = {
    "exercise": ("EXERCISE — this form is part of an exercise.",
                 "EXERCICE — ce formulaire fait partie d'un exercice."),
    "danger": ("In danger now? Call 112. This form is not watched every minute.",
               "En danger maintenant ? Appelez le 112. Ce formulaire n'est pas suivi à chaque minute."),
    "other_language": ("Version française", "English version"),
    "text": ("What do you see?", "Que voyez-vous ?"),
    "text_hint": ("Facts: what, how many, since when.", "Des faits : quoi, combien, depuis quand."),
    "kind": ("What is it?", "De quoi s'agit-il ?"),
    "kind_flooding": ("Flooding", "Inondation"),
    "kind_road_cut": ("Road cut", "Route coupée"),
    "kind_damage": ("Damage", "Dégâts"),
    "kind_people_in_need": ("People in need", "Personnes en difficulté"),
    "kind_other": ("Other", "Autre"),
    "where": ("Where?", "Où ?"),
    "place": ("Place name (town, street, landmark)", "Lieu (commune, rue, repère)"),
    "locate": ("Use my position", "Utiliser ma position"),
    "locating": ("Asking your browser for your position…", "Position demandée au navigateur…"),
    "located": ("Position taken.", "Position prise."),
    "not_located": ("No position: type a place name instead.",
                    "Pas de position : tapez plutôt un nom de lieu."),
    "map": ("Or tap the map where it is:", "Ou touchez la carte à l'endroit concerné :"),
    "zoom_in": ("Zoom in", "Zoom avant"),
    "zoom_out": ("Zoom out", "Zoom arrière"),
    "tapped": ("Place marked on the map.", "Lieu marqué sur la carte."),
    "photo": ("Photo (optional, up to 10 MB)", "Photo (facultative, 10 Mo au plus)"),
    "photo_position": ("Use the position saved in the photo, if it has one",
                       "Utiliser la position enregistrée dans la photo, s'il y en a une"),
    "photo_hint": ("The photo is copied without its hidden data (camera, time, position).",
                   "La photo est recopiée sans ses données cachées (appareil, heure, position)."),
    "contact": ("Your phone number (optional)", "Votre numéro de téléphone (facultatif)"),
    "contact_hint": ("Only the coordinators see it, to call you back if needed.",
                     "Seuls les coordinateurs le voient, pour vous rappeler si besoin."),
    "honeypot": ("Leave this field empty", "Laissez ce champ vide"),
    "consent": ("I agree that the volunteers keep and use this report as explained below.",
                "J'accepte que les bénévoles gardent et utilisent ce signalement comme expliqué ci-dessous."),
    "send": ("Send", "Envoyer"),
    "errors": ("The report was not sent: please correct the fields marked below.",
               "Le signalement n'est pas parti : corrigez les champs signalés ci-dessous."),
    "err_required": ("Please fill this in.", "Merci de remplir ce champ."),
    "err_too_short": ("A few more words, please.", "Quelques mots de plus, s'il vous plaît."),
    "err_too_long": ("This is too long.", "C'est trop long."),
    "err_unknown": ("Please choose one of the answers.", "Choisissez l'une des réponses."),
    "err_range": ("This position is not on Earth.", "Cette position n'existe pas."),
    "err_where": ("Say where: a place name, your position or a tap on the map.",
                  "Dites où : un nom de lieu, votre position ou un point sur la carte."),
    "err_phone": ("This is not a phone number.", "Ce n'est pas un numéro de téléphone."),
    "err_consent": ("Please tick this box to send.", "Cochez cette case pour envoyer."),
    "err_not_image": ("This file is not a photo (JPEG, PNG, WebP or GIF).",
                      "Ce fichier n'est pas une photo (JPEG, PNG, WebP ou GIF)."),
    "err_too_many_pixels": ("This picture is too large.", "Cette image est trop grande."),
    "err_too_large": ("This photo is over 10 MB.", "Cette photo dépasse 10 Mo."),
    "who": ("This form is run by %1 with FieldApp, on its own server.",
            "Ce formulaire est tenu par %1 avec FieldApp, sur son propre serveur."),
    "who_default": ("the volunteers of the operation \u201c%1\u201d",
                    "les bénévoles de l'opération « %1 »"),
    "retention": ("Reports are kept %1 days, then deleted. Your phone number is seen only by the"
                  " coordinators. The page loads nothing from other sites.",
                  "Les signalements sont gardés %1 jours, puis effacés. Votre numéro n'est vu que"
                  " par les coordinateurs. La page ne charge rien d'autres sites."),
    "until": ("Open until %1 (UTC).", "Ouvert jusqu'au %1 (UTC)."),
    "thanks": ("Thank you: your report was received", "Merci : votre signalement est arrivé"),
    "receipt": ("Your receipt code:", "Votre code de reçu :"),
    "receipt_hint": ("Quote it if you call the team about this report.",
                     "Citez-le si vous appelez l'équipe au sujet de ce signalement."),
    "another": ("Send another report", "Envoyer un autre signalement"),
    "back": ("Back to the form", "Retour au formulaire"),
    "closed_title": ("This form is closed", "Ce formulaire est fermé"),
    "closed": ("It no longer takes reports. Nothing was sent. In danger? Call 112.",
               "Il ne reçoit plus de signalements. Rien n'a été envoyé. En danger ? Appelez le 112."),
    "unknown_title": ("No such form", "Formulaire introuvable"),
    "unknown": ("Check the address on the poster or message.",
                "Vérifiez l'adresse sur l'affiche ou le message."),
    "busy_title": ("Too many reports at once", "Trop de signalements à la fois"),
    "busy": ("Your report was not sent. Please wait %1 and send it again. Thank you for your patience.",
             "Votre signalement n'est pas parti. Attendez %1 puis renvoyez-le. Merci de votre patience."),
    "minutes": ("%1 minute(s)", "%1 minute(s)"),
    "seconds": ("%1 second(s)", "%1 seconde(s)"),
    "large_title": ("This is too large", "C'est trop gros"),
    "large": ("Nothing was sent: a report with its photo may weigh up to 10 MB. Choose a smaller photo.",
              "Rien n'est parti : un signalement avec sa photo pèse 10 Mo au plus. Choisissez une photo plus petite."),
    "token_title": ("This page has expired", "Cette page a expiré"),
    "token": ("Nothing was sent: the form was too old or did not come from this site. Go back, reload"
              " the page and send again.",
              "Rien n'est parti : le formulaire était trop ancien ou ne venait pas de ce site. Revenez,"
              " rechargez la page et renvoyez."),
    "honeypot_title": ("Not sent", "Non envoyé"),
    "honeypot_text": ("Nothing was sent: a field meant to stay empty was filled (automatic filling"
                      " does this sometimes). Go back, empty it and send again.",
                      "Rien n'est parti : un champ qui doit rester vide a été rempli (le remplissage"
                      " automatique le fait parfois). Revenez, videz-le et renvoyez."),
    "bad_title": ("Not understood", "Incompris"),
    "bad": ("Nothing was sent: the form arrived incomplete. Go back and send again.",
            "Rien n'est parti : le formulaire est arrivé incomplet. Revenez et renvoyez."),
}  # fmt: skip

LANGUAGE_INDEX = {"en": 0, "fr": 1}


def words(language: str) -> dict[str, str]:
    index = LANGUAGE_INDEX.get(language, 0)
    return {key: pair[index] for key, pair in WORDS.items()}


def pick_language(asked: str | None, accept: str | None, offered: Sequence[str]) -> str:
    """`?lang=` if offered, else the best offered language of Accept-Language, else the
    operation's first."""
    if asked in offered:
        return str(asked)
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate((accept or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in offered and weight > 0:
            ranked.append((-weight, n, base))
    return sorted(ranked)[0][2] if ranked else offered[0]
