"""The year's awards: nominations, blocs, eligibility, decisions and bonuses, imports."""
