"""Comparing two versions of a document: provisions split off the provision tree
(:mod:`.split`), aligned by number and by text (:mod:`.align`), as plain data
(:mod:`.model`)."""
