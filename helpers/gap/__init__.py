"""The gap layer: the grid of the two scales, who is a John, priority with plain-words reasons (`grid`),
the ranked reconnect list with openers (`reconnect`), and the introductions your network can make: the
honest answer to "Can you introduce me to ...?" (`introductions`) and need-offer matching of coffee-chat
notes with scikit-learn TF-IDF (`matchmaking`).

May import: `base`, `export`, `tags`."""
