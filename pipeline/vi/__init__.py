"""Vietnamese language knowledge shared by every stage (like spaCy's ``lang/vi/``): the one reader of data
tables, orthography (syllables, tone placement, folding keys) and tokenizers."""
