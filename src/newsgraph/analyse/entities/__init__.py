"""The entities layer: one entity per real-world thing, with its mentions, and what
later layers need to resolve a description or a pronoun to one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.analyse.entities.stage import EntityIndex
    from newsgraph.model import Entity

ENTITIES: HandOff[tuple[Entity, ...]] = HandOff("entities", "the entities layer")
ENTITY_INDEX: HandOff[EntityIndex] = HandOff("entity_index", "every kept mention sorted by offset, for lookups by position")
ENTITY_GENDER: HandOff[dict[str, str]] = HandOff("entity_gender", "entity id -> 'm' | 'f' for PERSON entities whose gender the text shows")
ENTITY_SUBJECTS: HandOff[dict[tuple[int, int], float]] = HandOff(
    "entity_subjects", "mention span -> salience weight, for mentions that are sentence subjects")
