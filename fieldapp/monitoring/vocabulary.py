"""The words near-duplicate clustering treats apart (similarity.py): common words, hazards,
words that are capitalised without naming a place. French and English; folded (folding.py).

Constants only, any thread.
"""

from __future__ import annotations

# fmt: off
# Common words: no weight in a post's words.
STOPWORDS = frozenset([
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "c", "ca", "d", "dans", "de", "des",
    "du", "elle", "en", "est", "et", "eux", "il", "ils", "je", "j", "l", "la", "le", "les",
    "leur", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi", "mon", "n", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se",
    "ses", "si", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
    "vos", "votre", "vous", "y", "ete", "etre", "avoir", "ai", "as", "avons", "avez", "ont",
    "sera", "suis", "tres", "plus", "moins", "tout", "tous", "toute", "toutes", "fait",
    "faire", "comme", "aussi", "bien", "deja", "encore", "ici", "voila", "the", "of",
    "and", "to", "in", "on", "at", "for", "from", "with", "by", "is", "are", "was", "were",
    "be", "been", "it", "its", "this", "that", "these", "those", "an", "or", "not", "no", "as",
    "but", "if", "so", "than", "then", "there", "their", "they", "them", "he", "she", "we",
    "you", "your", "our", "my", "i", "has", "have", "had", "do", "does", "did", "will",
    "would", "can", "could", "just", "now", "via", "rt", "mt", "cc", "amp",
])

# Hazard kinds by word start (folded): a translated copy keeps the kind.
HAZARDS = (
    ("inond", "flood"), ("crue", "flood"), ("flood", "flood"), ("submer", "flood"),
    ("debord", "flood"), ("overflow", "flood"),
    ("incendi", "fire"), ("wildfire", "fire"), ("blaze", "fire"), ("flamme", "fire"),
    ("flame", "fire"), ("brul", "fire"), ("burn", "fire"),
    ("tempete", "storm"), ("storm", "storm"), ("orage", "storm"), ("thunder", "storm"),
    ("rafale", "storm"), ("gust", "storm"), ("ouragan", "storm"), ("tornad", "storm"),
    ("seisme", "quake"), ("earthquake", "quake"), ("quake", "quake"),
    ("glissement", "landslide"), ("eboul", "landslide"), ("landslide", "landslide"),
    ("rockfall", "landslide"), ("coulee", "landslide"), ("mudslide", "landslide"),
    ("disparu", "missing"), ("disparition", "missing"), ("missing", "missing"),
    ("accident", "accident"), ("crash", "accident"), ("collision", "accident"),
    ("carambol", "accident"),
    ("pillage", "looting"), ("pilleur", "looting"), ("loot", "looting"),
    ("neige", "snow"), ("snow", "snow"), ("verglas", "snow"),
)

# Whole words only: as starts they would take in "feuille" or "firefighters".
HAZARD_WORDS = {"feu": "fire", "feux": "fire", "fire": "fire", "fires": "fire"}

# Capitalised at the start of a headline or a sentence without being a place.
NOT_NAMES = STOPWORDS | frozenset([
    "alerte", "alert", "urgent", "info", "infos", "attention", "vigilance", "breaking",
    "update", "flash", "direct", "live", "photo", "photos", "video", "videos", "thread",
    "rappel", "bilan", "communique", "point", "nouveau", "new", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "prefecture", "mairie", "pompiers", "police", "gendarmerie", "secours", "sdis", "faux",
    "fake", "rumeur", "rumour", "rumor", "non", "oui", "merci", "svp", "please", "help",
    "aide", "evacuation", "route", "routes", "rue", "pont", "ecole", "camping",
])

# In a text without capitals (or all in capitals) the word after these names a place.
BEFORE_PLACE = frozenset(["à", "a", "in", "at", "near"])
# fmt: on
