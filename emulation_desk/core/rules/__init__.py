"""Eligibility rules, one module per legal regime (pure Python: reads plain facts, never the database).

- :mod:`facts` — what the rules read (a subject's history, the nomination, the year's quota counts); awards
  carry their achievement year or period (:mod:`emulation_desk.core.achievement`), the regime follows the
  decision date;
- :mod:`common`, :mod:`collective`, :mod:`general` — shared predicates and the checks every nomination gets;
- :mod:`nd91` (decisions to 31/12/2023), :mod:`nd98` (to 30/6/2025), :mod:`nd152` (to 30/9/2026),
  :mod:`luat2026` (the amended Law from 01/10/2026, with its unconfirmed points said in every verdict) — each
  form's rules, citing their articles;
- :mod:`settings` — unconfirmed thresholds and quotas, with their defaults;
- :mod:`engine` — :func:`~emulation_desk.core.rules.engine.judge` and "who almost qualifies".
"""
