"""Place names offline: the gazetteer behind place guesses, Go to, the report form and map labels."""
