# Solution · 06: how many different people are in at least one suggested introduction?
people = set(suggestions["needs_id"]) | set(suggestions["offers_id"])   # each person once
people_you_can_help = len(people)
people_you_can_help
