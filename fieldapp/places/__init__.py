"""Place names offline: the gazetteer behind place guesses, Go to, the Place field, map labels."""
