"""Records the clerk keeps: units, people, the office profile, the award catalog."""
