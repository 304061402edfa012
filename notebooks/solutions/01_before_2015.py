# Solution · 01: how many contacts did you connect with before 2015?
connected_on = network.connections["connected_on"]       # a date per contact (empty when unknown)
before_2015 = int((connected_on < "2015-01-01").sum())    # each True counts as 1
before_2015
