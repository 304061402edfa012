# Solution · 02: how many people have you rated on both scales? (Rate five with the tagger first.)
tags = store.current()                                    # one row per person you have rated
both = tags["relationship"].notna() & tags["business"].notna()
rated_both = int(both.sum())
rated_both
