"""Place names offline: the gazetteer behind place guesses, Go to, the Place field, map labels.

`Gazetteer`, `Place` (fieldapp.places.gazetteer) and `guess_places`, `Guess`
(fieldapp.places.guess) are the API; `python -m fieldapp.places.build` makes the file.
Importing this package opens nothing; the file is opened on the first lookup.
"""
