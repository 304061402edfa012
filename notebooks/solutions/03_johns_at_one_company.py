# Solution · 03: how many Johns work at the company with the most of them?
johns = gap[gap["is_john"]]                               # like or trust them, can't say what they do
per_company = johns["company"].value_counts()             # Johns per company, largest first
johns_at_one_company = int(per_company.iloc[0]) if len(per_company) else 0
johns_at_one_company
