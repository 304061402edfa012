# Solution · 00: how many contacts were loaded? One row per contact in network.connections.
contacts = len(network.connections)
contacts
