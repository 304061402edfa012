"""The gap layer: the grid of the two scales, who is a John, priority with plain-words reasons (`grid`),
and the ranked reconnect list with openers (`reconnect`).

May import: `base`, `export`, `tags`."""
