# Solution · 05: you trust Maria (relationship 3) and had coffee on 10 March 2026. When is she due?
months = helpers.CADENCE_MONTHS[3]                        # trust: every 3 months (like 6, know 12)
maria_due = helpers.next_reach_out("2026-03-10", 3)       # 10 March 2026 + 3 months
maria_due
