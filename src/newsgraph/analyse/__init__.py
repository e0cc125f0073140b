"""One module per annotation layer; nlp.py loads the spaCy pipeline once."""
