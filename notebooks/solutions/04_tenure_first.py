# Solution · 04: weights in which tenure (how long you have been connected) counts most.
# Any tenure above the other three weights is right; the others keep their defaults (3, 3, 2).
tenure_first = helpers.PriorityWeights(tenure=5.0)
tenure_first
