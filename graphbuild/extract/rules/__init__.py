"""The relation rules, one module per family: `structural` (titles, owners, members),
`verbs` (lexicon verb triggers and what modality makes of them) and `nouns` (nominal
events: "the talks between X and Y", "EU sanctions against Russia").

Each rule is a function over a token or a sentence and the document's `DocContext`, and
yields `Candidate`s; `RelationExtractor` runs them over every sentence with an actor.
"""
