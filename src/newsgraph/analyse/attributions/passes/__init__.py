"""The passes of the attribution engine, each a function `(scene, ledger) ->
list[Found]` returning the attributions it recorded; their order is set
once, in analyse/attributions/spans.py."""
