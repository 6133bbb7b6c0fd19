"""Named entities (PER, LOC, ORG, MISC) of the clean text, with canonical names and stable entity ids."""
from .keys import choose_canonicals, entity_key
from .recognizer import EntityMention, EntityRecognizer

__all__ = ["EntityMention", "EntityRecognizer", "choose_canonicals", "entity_key"]
