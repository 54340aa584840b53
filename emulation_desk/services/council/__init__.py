"""The emulation council: meetings, attendance, votes, and the vote rules."""
